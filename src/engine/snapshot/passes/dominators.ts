// Pass "dominators": the immediate dominator of every node over the essential edges. Semidominators
// come from the Lengauer–Tarjan algorithm:
//   Thomas Lengauer and Robert Endre Tarjan. 1979. A fast algorithm for finding dominators in a
//   flowgraph. ACM TOPLAS 1, 1 (July 1979), 121–141. https://doi.org/10.1145/357062.357071
// (what DevTools and memlab use; immediate dominators are unique, so results agree with theirs),
// and immediate dominators from those by semi-NCA. Three steps, one file each:
//   1. preorder.ts: DFS numbering, with every vertex's predecessors as DFS numbers;
//   2. semidominators.ts: LINK/EVAL in decreasing preorder, on DFS numbers only;
//   3. immediateDominators.ts: semi-NCA climbs in preorder (Lengauer–Tarjan's buckets as a fallback).
// Everything is iterative (recursion overflows the stack on real heaps) and works on typed arrays
// allocated once, reused from step to step. On a heap too big for the caches the cost is random
// memory reads, so each step is shaped to make few: predecessors are read in sequence, a vertex's
// link-eval state is one cache line, and a predecessor numbered below the vertex at hand costs no
// read at all.

import type { HeapGraph } from '../heapGraph';
import { computeImmediateDominators } from './immediateDominators';
import { numberPreorder } from './preorder';
import { computeSemidominators } from './semidominators';

export interface Dominators {
  /** Immediate dominator ordinal of each node; the root's is itself. */
  dominator: Uint32Array;
  /** Node ordinals in DFS preorder; order[0] is the root. Dominators come before what they dominate. */
  order: Uint32Array;
}

/** Shares of the pass's progress: numbering, then semidominators (the climbs take no time). */
const NUMBERING_SHARE = 0.5;

export function computeDominators(graph: HeapGraph, essential: Uint8Array, onProgress: (fraction: number) => void = () => undefined, climbStepsPerVertex?: number): Dominators {
  const preorder = numberPreorder(graph, essential, (f) => onProgress(f * NUMBERING_SHARE));
  const { vertex, firstPred, count } = preorder;
  const semi = new Uint32Array(count + 1);
  computeSemidominators(preorder, preorder.sparePairs, semi, (f) => onProgress(NUMBERING_SHARE + f * (1 - NUMBERING_SHARE)));
  // The predecessor index is done with: it takes the immediate dominators.
  const idom = firstPred;
  computeImmediateDominators(preorder, semi, idom, climbStepsPerVertex);
  // Back to ordinals, into the semidominators' array, done with too.
  const dominator = semi;
  for (let i = 1; i <= count; i++) dominator[vertex[i]] = vertex[idom[i]];
  return { dominator: dominator.subarray(0, graph.nodeCount), order: vertex.subarray(1, count + 1) };
}
