// Pass "detachedness": Blink records, per DOM wrapper (a native node), whether its DOM tree was
// attached to a document. As DevTools does (HeapSnapshot.propagateDOMState), that state spreads to
// the native nodes reachable from a marked one — attached wins over detached — over edges that are
// neither hidden nor weak. Node.js snapshots carry no such state: everything stays 0 (unknown).

import type { HeapGraph } from '../heapGraph';
import { sharedUint8 } from '../sharedArrays';

export const ATTACHED = 1;
export const DETACHED = 2;

export function propagateDetachedness(graph: HeapGraph): Uint8Array | undefined {
  const recorded = graph.nodeDetachedness;
  if (recorded === undefined) return undefined;
  const { nodeCount, nodeType, firstEdge, edgeTo, edgeType } = graph;
  const native = graph.layout.nodeTypeIds.native;
  const { hidden, weak } = graph.layout.edgeTypeIds;
  const state = sharedUint8(nodeCount);
  const visited = new Uint8Array(nodeCount);
  const attached: number[] = [];
  const detached: number[] = [];
  const visit = (node: number, newState: number): void => {
    if (visited[node] !== 0) return;
    visited[node] = 1;
    if (nodeType[node] !== native) return;
    state[node] = newState;
    if (newState === ATTACHED) attached.push(node);
    else if (newState === DETACHED) detached.push(node);
  };
  const spread = (from: number, newState: number): void => {
    for (let e = firstEdge[from], end = firstEdge[from + 1]; e < end; e++) {
      if (edgeType[e] !== hidden && edgeType[e] !== weak) visit(edgeTo[e], newState);
    }
  };
  for (let n = 0; n < nodeCount; n++) if (recorded[n] !== 0) visit(n, recorded[n]);
  for (let n = attached.pop(); n !== undefined; n = attached.pop()) spread(n, ATTACHED);
  for (let n = detached.pop(); n !== undefined; n = detached.pop()) if (state[n] !== ATTACHED) spread(n, DETACHED);
  return state;
}
