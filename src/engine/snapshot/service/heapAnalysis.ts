// A loaded snapshot as front ends see it: asynchronous questions (heapQueries.ts), wherever the
// analysis actually lives — on the caller's thread, or in a worker so a multi-GB snapshot never
// blocks the extension host or the debug adapter. HeapAnalyzer is how a front end says which.

import type { ByteSource } from '../../bytes/byteSource';
import { loadHeapSnapshot } from '../analyzeHeapGraph';
import type { HeapLoadOptions } from '../heapGraph';
import type { HeapSnapshot } from '../heapSnapshot';
import { type HeapQuery, type QueryArgs, type QueryResult, runQuery } from './heapQueries';

export interface HeapAnalysis {
  query<K extends HeapQuery>(method: K, ...args: QueryArgs<K>): Promise<QueryResult<K>>;
  /** Frees the snapshot (and the worker, when the analysis had one to itself). */
  dispose(): Promise<void>;
}

/** Loads `source` (read to the end before this resolves; the caller may close it after). */
export type HeapAnalyzer = (source: ByteSource, options?: Pick<HeapLoadOptions, 'signal' | 'onProgress'>) => Promise<HeapAnalysis>;

/** The analysis on the caller's thread: for the CLI, tests, and small snapshots. */
export class LocalHeapAnalysis implements HeapAnalysis {
  constructor(readonly snapshot: HeapSnapshot) {}

  async query<K extends HeapQuery>(method: K, ...args: QueryArgs<K>): Promise<QueryResult<K>> {
    return runQuery(this.snapshot, method, args);
  }

  async dispose(): Promise<void> {}
}

export const localHeapAnalyzer: HeapAnalyzer = async (source, options) => new LocalHeapAnalysis(await loadHeapSnapshot(source, options));
