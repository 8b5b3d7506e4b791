// The host's side of the heap viewer: answers the webview's requests from a loaded analysis. Free
// of the vscode API so the same code serves the real editor and the webview tests; what needs VS
// Code (picking the baseline file, showing an object in a debug session) is passed in.

import type { HeapAnalysis } from '../../engine/snapshot/service/heapAnalysis';
import type { ClassSummary, Comparison, Page, SortKey, TreemapNode, ViewerRequest } from './protocol';

export interface ViewerHostActions {
  /** Asks for a baseline snapshot and compares; null when the user cancelled. */
  compare(): Promise<Comparison | null>;
  showInDebugVariables(id: number): Promise<void>;
}

/** How many children of each treemap node are drawn: the rest are too small to see. */
const TREEMAP_CHILDREN = 12;

const COMPARE: Record<SortKey, (a: ClassSummary, b: ClassSummary) => number> = {
  name: (a, b) => a.name.localeCompare(b.name),
  count: (a, b) => a.count - b.count,
  selfSize: (a, b) => a.selfSize - b.selfSize,
  retainedSize: (a, b) => a.retainedSize - b.retainedSize,
};

export class HeapViewerBackend {
  private classes: Promise<ClassSummary[]> | undefined;

  constructor(
    private readonly analysis: HeapAnalysis,
    private readonly actions: ViewerHostActions,
  ) {}

  handle(request: ViewerRequest): Promise<unknown> {
    switch (request.kind) {
      case 'summary':
        return this.summary(request.sortBy, request.descending, request.filter, request.offset, request.limit);
      case 'instances':
        return this.analysis.query('instances', request.classId, { offset: request.offset, limit: request.limit });
      case 'edges':
        return this.analysis.query('edges', request.ordinal, { offset: request.offset, limit: request.limit });
      case 'retainers':
        return this.analysis.query('retainerPaths', request.ordinal);
      case 'statistics':
        return this.analysis.query('statistics');
      case 'treemap':
        return this.treemap(Math.max(1, Math.min(request.depth, 4)));
      case 'compare':
        return this.actions.compare();
      case 'showInDebugVariables':
        return this.actions.showInDebugVariables(request.id);
    }
  }

  private async summary(sortBy: SortKey, descending: boolean, filter: string, offset: number, limit: number): Promise<Page<ClassSummary>> {
    this.classes ??= this.analysis.query('summary');
    const needle = filter.trim().toLowerCase();
    const rows = (await this.classes).filter((c) => needle === '' || c.name.toLowerCase().includes(needle));
    const order = COMPARE[sortBy];
    rows.sort((a, b) => (descending ? order(b, a) : order(a, b)));
    const start = Math.max(0, Math.min(rows.length, offset));
    return { total: rows.length, offset: start, items: rows.slice(start, start + Math.max(0, limit)) };
  }

  /** The dominator tree from the root down `depth` levels, largest subtrees only. */
  private async treemap(depth: number): Promise<TreemapNode> {
    return this.subtree((await this.analysis.query('overview')).rootOrdinal, '(root)', depth);
  }

  private async subtree(ordinal: number, name: string, depth: number): Promise<TreemapNode> {
    const node = await this.analysis.query('node', ordinal);
    const children = depth === 0 ? [] : (await this.analysis.query('dominated', ordinal, { limit: TREEMAP_CHILDREN })).items;
    return {
      ordinal,
      id: node.id,
      name,
      retainedSize: node.retainedSize,
      children: await Promise.all(children.map((c) => this.subtree(c.ordinal, treemapLabel(c.className, c.name), depth - 1))),
    };
  }
}

/** "Map", or "(array) (object elements)": the object's own name only when it says more than its class. */
function treemapLabel(className: string, name: string): string {
  return name === '' || name === className ? className : `${className} ${name}`.slice(0, 60);
}
