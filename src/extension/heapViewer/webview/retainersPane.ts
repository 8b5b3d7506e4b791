// Why is this object alive? Paths from the selected object to a GC root, shortest first, weak
// edges already left out by the engine. Each path reads top-down: "held by X via edge".

import { formatBytes } from '../../../engine/format';
import type { HeapNode, RetainerPath } from '../protocol';
import type { HostConnection } from './rpc';
import { el } from './summaryTable';

export class RetainersPane {
  private generation = 0;

  constructor(
    private readonly root: HTMLElement,
    private readonly host: HostConnection,
    private readonly onShowInDebugger: (id: number) => void,
  ) {
    root.setAttribute('aria-live', 'polite');
    this.clear();
  }

  clear(): void {
    this.root.replaceChildren(Object.assign(el('p', 'hint'), { textContent: 'Select an object to see what keeps it alive.' }));
  }

  async show(object: HeapNode | undefined): Promise<void> {
    if (object === undefined) return this.clear();
    // A slow answer for an earlier selection must not overwrite the current one.
    const generation = ++this.generation;
    const paths = await this.host.request<RetainerPath[]>({ kind: 'retainers', ordinal: object.ordinal });
    if (generation !== this.generation) return;
    const title = el('h2', 'pane-title');
    title.textContent = `Retainers of ${object.className} @${object.id} (${formatBytes(object.retainedSize)} retained)`;
    const showButton = el('button', 'link-button');
    showButton.textContent = 'Show in Debug Variables';
    showButton.addEventListener('click', () => this.onShowInDebugger(object.id));
    const list = el('ol', 'retainer-paths', { 'aria-label': `${paths.length} retainer paths, shortest first` });
    for (const path of paths) list.append(renderPath(path));
    if (paths.length === 0) list.append(Object.assign(el('li', 'hint'), { textContent: 'No path to a GC root: only weak references hold it.' }));
    this.root.replaceChildren(title, showButton, list);
  }
}

function renderPath(path: RetainerPath): HTMLElement {
  const item = el('li', 'retainer-path');
  const steps = el('ul', 'steps');
  for (const hop of path.hops) {
    const li = el('li', 'step');
    li.textContent = `${hop.label} in ${hop.retainer.className} @${hop.retainer.id}`;
    li.title = `${hop.type} reference; ${hop.retainer.distance} references from a root`;
    steps.append(li);
  }
  if (path.hops.length === 0) steps.append(Object.assign(el('li', 'step'), { textContent: 'held directly by a GC root' }));
  item.append(steps);
  return item;
}
