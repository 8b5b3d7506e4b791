// Pass "retainers": the reverse of the edge lists, in compressed-sparse-row form. The retainers of
// node n are positions firstRetainer[n] .. firstRetainer[n + 1] - 1 of `retainerEdge` (the edge) and
// `retainerNode` (its source), in ascending source order. Three typed arrays and two sweeps over
// the edges; no per-node objects.

import type { HeapGraph } from '../heapGraph';

export interface Retainers {
  firstRetainer: Uint32Array;
  retainerEdge: Uint32Array;
  retainerNode: Uint32Array;
}

export function buildRetainers(graph: HeapGraph): Retainers {
  const { nodeCount, edgeCount, firstEdge, edgeTo } = graph;
  const firstRetainer = new Uint32Array(nodeCount + 1);
  const retainerEdge = new Uint32Array(edgeCount);
  const retainerNode = new Uint32Array(edgeCount);
  for (let e = 0; e < edgeCount; e++) firstRetainer[edgeTo[e]]++;
  // Counts to start offsets; `fill` then walks each start forward as slots are filled.
  let offset = 0;
  for (let n = 0; n < nodeCount; n++) {
    const count = firstRetainer[n];
    firstRetainer[n] = offset;
    offset += count;
  }
  firstRetainer[nodeCount] = offset;
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
