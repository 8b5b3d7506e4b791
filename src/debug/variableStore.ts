// The handle table behind DAP's variablesReference: each expandable scope or value gets a number,
// and its children are computed only when the client asks (dumps can hold huge objects).

import type { DebugProtocol } from '@vscode/debugprotocol';
import type { Inspectable } from '../engine/inspectable';

type ChildrenSource = () => Inspectable[] | Promise<Inspectable[]>;

export class VariableStore {
  private readonly sources = new Map<number, ChildrenSource>();
  private nextReference = 1;

  /** Registers something expandable; returns its variablesReference. */
  add(children: ChildrenSource): number {
    const reference = this.nextReference++;
    this.sources.set(reference, children);
    return reference;
  }

  has(reference: number): boolean {
    return this.sources.has(reference);
  }

  /** The children of `reference`, paged by DAP's start/count, as read-only DAP variables. */
  async variables(reference: number, start = 0, count = 0): Promise<DebugProtocol.Variable[]> {
    const source = this.sources.get(reference);
    if (source === undefined) return [];
    const all = await source();
    const page = count > 0 ? all.slice(start, start + count) : all.slice(start);
    return page.map((item) => this.toVariable(item));
  }

  toVariable(item: Inspectable): DebugProtocol.Variable {
    return {
      name: item.name,
      value: item.value,
      type: item.type,
      variablesReference: item.children === undefined ? 0 : this.add(item.children),
      presentationHint: { attributes: ['readOnly'] },
      memoryReference: item.memoryReference,
    };
  }
}
