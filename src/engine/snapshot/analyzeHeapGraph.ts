// The analysis pipeline: named passes run in dependency order over a parsed graph, each announced
// through the progress callback and preceded by a cancellation check and a turn of the event loop
// (so an abort requested on this thread is seen between passes). Passes are pure functions of
// their inputs.
//
// The dominator tree is the long chain: essential edges, dominators, retained sizes. With a helper
// worker (options.helperWorker), everything that chain does not need runs on a second core
// meanwhile — detachedness, class names, distances and the retainers' index during the dominator
// pass, the retainers themselves after it (not during: the two passes' arrays together would set
// the peak memory) — and this thread collects it at the end. Results are the same either way; only
// the wall time differs.

import type { ByteSource } from '../bytes/byteSource';
import type { HeapGraph, HeapLoadOptions } from './heapGraph';
import type { HeapIndexes } from './heapIndexes';
import { HeapSnapshot } from './heapSnapshot';
import { PassHelper } from './parallel/passHelper';
import type { SideResults } from './parallel/passesServer';
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

type Pass = <T>(phase: string, run: (progress: (fraction: number) => void) => T | Promise<T>) => Promise<T>;

/** Parses and analyses a snapshot: the one call front ends need. */
export async function loadHeapSnapshot(source: ByteSource, options: HeapLoadOptions = {}): Promise<HeapSnapshot> {
  const graph = await parseHeapSnapshot(source, options);
  return analyzeHeapGraph(graph, options);
}

export async function analyzeHeapGraph(graph: HeapGraph, options: HeapLoadOptions = {}): Promise<HeapSnapshot> {
  const pass: Pass = async (phase, run) => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    options.signal?.throwIfAborted();
    const progress = (fraction: number): void => options.onProgress?.({ phase, fraction });
    progress(0);
    const result = await run(progress);
    progress(1);
    return result;
  };
  const helper = options.helperWorker === undefined ? undefined : new PassHelper(options.helperWorker);
  try {
    return await runPasses(graph, pass, helper);
  } finally {
    helper?.dispose();
  }
}

async function runPasses(graph: HeapGraph, pass: Pass, helper: PassHelper | undefined): Promise<HeapSnapshot> {
  // Answered by the helper while this thread builds the dominator tree.
  const sideOnHelper = helper?.side(graph);
  const indexOnHelper = helper?.retainerIndex(graph);
  sideOnHelper?.catch(() => undefined);
  indexOnHelper?.catch(() => undefined);
  const essential = await pass('essential edges', () => markEssentialEdges(graph, markOwnedNodes(graph)));
  const dominators = await pass('dominators', (progress) => computeDominators(graph, essential, progress));
  // The retainers are filled in only now, so that their arrays and the dominator pass's are not
  // held at once; the helper does it while this thread finishes the tree and the summary.
  const retainersOnHelper = helper === undefined || indexOnHelper === undefined ? undefined : helper.retainers(graph, await indexOnHelper);
  retainersOnHelper?.catch(() => undefined);
  const retainedSizes = await pass('retained sizes', () => computeRetainedSizes(graph.nodeSelfSize, dominators));
  const tree = await pass('dominator tree', () => buildDominatorTree(dominators.dominator, graph.rootOrdinal));
  const { distances, detachedness, classes } = await (sideOnHelper === undefined ? sidePasses(graph, pass) : pass('class names and distances', () => sideOnHelper));
  const summary = await pass('class summary', () => summarizeClasses(graph, classes, distances, retainedSizes, tree));
  const retainers = await pass('retainers', () => retainersOnHelper ?? buildRetainers(graph));
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

/** The passes a helper would run, on this thread. */
async function sidePasses(graph: HeapGraph, pass: Pass): Promise<SideResults> {
  const detachedness = await pass('detachedness', () => propagateDetachedness(graph));
  const classes = await pass('class names', () => computeClassNames(graph, detachedness));
  const distances = await pass('distances', () => computeDistances(graph));
  return { distances, detachedness, classes };
}
