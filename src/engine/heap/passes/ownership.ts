// Pass "ownership": marks the nodes the program really keeps alive — reachable from the root's
// non-shortcut children ((GC roots), C++ roots, Node / Environment, ...) without crossing a weak
// edge. The dominator pass then ignores edges from unowned nodes into owned ones: an object that is
// itself only weakly held keeps nothing alive, and must not appear to retain what it points at.
//
// Deliberate difference from DevTools: its "page-owned" set is what is reachable from the *user*
// roots (the global objects the root points at through shortcut edges), so in a Node snapshot every
// edge from Node's own roots ((Global handles), Node / Environment, builtins) into anything the global
// object also reaches is ignored, and the global object appears to retain it. memlab, the oracle our
// tests compare with, reads ownership as here; we follow it because it discards only retention the
// GC would not honour rather than attributing Node's own references to `global`.

import type { HeapGraph } from '../heapGraph';

export function markOwnedNodes(graph: HeapGraph): Uint8Array {
  const { nodeCount, firstEdge, edgeTo, edgeType, rootOrdinal } = graph;
  const { weak, shortcut } = graph.layout.edgeTypeIds;
  const owned = new Uint8Array(nodeCount);
  const stack = new Uint32Array(nodeCount);
  let top = 0;
  for (let e = firstEdge[rootOrdinal], end = firstEdge[rootOrdinal + 1]; e < end; e++) {
    const to = edgeTo[e];
    if (edgeType[e] === shortcut || edgeType[e] === weak || owned[to] !== 0) continue;
    owned[to] = 1;
    stack[top++] = to;
  }
  while (top > 0) {
    const from = stack[--top];
    for (let e = firstEdge[from], end = firstEdge[from + 1]; e < end; e++) {
      const to = edgeTo[e];
      if (owned[to] !== 0 || edgeType[e] === weak) continue;
      owned[to] = 1;
      stack[top++] = to;
    }
  }
  return owned;
}
