// Pass "dominators": the immediate dominator of every node over the essential edges, by the
// Lengauer–Tarjan algorithm with path compression:
//   Thomas Lengauer and Robert Endre Tarjan. 1979. A fast algorithm for finding dominators in a
//   flowgraph. ACM TOPLAS 1, 1 (July 1979), 121–141. https://doi.org/10.1145/357062.357071
// the algorithm DevTools and memlab use, so results agree with theirs. Everything is iterative
// (a recursive DFS or EVAL overflows the stack on real heaps) and every working array is a typed
// array allocated once: vertices are numbered 1..nodeCount (0 means "none"), vertex = ordinal + 1.
// Buckets are singly linked lists threaded through two arrays rather than a Set per vertex.
//
// Nodes the DFS from the root does not reach are attached under the root, as DevTools does: first
// those held only by non-essential (weak) edges, each as the start of a further DFS, then whatever
// is still left (cycles nothing essential reaches), so every node gets a dominator.

import type { HeapGraph } from '../heapGraph';
import { isEssential } from './essentialEdges';
import type { Retainers } from './retainers';

export interface Dominators {
  /** Immediate dominator ordinal of each node; the root's is itself. */
  dominator: Uint32Array;
  /** Node ordinals in DFS preorder; order[0] is the root. Dominators come before what they dominate. */
  order: Uint32Array;
}

class Forest {
  readonly parent: Uint32Array;
  readonly vertex: Uint32Array;
  readonly label: Uint32Array;
  readonly semi: Uint32Array;
  /** DFS: next edge to look at per node; later reused for bucket heads. */
  readonly cursor: Uint32Array;
  count = 0;

  constructor(
    private readonly graph: HeapGraph,
    private readonly essential: Uint8Array,
  ) {
    const length = graph.nodeCount + 1;
    this.parent = new Uint32Array(length);
    this.vertex = new Uint32Array(length);
    this.label = new Uint32Array(length);
    this.semi = new Uint32Array(length);
    this.cursor = new Uint32Array(length);
  }

  /** Numbers every vertex reachable from `start` over essential edges, in preorder. */
  dfs(start: number): void {
    const { parent, vertex, label, semi, cursor, essential } = this;
    const { firstEdge, edgeTo } = this.graph;
    cursor[start - 1] = firstEdge[start - 1];
    let v = start;
    while (v !== 0) {
      if (semi[v] === 0) {
        semi[v] = ++this.count;
        vertex[this.count] = label[v] = v;
      }
      // Descend into the first unnumbered successor, or climb back to the DFS parent.
      let next = parent[v];
      const ordinal = v - 1;
      for (const end = firstEdge[ordinal + 1]; cursor[ordinal] < end; cursor[ordinal]++) {
        const e = cursor[ordinal];
        if (!isEssential(essential, e)) continue;
        const w = edgeTo[e] + 1;
        if (semi[w] === 0) {
          parent[w] = v;
          cursor[w - 1] = firstEdge[w - 1];
          next = w;
          break;
        }
      }
      v = next;
    }
  }

  /** Attaches `v` directly under `root` as a vertex of its own. */
  adopt(v: number, root: number): void {
    this.parent[v] = root;
    this.semi[v] = ++this.count;
    this.vertex[this.count] = this.label[v] = v;
  }
}

function hasOnlyNonEssentialRetainers(ordinal: number, retainers: Retainers, essential: Uint8Array): boolean {
  const { firstRetainer, retainerEdge } = retainers;
  for (let k = firstRetainer[ordinal], end = firstRetainer[ordinal + 1]; k < end; k++) {
    if (isEssential(essential, retainerEdge[k])) return false;
  }
  return true;
}

function numberVertices(graph: HeapGraph, retainers: Retainers, essential: Uint8Array): Forest {
  const forest = new Forest(graph, essential);
  const root = graph.rootOrdinal + 1;
  const n = graph.nodeCount;
  forest.dfs(root);
  for (let v = 1; v <= n && forest.count < n; v++) {
    if (forest.semi[v] === 0 && hasOnlyNonEssentialRetainers(v - 1, retainers, essential)) {
      forest.parent[v] = root;
      forest.dfs(v);
    }
  }
  for (let v = 1; v <= n && forest.count < n; v++) {
    if (forest.semi[v] === 0) forest.adopt(v, root);
  }
  return forest;
}

/** EVAL/LINK of Lengauer–Tarjan over linked vertices, with path compression (the simple variant). */
class LinkEval {
  readonly ancestor: Uint32Array;
  /**
   * semi[label[v]] of each linked vertex, kept beside label: the semidominator loop and EVAL's
   * comparisons read it without first fetching label[v] — one random read fewer per retainer, which
   * is what the main loop's time goes to once a heap outgrows the caches.
   */
  readonly labelSemi: Uint32Array;
  private readonly stack: Uint32Array;

