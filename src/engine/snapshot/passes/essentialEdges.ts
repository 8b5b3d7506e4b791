// Pass "essential edges": which edges count as retaining for the dominator tree, as one bit per
// edge. Following DevTools (HeapSnapshot.computeIsEssentialEdge), an edge is ignored when it is
//   - weak;
//   - a self-reference;
//   - a shortcut, unless it leaves the root (the root's shortcuts mark the user roots; elsewhere a
//     shortcut duplicates a real path, e.g. a bound function's bound arguments);
//   - a WeakMap table's edge to a value (the key retains the value; see ephemeronEdges.ts);
//   - from an unowned node into an owned one (see ownership.ts, including where we differ).

import type { HeapGraph } from '../heapGraph';
import { sharedUint8 } from '../sharedArrays';
import { EphemeronNames } from './ephemeronEdges';

export function markEssentialEdges(graph: HeapGraph, owned: Uint8Array): Uint8Array {
  const { nodeCount, edgeCount, firstEdge, edgeTo, edgeType, edgeName, nodeId, rootOrdinal } = graph;
  const { weak, shortcut, internal } = graph.layout.edgeTypeIds;
  const ephemerons = new EphemeronNames(graph.strings);
  const essential = sharedUint8(Math.ceil(edgeCount / 8));
  for (let from = 0; from < nodeCount; from++) {
    const isRoot = from === rootOrdinal;
    const fromOwned = owned[from];
    for (let e = firstEdge[from], end = firstEdge[from + 1]; e < end; e++) {
      const type = edgeType[e];
      const to = edgeTo[e];
      if (type === weak || to === from) continue;
      // fromOwned is tested first: it is almost always set, and owned[to] is a random read.
      if (!isRoot && (type === shortcut || (fromOwned === 0 && owned[to] !== 0))) continue;
      if (type === internal && ephemerons.tableId(edgeName[e]) === nodeId[from]) continue;
      essential[e >>> 3] |= 1 << (e & 7);
    }
  }
  return essential;
}

export function isEssential(essential: Uint8Array, edge: number): boolean {
  return (essential[edge >>> 3] & (1 << (edge & 7))) !== 0;
}
