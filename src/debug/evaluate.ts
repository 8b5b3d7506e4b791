// Evaluation in a dump cannot run code: an expression is looked up, never executed. A name (or a
// dotted path such as `Environment.PATH`) is searched in the frame's scopes; anything else is
// answered with a sentence explaining what can be evaluated.

import type { Inspectable, InspectableScope } from '../engine/inspectable';

const PATH = /^[\w$@.\-[\] ]+$/;

async function findIn(items: Inspectable[], parts: string[]): Promise<Inspectable | undefined> {
  const [head, ...rest] = parts;
  const item = items.find((i) => i.name === head);
  if (item === undefined || rest.length === 0) return item;
  return item.children === undefined ? undefined : findIn(await item.children(), rest);
}

/** The value `expression` names, or a sentence saying why there is none. */
export async function evaluateInScopes(expression: string, scopes: InspectableScope[]): Promise<Inspectable | string> {
  const text = expression.trim();
  if (!PATH.test(text) || /[^=!<>]=[^=]/.test(text)) {
    return `Cannot evaluate "${text}": a dump cannot run code; enter a name shown in Variables, such as "pid" or "Environment.PATH".`;
  }
  const parts = text
    .replace(/\[(\w+)\]/g, '.$1')
    .split('.')
    .filter((p) => p !== '');
  for (const scope of scopes) {
    const variables = await scope.variables();
    const qualified = parts[0] === scope.name && parts.length > 1;
    const found = await findIn(variables, qualified ? parts.slice(1) : parts);
    if (found !== undefined) return found;
  }
  return `"${text}" is not a name in this frame's scopes (${scopes.map((s) => s.name).join(', ')}).`;
}
