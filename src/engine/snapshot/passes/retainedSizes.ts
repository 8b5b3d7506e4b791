// Pass "retained sizes": a node's retained size is its own size plus the retained sizes of the
// nodes it immediately dominates. Visiting nodes in reverse DFS preorder finishes every node before
// its dominator (a dominator is always a DFS ancestor), so one sweep adds each into its dominator.

import type { Dominators } from './dominators';

export function computeRetainedSizes(selfSizes: Float64Array, { dominator, order }: Dominators): Float64Array {
  const retained = new Float64Array(selfSizes);
  for (let i = order.length - 1; i > 0; i--) {
    const node = order[i];
    retained[dominator[node]] += retained[node];
  }
  return retained;
}
