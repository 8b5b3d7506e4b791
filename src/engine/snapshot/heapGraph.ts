// The parsed snapshot: nodes and edges as columns of typed arrays, indexed by *ordinal* (a node's
// position, 0..nodeCount-1; an edge's position, 0..edgeCount-1) — never by the file's flat array
// index, which is what DevTools calls nodeIndex. Everything derived (retainers, dominators, ...)
// lives in HeapIndexes; this is only what the file said, validated.

import type { SnapshotHeader } from './snapshotHeader';
import type { SnapshotLayout } from './snapshotLayout';
import type { StringTable } from './strings/stringTable';

export interface HeapGraph {
  /** Path or URI of the snapshot, for messages. */
  readonly file: string;
  readonly header: SnapshotHeader;
  readonly layout: SnapshotLayout;
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly rootOrdinal: number;
  readonly nodeType: Uint8Array;
  readonly nodeName: Uint32Array;
  readonly nodeId: Uint32Array;
  readonly nodeSelfSize: Float64Array;
  /** Length nodeCount + 1: the edges of node n are firstEdge[n] .. firstEdge[n + 1] - 1 (edges are grouped by source). */
  readonly firstEdge: Uint32Array;
  /** DOM link state as the snapshot recorded it (0 unknown, 1 attached, 2 detached), when it has the field. */
  readonly nodeDetachedness: Uint8Array | undefined;
  readonly edgeType: Uint8Array;
  readonly edgeName: Uint32Array;
  /** Target ordinal of each edge. */
  readonly edgeTo: Uint32Array;
  readonly strings: StringTable;
}

/** Progress of loading, phase by phase; `fraction` runs from 0 to 1 within a phase. */
export interface HeapProgress {
  phase: string;
  fraction: number;
}

export interface HeapLoadOptions {
  signal?: AbortSignal;
  onProgress?: (progress: HeapProgress) => void;
  /** Bytes asked of the source per read (default 8 MiB). Tiny values exercise chunk boundaries. */
  chunkSize?: number;
  /** Bytes per page of the string table (default 16 MiB). */
  stringPageBytes?: number;
  /**
   * The bundled worker script (dist/heapWorker.js): when given, the passes the dominator tree does
   * not depend on run on a second thread meanwhile. Without it everything runs on this thread.
   */
  helperWorker?: string;
}
