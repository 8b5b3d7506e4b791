// The analysis pipeline: named passes run in order over a parsed graph, each announced through the
// progress callback and preceded by a cancellation check and a turn of the event loop (so an abort
// requested on this thread is seen between passes). Passes are pure functions of their inputs; the
// order below is their dependency order.

import type { ByteSource } from '../bytes/byteSource';
import type { HeapGraph, HeapLoadOptions } from './heapGraph';
import type { HeapIndexes } from './heapIndexes';
import { HeapSnapshot } from './heapSnapshot';
import { parseHeapSnapshot } from './parse/parseHeapSnapshot';
import { computeClassNames } from './passes/classNames';
import { summarizeClasses } from './passes/classSummary';
import { propagateDetachedness } from './passes/detachedness';
import { computeDistances } from './passes/distances';
import { buildDominatorTree } from './passes/dominatedNodes';
import { computeDominators } from './passes/dominators';
import { markEssentialEdges } from './passes/essentialEdges';
import { markOwnedNodes } from './passes/ownership';
import { computeRetainedSizes } from './passes/retainedSizes';
import { buildRetainers } from './passes/retainers';
import { computeStatistics } from './passes/statistics';

/** Parses and analyses a snapshot: the one call front ends need. */
export async function loadHeapSnapshot(source: ByteSource, options: HeapLoadOptions = {}): Promise<HeapSnapshot> {
  const graph = await parseHeapSnapshot(source, options);
  return analyzeHeapGraph(graph, options);
}

export async function analyzeHeapGraph(graph: HeapGraph, options: HeapLoadOptions = {}): Promise<HeapSnapshot> {
  const pass = async <T>(phase: string, run: (progress: (fraction: number) => void) => T): Promise<T> => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    options.signal?.throwIfAborted();
    const progress = (fraction: number): void => options.onProgress?.({ phase, fraction });
    progress(0);
    const result = run(progress);
    progress(1);
    return result;
  };
  const retainers = await pass('retainers', () => buildRetainers(graph));
  const owned = await pass('ownership', () => markOwnedNodes(graph));
  const essential = await pass('essential edges', () => markEssentialEdges(graph, owned));
  const distances = await pass('distances', () => computeDistances(graph));
  const dominators = await pass('dominators', (progress) => computeDominators(graph, retainers, essential, progress));
  const retainedSizes = await pass('retained sizes', () => computeRetainedSizes(graph.nodeSelfSize, dominators));
  const tree = await pass('dominator tree', () => buildDominatorTree(dominators.dominator, graph.rootOrdinal));
  const detachedness = await pass('detachedness', () => propagateDetachedness(graph));
  const classes = await pass('class names', () => computeClassNames(graph, detachedness));
  const summary = await pass('class summary', () => summarizeClasses(graph, classes, distances, retainedSizes, tree));
  const totalSize = retainedSizes[graph.rootOrdinal] + graph.header.extraNativeBytes;
  const statistics = await pass('statistics', () => computeStatistics(graph, totalSize, retainers.firstRetainer));
  const indexes: HeapIndexes = {
    retainers,
    essential,
    distances,
    dominator: dominators.dominator,
    retainedSizes,
    tree,
    detachedness,
    classes,
    summary,
    statistics,
    totalSize,
  };
  return new HeapSnapshot(graph, indexes);
}
