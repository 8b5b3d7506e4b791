// Messages between the heap analysis service (caller's thread) and its worker. The worker reads the
// snapshot's bytes *through* the caller — it asks for ranges, the caller reads its ByteSource and
// transfers the bytes back — so any source (a local file, a copy from a container) works, and the
// worker needs no access to where the dump lives. Everything else is plain structured-clone data.

import type { HeapProgress } from '../heapGraph';
import type { ComparisonMode, SnapshotComparison } from '../queries/compareSnapshots';
import type { HeapQuery } from './heapQueries';

/** A failure as it crosses the thread boundary; DumpErrors keep their parts to be rebuilt. */
export interface WireError {
  name: string;
  message: string;
  file?: string;
  problem?: string;
  offset?: number;
}

export type ToWorker =
  | { type: 'open'; request: number; snapshot: number; name: string; size: number }
  | { type: 'cancel'; request: number }
  | { type: 'bytes'; read: number; bytes?: Uint8Array; error?: WireError }
  | { type: 'query'; request: number; snapshot: number; method: HeapQuery; args: unknown[] }
  | { type: 'compare'; request: number; before: number; after: number; mode: ComparisonMode | 'auto' }
  | { type: 'close'; snapshot: number };

export type FromWorker = { type: 'read'; read: number; snapshot: number; offset: number; length: number } | { type: 'progress'; request: number; progress: HeapProgress } | { type: 'done'; request: number; value: unknown } | { type: 'failed'; request: number; error: WireError };

export type { SnapshotComparison };
