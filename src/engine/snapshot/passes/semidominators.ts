// Step 2 of the dominator pass (dominators.ts): every vertex's semidominator, by Lengauer and
// Tarjan's rule — the least of its predecessors numbered below it and of the semidominators EVAL
// finds above its predecessors numbered above it — taking vertices in decreasing DFS order and
// LINKing each to its DFS parent once done.
//
// EVAL(v) is the least semidominator on the forest path from v up to, not including, its tree's
// root. The forest keeps, per vertex, its ancestor and the least semidominator on the path up to
// that ancestor, side by side in one array (one cache line per vertex visited). EVAL shortens paths
// by *halving*: each vertex it passes takes over its ancestor's span and points past it, in one pass
// without a stack, with the same amortised bound as full compression (Robert E. Tarjan and Jan van
// Leeuwen, "Worst-case analysis of set union algorithms", JACM 31(2), 1984) and, measured on heaps,
// faster. Only least *values* are kept, not the vertices holding them: the semi-NCA step
// (immediateDominators.ts) needs nothing else.

import type { Preorder } from './preorder';

/** Reports a fraction every this many vertices. */
const PROGRESS_EVERY = 0x100000;

/**
 * Fills semi[2 .. count] (semi[1], the root's, is 1). `forest` is 2 × (count + 1) words of scratch;
 * its contents on return are of no use.
 */
export function computeSemidominators(preorder: Preorder, forest: Uint32Array, semi: Uint32Array, onProgress: (fraction: number) => void): void {
  const { count, parent, firstPred, pred } = preorder;
  // forest[2v]: v's ancestor (0 while v is a root, i.e. not linked yet); forest[2v + 1]: the least
  // semidominator on the path from v up to that ancestor.
  forest.fill(0);
  semi[1] = 1;
  for (let i = count; i >= 2; i--) {
    if ((i & (PROGRESS_EVERY - 1)) === 0) onProgress(1 - i / count);
    const first = firstPred[i];
    const end = firstPred[i + 1];
    let best = i;
    for (let k = first; k < end; k++) {
      const p = pred[k];
      // A predecessor numbered below i is not linked yet: EVAL(p) is p itself.
      if (p < i) {
        if (p < best) best = p;
      } else {
        best = evalLeast(forest, p, best);
      }
    }
    // No essential predecessor: the vertex was attached under the root.
    const s = first === end ? 1 : best;
    semi[i] = s;
    forest[2 * i] = parent[i];
    forest[2 * i + 1] = s;
  }
}

/** min(best, EVAL(v)) for a linked vertex v, halving the path on the way. */
function evalLeast(forest: Uint32Array, v: number, best: number): number {
  let x = v;
  let up = forest[2 * x];
  for (;;) {
    const upper = forest[2 * up];
    // `up` is a root: x's span is the rest of the path.
    if (upper === 0) break;
    // x takes over up's span and points past it.
    const mine = forest[2 * x + 1];
    const theirs = forest[2 * up + 1];
    const least = theirs < mine ? theirs : mine;
    forest[2 * x + 1] = least;
    forest[2 * x] = upper;
    if (least < best) best = least;
    x = upper;
    up = forest[2 * x];
    if (up === 0) return best;
  }
  const least = forest[2 * x + 1];
  return least < best ? least : best;
}
