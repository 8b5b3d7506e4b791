// Pass "first-edge index": edges are stored grouped by their source node in node order, so the
// edges of node n start where the edges of all nodes before it end. Turns the per-node edge_count
// column into those start offsets in place (length nodeCount + 1, the last entry is edgeCount), so
// the index costs no memory beyond the column it replaces.

export function buildFirstEdgeIndex(edgeCounts: Uint32Array, nodeCount: number): Uint32Array {
  let offset = 0;
  for (let n = 0; n < nodeCount; n++) {
    const count = edgeCounts[n];
    edgeCounts[n] = offset;
    offset += count;
  }
  edgeCounts[nodeCount] = offset;
  return edgeCounts;
}
