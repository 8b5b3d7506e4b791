// Messages between the heap snapshot viewer's webview and the extension host. Plain data only:
// the webview asks for pages of rows, the host answers from the analysis worker, so the webview
// never holds more than what is on screen and a multi-GB snapshot never crosses the boundary.

export type SortKey = 'name' | 'count' | 'selfSize' | 'retainedSize';

export interface Totals {
  nodeCount: number;
  edgeCount: number;
  totalSize: number;
}

export interface ClassRow {
  classIndex: number;
  name: string;
  count: number;
  selfSize: number;
  retainedSize: number;
}

export interface ObjectRow {
  nodeId: number;
  name: string;
  className: string;
  selfSize: number;
  retainedSize: number;
  /** Distance from the GC roots; absent when unreachable. */
  distance?: number;
  /** Whether it has outgoing edges worth expanding. */
  expandable: boolean;
}

export interface EdgeRow {
  edgeName: string;
  edgeType: string;
  node: ObjectRow;
}

/** A retainer path from the selected object up to a GC root: each step is "held by node via edge". */
export type RetainerPath = EdgeRow[];

export interface Statistics {
  total: number;
  /** Category name ("Code", "Strings", "JS arrays", "Typed arrays", "System", "Native", "Other") → bytes. */
  categories: Array<{ name: string; size: number }>;
}

export interface TreemapNode {
  nodeId: number;
  name: string;
  retainedSize: number;
  children: TreemapNode[];
}

export interface ComparisonRow {
  name: string;
  addedCount: number;
  removedCount: number;
  addedSize: number;
  removedSize: number;
}

export interface Comparison {
  /** The other snapshot, as shown to the user. */
  baseline: string;
  /** "id" when both snapshots come from one process (objects matched by id), else "class". */
  matchedBy: 'id' | 'class';
  rows: ComparisonRow[];
}

export interface Page<T> {
  rows: T[];
  total: number;
}

/** Requests from the webview; each gets exactly one `response` with the same id. */
export type ViewerRequest =
  | { kind: 'summary'; sortBy: SortKey; descending: boolean; filter: string; offset: number; count: number }
  | { kind: 'instances'; classIndex: number; sortBy: SortKey; descending: boolean; offset: number; count: number }
  | { kind: 'edges'; nodeId: number; offset: number; count: number }
  | { kind: 'retainers'; nodeId: number }
  | { kind: 'statistics' }
  | { kind: 'treemap'; depth: number }
  | { kind: 'compare' }
  | { kind: 'showInDebugVariables'; nodeId: number };

export type WebviewMessage = { type: 'ready' } | { type: 'cancel' } | { type: 'request'; id: number; request: ViewerRequest };

export type HostMessage =
  | { type: 'progress'; phase: string; done: number; total: number }
  | { type: 'loaded'; file: string; totals: Totals }
  | { type: 'failed'; message: string }
  | { type: 'response'; id: number; result?: unknown; error?: string };
