// A value a user can look at and expand: the engine's neutral form of "a variable". The debug
// adapter turns these into DAP variables (children fetched lazily through variablesReference), the
// CLI prints them. Keeping it here means the engine decides *what* is shown; front ends only render.

export interface Inspectable {
  name: string;
  /** One-line rendering of the value. */
  value: string;
  /** Type or class name, when meaningful. */
  type?: string;
  /** An address the value points at, so a debugger can open memory there (DAP memoryReference). */
  memoryReference?: string;
  /** Present when the value can be expanded; called only when the user expands it. */
  children?: () => Inspectable[] | Promise<Inspectable[]>;
}

/** A named group of inspectables, e.g. the "Exception" or "Environment" scope of a frame. */
export interface InspectableScope {
  name: string;
  /** Expensive scopes (large environments, heap objects) are collapsed by default. */
  expensive: boolean;
  variables: () => Inspectable[] | Promise<Inspectable[]>;
  /** How a debugger UI should present the scope (DAP Scope.presentationHint), e.g. 'registers'. */
  presentationHint?: 'arguments' | 'locals' | 'registers';
}

/** Renders plain JSON-like data (from a report, say) as inspectables, objects and arrays expandable. */
export function inspectJson(name: string, value: unknown): Inspectable {
  if (Array.isArray(value)) {
    return {
      name,
      value: `Array(${value.length})`,
      type: 'array',
      children: () => value.map((v, i) => inspectJson(String(i), v)),
    };
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return {
      name,
      value: `{${entries.length === 0 ? '' : '…'}}`,
      type: 'object',
      children: () => entries.map(([k, v]) => inspectJson(k, v)),
    };
  }
  return { name, value: typeof value === 'string' ? JSON.stringify(value) : String(value), type: typeof value };
}
