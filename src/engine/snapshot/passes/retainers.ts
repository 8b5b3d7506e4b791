// Pass "retainers": the reverse of the edge lists, in compressed-sparse-row form. The retainers of
// node n are positions firstRetainer[n] .. firstRetainer[n + 1] - 1 of `retainerEdge` (the edge) and
// `retainerNode` (its source), in ascending source order. Three typed arrays and two sweeps over
// the edges; no per-node objects. It comes in two halves — the index (a count per node), then the
// fill — so that the small first half can run early and the large second half late, when the
// dominator pass's arrays are gone (analyzeHeapGraph.ts). The arrays are shared memory: either half
// may run on the helper thread (parallel/passesServer.ts).

import type { HeapGraph } from '../heapGraph';
import { sharedUint32 } from '../sharedArrays';

export interface Retainers {
  firstRetainer: Uint32Array;
  retainerEdge: Uint32Array;
  retainerNode: Uint32Array;
}

export function buildRetainers(graph: HeapGraph): Retainers {
  return fillRetainers(graph, indexRetainers(graph));
}

/** Where each node's retainers start: the running sum of the in-degrees (length nodeCount + 1). */
export function indexRetainers(graph: HeapGraph): Uint32Array {
  const { nodeCount, edgeCount, edgeTo } = graph;
  const firstRetainer = sharedUint32(nodeCount + 1);
  for (let e = 0; e < edgeCount; e++) firstRetainer[edgeTo[e]]++;
  let offset = 0;
  for (let n = 0; n < nodeCount; n++) {
    const count = firstRetainer[n];
    firstRetainer[n] = offset;
    offset += count;
  }
  firstRetainer[nodeCount] = offset;
  return firstRetainer;
}

export function fillRetainers(graph: HeapGraph, firstRetainer: Uint32Array): Retainers {
  const { nodeCount, edgeCount, firstEdge, edgeTo } = graph;
  const retainerEdge = sharedUint32(edgeCount);
  const retainerNode = sharedUint32(edgeCount);
  // Each node's next free slot, walking forward from its start.
  const fill = firstRetainer.slice(0, nodeCount);
  for (let from = 0; from < nodeCount; from++) {
    for (let e = firstEdge[from], end = firstEdge[from + 1]; e < end; e++) {
      const slot = fill[edgeTo[e]]++;
      retainerEdge[slot] = e;
      retainerNode[slot] = from;
    }
  }
  return { firstRetainer, retainerEdge, retainerNode };
}