  constructor(
    length: number,
    private readonly label: Uint32Array,
  ) {
    this.ancestor = new Uint32Array(length);
    this.labelSemi = new Uint32Array(length);
    this.stack = new Uint32Array(length);
  }

  /** LINK(parent, w), once w's semidominator `semi` is final. */
  link(parent: number, w: number, semi: number): void {
    this.labelSemi[w] = semi;
    this.ancestor[w] = parent;
  }

  /** The path-compression half of EVAL(v), for a linked vertex; iterative. */
  compress(v: number): void {
    const { ancestor, labelSemi, label, stack } = this;
    let top = 0;
    let x = v;
    while (ancestor[ancestor[x]] !== 0) {
      stack[++top] = x;
      x = ancestor[x];
    }
    while (top > 0) {
      const w = stack[top--];
      const a = ancestor[w];
      if (labelSemi[a] < labelSemi[w]) {
        label[w] = label[a];
        labelSemi[w] = labelSemi[a];
      }
      ancestor[w] = ancestor[a];
    }
  }
}

/**
 * Steps 2 and 3 of the paper: vertices in decreasing DFS number get their semidominator from their
 * essential retainers, then settle the buckets of their DFS parent. Returns `dom`, exact for
 * vertices whose semidominator is their immediate dominator and provisional for the rest.
 */
function semidominators(graph: HeapGraph, forest: Forest, retainers: Retainers, essential: Uint8Array, onProgress: (fraction: number) => void): Uint32Array {
  const { parent, vertex, label, semi } = forest;
  const length = graph.nodeCount + 1;
  const root = graph.rootOrdinal + 1;
  const dom = new Uint32Array(length);
  const bucketHead = forest.cursor.fill(0);
  const bucketNext = new Uint32Array(length);
  const forestLinks = new LinkEval(length, label);
  const { ancestor, labelSemi } = forestLinks;
  const { firstRetainer, retainerEdge, retainerNode } = retainers;
  for (let i = forest.count; i >= 2; i--) {
    if ((i & 0xfffff) === 0) onProgress(1 - i / forest.count);
    const w = vertex[i];
    // The least semi of EVAL over w's essential retainers (an unlinked retainer evaluates to
    // itself, whose semi is still its DFS number); none at all: attached under the root above.
    let best = semi[w];
    let orphan = true;
    for (let k = firstRetainer[w - 1], end = firstRetainer[w]; k < end; k++) {
      if (!isEssential(essential, retainerEdge[k])) continue;
      orphan = false;
      const v = retainerNode[k] + 1;
      if (ancestor[v] === 0) {
        if (semi[v] < best) best = semi[v];
      } else {
        forestLinks.compress(v);
        if (labelSemi[v] < best) best = labelSemi[v];
      }
    }
    semi[w] = orphan ? semi[root] : best;
    const s = vertex[semi[w]];
    bucketNext[w] = bucketHead[s];
    bucketHead[s] = w;
    const p = parent[w];
    forestLinks.link(p, w, semi[w]);
    // Every vertex in a bucket is linked: EVAL is compress, then its label.
    for (let v = bucketHead[p]; v !== 0; v = bucketNext[v]) {
      forestLinks.compress(v);
      dom[v] = labelSemi[v] < semi[v] ? label[v] : p;
    }
    bucketHead[p] = 0;
  }
  return dom;
}

export function computeDominators(
  graph: HeapGraph,
  retainers: Retainers,
  essential: Uint8Array,
  onProgress: (fraction: number) => void = () => undefined,
): Dominators {
  const forest = numberVertices(graph, retainers, essential);
  const dom = semidominators(graph, forest, retainers, essential, onProgress);
  const { vertex, semi } = forest;
  const root = graph.rootOrdinal + 1;
  // Step 4: a provisional dominator becomes its own immediate dominator, in increasing DFS order.
  dom[root] = root;
  for (let i = 2; i <= forest.count; i++) {
    const w = vertex[i];
    if (dom[w] !== vertex[semi[w]]) dom[w] = dom[dom[w]];
  }
  // Back to ordinals, in place: entry i reads i + 1 before anything overwrites it.
  for (let i = 0; i < graph.nodeCount; i++) {
    dom[i] = dom[i + 1] - 1;
    vertex[i] = vertex[i + 1] - 1;
  }
  return { dominator: dom.subarray(0, graph.nodeCount), order: vertex.subarray(0, graph.nodeCount) };
}
