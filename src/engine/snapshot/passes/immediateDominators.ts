// Step 3 of the dominator pass (dominators.ts): immediate dominators from the semidominators, by
// semi-NCA (Loukas Georgiadis, Robert E. Tarjan and Renato F. Werneck, "Finding dominators in
// practice", JGAA 10(1), 2006): in preorder, the immediate dominator of w is the nearest common
// ancestor, in the dominator tree built so far, of w's DFS parent and w's semidominator — found by
// climbing from the parent while the vertex reached is numbered above the semidominator. On heaps a
// climb is about one step, far cheaper than Lengauer–Tarjan's buckets, which EVAL every vertex again.
//
// A climb can be long, though: a long chain (a linked list) with many objects below its end that
// are also held from above its start costs the chain's length for each of them. So the climbs share
// a budget of steps; past it, the immediate dominators are found as Lengauer and Tarjan find them
// (steps 3 and 4 of the paper, with buckets) — slower on ordinary heaps, never quadratic.

import type { Preorder } from './preorder';

/** Climb steps allowed per vertex, in total, before switching to buckets (heaps take about one). */
export const CLIMB_STEPS_PER_VERTEX = 16;

/** Fills idom[1 .. count] with DFS numbers; the root's is itself. */
export function computeImmediateDominators(preorder: Preorder, semi: Uint32Array, idom: Uint32Array, stepsPerVertex = CLIMB_STEPS_PER_VERTEX): void {
  const { count, parent } = preorder;
  let budget = stepsPerVertex * count;
  idom[1] = 1;
  for (let i = 2; i <= count; i++) {
    const s = semi[i];
    let x = parent[i];
    while (x > s) {
      x = idom[x];
      if (--budget < 0) return bucketDominators(preorder, semi, idom);
    }
    idom[i] = x;
  }
}

/**
 * Lengauer–Tarjan's steps 3 and 4. In decreasing preorder each vertex is linked under its parent
 * and put in its semidominator's bucket; when the parent's bucket is emptied, EVAL gives for each
 * vertex there the vertex u of least semidominator on its path up to the parent: the semidominator
 * is the immediate dominator when semi(u) is it, else the immediate dominator is u's. A vertex whose
 * semidominator is its parent is dominated by it outright (EVAL would return the vertex itself).
 */
function bucketDominators({ count, parent }: Preorder, semi: Uint32Array, idom: Uint32Array): void {
  const length = count + 1;
  const forest = new LabelledForest(length);
  const bucketHead = new Uint32Array(length);
  const bucketNext = new Uint32Array(length);
  for (let i = count; i >= 2; i--) {
    const s = semi[i];
    const p = parent[i];
    forest.link(p, i, s);
    if (s === p) {
      idom[i] = p;
    } else {
      bucketNext[i] = bucketHead[s];
      bucketHead[s] = i;
    }
    for (let v = bucketHead[p]; v !== 0; v = bucketNext[v]) {
      const u = forest.evalVertex(v);
      idom[v] = semi[u] < semi[v] ? u : p;
    }
    bucketHead[p] = 0;
  }
  idom[1] = 1;
  for (let i = 2; i <= count; i++) if (idom[i] !== semi[i]) idom[i] = idom[idom[i]];
}

/** The link-eval forest of semidominators.ts, also keeping which vertex holds each least value. */
class LabelledForest {
  private readonly ancestor: Uint32Array;
  private readonly least: Uint32Array;
  private readonly label: Uint32Array;

  constructor(length: number) {
    this.ancestor = new Uint32Array(length);
    this.least = new Uint32Array(length);
    this.label = new Uint32Array(length);
  }

  link(parent: number, v: number, semi: number): void {
    this.ancestor[v] = parent;
    this.least[v] = semi;
    this.label[v] = v;
  }

  /** The vertex of least semidominator on the path from linked `v` up to its root, halving the path. */
  evalVertex(v: number): number {
    const { ancestor, least, label } = this;
    let x = v;
    let best = label[x];
    let bestLeast = least[x];
    for (let up = ancestor[x]; ancestor[up] !== 0; up = ancestor[x]) {
      if (least[up] < least[x]) {
        least[x] = least[up];
        label[x] = label[up];
      }
      ancestor[x] = ancestor[up];
      if (least[x] < bestLeast) {
        bestLeast = least[x];
        best = label[x];
      }
      x = ancestor[x];
      if (ancestor[x] === 0) return best;
      if (least[x] < bestLeast) {
        bestLeast = least[x];
        best = label[x];
      }
    }
    return best;
  }
}
