// Messages between the heap snapshot viewer's webview and the extension host. The webview asks for
// pages of rows and the host answers from the analysis worker, so the webview holds only what is on
// screen and a multi-GB snapshot never crosses the boundary. Rows are the engine's own plain types.

import type { HeapOverview } from '../../engine/snapshot/heapSnapshot';
import type { ClassSummary } from '../../engine/snapshot/passes/classSummary';
import type { HeapStatistics } from '../../engine/snapshot/passes/statistics';
import type { SnapshotComparison } from '../../engine/snapshot/queries/compareSnapshots';
import type { HeapEdge, HeapNode } from '../../engine/snapshot/queries/heapNodeInfo';
import type { Page } from '../../engine/snapshot/queries/paging';
import type { RetainerPath } from '../../engine/snapshot/queries/retainerPaths';

export type { ClassSummary, HeapEdge, HeapNode, HeapOverview, HeapStatistics, Page, RetainerPath };

export type SortKey = 'name' | 'count' | 'selfSize' | 'retainedSize';

/** A node of the retained-size treemap: a dominator subtree, its largest children inside it. */
export interface TreemapNode {
  ordinal: number;
  id: number;
  name: string;
  retainedSize: number;
  children: TreemapNode[];
}

export interface Comparison extends SnapshotComparison {
  /** The baseline snapshot, as shown to the user. */
  baseline: string;
}

/** Requests from the webview; each gets exactly one `response` with the same id. */
export type ViewerRequest =
  | { kind: 'summary'; sortBy: SortKey; descending: boolean; filter: string; offset: number; limit: number }
  | { kind: 'instances'; classId: number; offset: number; limit: number }
  | { kind: 'edges'; ordinal: number; offset: number; limit: number }
  | { kind: 'retainers'; ordinal: number }
  | { kind: 'statistics' }
  | { kind: 'treemap'; depth: number }
  | { kind: 'compare' }
  | { kind: 'showInDebugVariables'; id: number };

export type WebviewMessage = { type: 'ready' } | { type: 'cancel' } | { type: 'request'; id: number; request: ViewerRequest };

export type HostMessage = { type: 'progress'; phase: string; fraction: number } | { type: 'loaded'; file: string; overview: HeapOverview } | { type: 'failed'; message: string } | { type: 'response'; id: number; result?: unknown; error?: string };
