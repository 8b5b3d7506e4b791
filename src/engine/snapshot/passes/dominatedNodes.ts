// Pass "dominated nodes": the dominator tree's child lists in compressed-sparse-row form, so the
// tree can be walked downwards (class summary, "what does this object hold"): the children of node
// n are dominated[firstDominated[n] .. firstDominated[n + 1] - 1], in ascending ordinal order.

export interface DominatorTree {
  firstDominated: Uint32Array;
  dominated: Uint32Array;
}

export function buildDominatorTree(dominator: Uint32Array, rootOrdinal: number): DominatorTree {
  const count = dominator.length;
  const firstDominated = new Uint32Array(count + 1);
  for (let n = 0; n < count; n++) if (n !== rootOrdinal) firstDominated[dominator[n]]++;
  let offset = 0;
  for (let n = 0; n < count; n++) {
    const children = firstDominated[n];
    firstDominated[n] = offset;
    offset += children;
  }
  firstDominated[count] = offset;
  const dominated = new Uint32Array(offset);
  const fill = firstDominated.slice(0, count);
  for (let n = 0; n < count; n++) if (n !== rootOrdinal) dominated[fill[dominator[n]]++] = n;
  return { firstDominated, dominated };
}
