// Pass "dominators": the immediate dominator of every node over the essential edges, by the
// Lengauer–Tarjan algorithm with path compression:
//   Thomas Lengauer and Robert Endre Tarjan. 1979. A fast algorithm for finding dominators in a
//   flowgraph. ACM TOPLAS 1, 1 (July 1979), 121–141. https://doi.org/10.1145/357062.357071
// the algorithm DevTools and memlab use, so results agree with theirs. Everything is iterative
// (a recursive DFS or EVAL overflows the stack on real heaps) and every working array is a typed
// array allocated once. Buckets are singly linked lists threaded through two arrays rather than a
// Set per vertex.
//
// After the DFS, the algorithm works on DFS numbers rather than nodes: a retainer numbered below the
// vertex at hand has not been processed yet, so it is its own candidate and costs no memory access
// at all — on a heap too big for the caches, that saves a random read for most retainers.
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

/** The DFS numbering: vertices are ordinal + 1 (0 means "none"), DFS numbers run from 1. */
class Numbering {
  /** Vertex → DFS number (0: not reached yet). */
  readonly dfn: Uint32Array;
  /** DFS number → vertex. */
  readonly vertex: Uint32Array;
  /** DFS number → the DFS parent's number. */
  readonly parent: Uint32Array;
  /** The DFS's explicit stack: a frame per open vertex, with the next and the end of its edges. */
  readonly frameVertex: Uint32Array;
  readonly frameEdge: Uint32Array;
  readonly frameEnd: Uint32Array;
  count = 0;

  constructor(
    private readonly graph: HeapGraph,
    private readonly essential: Uint8Array,
  ) {
    const length = graph.nodeCount + 1;
    this.dfn = new Uint32Array(length);
    this.vertex = new Uint32Array(length);
    this.parent = new Uint32Array(length);
    this.frameVertex = new Uint32Array(length);
    this.frameEdge = new Uint32Array(length);
    this.frameEnd = new Uint32Array(length);
  }

  private visit(v: number, parentNumber: number): void {
    const n = ++this.count;
    this.dfn[v] = n;
    this.vertex[n] = v;
    this.parent[n] = parentNumber;
  }

  /** Numbers every vertex reachable from `start` over essential edges, in preorder. */
  dfs(start: number, parentNumber: number): void {
    const { dfn, frameVertex, frameEdge, frameEnd, essential } = this;
    const { firstEdge, edgeTo } = this.graph;
    this.visit(start, parentNumber);
    let top = 0;
    frameVertex[0] = start;
    frameEdge[0] = firstEdge[start - 1];
    frameEnd[0] = firstEdge[start];
    while (top >= 0) {
      let e = frameEdge[top];
      const end = frameEnd[top];
      let next = 0;
      for (; e < end; e++) {
        if (!isEssential(essential, e)) continue;
        const w = edgeTo[e] + 1;
        if (dfn[w] === 0) {
          next = w;
          break;
        }
      }
      if (next === 0) {
        top--;
        continue;
      }
      frameEdge[top] = e + 1;
      this.visit(next, dfn[frameVertex[top]]);
      top++;
      frameVertex[top] = next;
      frameEdge[top] = firstEdge[next - 1];
      frameEnd[top] = firstEdge[next];
    }
  }

  /** Attaches `v` directly under the root as a vertex of its own. */
  adopt(v: number): void {
    this.visit(v, 1);
  }
}

function hasOnlyNonEssentialRetainers(ordinal: number, retainers: Retainers, essential: Uint8Array): boolean {
  const { firstRetainer, retainerEdge } = retainers;
  for (let k = firstRetainer[ordinal], end = firstRetainer[ordinal + 1]; k < end; k++) {
    if (isEssential(essential, retainerEdge[k])) return false;
  }
  return true;
}

function numberVertices(graph: HeapGraph, retainers: Retainers, essential: Uint8Array): Numbering {
  const numbering = new Numbering(graph, essential);
  const n = graph.nodeCount;
  numbering.dfs(graph.rootOrdinal + 1, 0);
  for (let v = 1; v <= n && numbering.count < n; v++) {
    if (numbering.dfn[v] === 0 && hasOnlyNonEssentialRetainers(v - 1, retainers, essential)) numbering.dfs(v, 1);
  }
  for (let v = 1; v <= n && numbering.count < n; v++) {
    if (numbering.dfn[v] === 0) numbering.adopt(v);
  }
  return numbering;
}

/** EVAL/LINK of Lengauer–Tarjan on DFS numbers, with path compression (the simple variant). */
class LinkEval {
  /**
   * semi[label[v]] of each linked vertex, kept beside label: the semidominator loop and EVAL's
   * comparisons read it without first fetching label[v] — one random read fewer per retainer.
   */
  readonly labelSemi: Uint32Array;
  /** Compression paths are short once compressed; the stack grows only when one is not. */
  private stack: Uint32Array = new Uint32Array(1024);

  constructor(
    readonly ancestor: Uint32Array,
    readonly label: Uint32Array,
  ) {
    this.labelSemi = new Uint32Array(ancestor.length);
  }

  /** LINK(parent, w), once w's semidominator `semi` is final. */
  link(parent: number, w: number, semi: number): void {
    this.labelSemi[w] = semi;
    this.ancestor[w] = parent;
  }

  /** The path-compression half of EVAL(v), for a linked vertex; iterative. */
  compress(v: number): void {
    const { ancestor, labelSemi, label } = this;
    let stack = this.stack;
    let top = 0;
    let x = v;
    while (ancestor[ancestor[x]] !== 0) {
      if (++top === stack.length) stack = this.growStack();
      stack[top] = x;
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

  private growStack(): Uint32Array {
    const grown = new Uint32Array(this.stack.length * 2);
    grown.set(this.stack);
    this.stack = grown;
    return grown;
  }
}

/** Retainer counts above this take the sweep path (HubSweep): marking, then one ordered pass. */
const HUB_RETAINERS = 4096;

/**
 * A few objects (maps, the empty backing store, common prototypes) hold half of a real heap's
 * references; evaluating their millions of retainers in file order jumps all over the EVAL arrays.
 * Their retainers' DFS numbers are marked in a bitset instead (one bit per vertex, small enough to
 * stay in cache) and then evaluated in increasing number order — a forward sweep through memory
 * that the hardware prefetches — and each retainer once, however many references it holds.
 */
class HubSweep {
  private readonly marks: Uint32Array;

  constructor(count: number) {
    this.marks = new Uint32Array((count >>> 5) + 1);
  }

  mark(p: number): void {
    this.marks[p >>> 5] |= 1 << (p & 31);
  }

  /** The least labelSemi over the marked vertices (all linked), clearing the marks; `best` if none is lower. */
  sweep(links: LinkEval, best: number): number {
    const { marks } = this;
    const { labelSemi } = links;
    for (let word = 0; word < marks.length; word++) {
      let bits = marks[word];
      if (bits === 0) continue;
      marks[word] = 0;
      while (bits !== 0) {
        const bit = 31 - Math.clz32(bits & -bits);
        bits &= bits - 1;
        const p = (word << 5) | bit;
        links.compress(p);
        if (labelSemi[p] < best) best = labelSemi[p];
      }
    }
    return best;
  }
}

/**
 * Steps 2 and 3 of the paper, on DFS numbers: vertices in decreasing order get their
 * semidominator from their essential retainers, then settle the buckets of their DFS parent.
 * Returns `dom`, exact where the semidominator is the immediate dominator, provisional elsewhere.
 */
function semidominators(numbering: Numbering, retainers: Retainers, essential: Uint8Array, onProgress: (fraction: number) => void): { dom: Uint32Array; semi: Uint32Array } {
  const { dfn, vertex, parent, count } = numbering;
  const length = vertex.length;
  // The DFS's frames are done with: their arrays become semi, label and ancestor.
  const semi = numbering.frameVertex;
  const label = numbering.frameEdge;
  for (let i = 0; i <= count; i++) semi[i] = label[i] = i;
  const links = new LinkEval(numbering.frameEnd.fill(0), label);
  const { labelSemi } = links;
  const hubs = new HubSweep(count);
  const dom = new Uint32Array(length);
  const bucketHead = new Uint32Array(length);
  const bucketNext = new Uint32Array(length);
  const { firstRetainer, retainerEdge, retainerNode } = retainers;
  for (let i = count; i >= 2; i--) {
    if ((i & 0xfffff) === 0) onProgress(1 - i / count);
    const ordinal = vertex[i] - 1;
    const first = firstRetainer[ordinal];
    const end = firstRetainer[ordinal + 1];
    const hub = end - first > HUB_RETAINERS;
    // The least semi of EVAL over the essential retainers: one numbered below i is not processed
    // yet and evaluates to itself; one above is linked; none at all means it was attached under
    // the root above.
    let best = i;
    let orphan = true;
    for (let k = first; k < end; k++) {
      if (!isEssential(essential, retainerEdge[k])) continue;
      orphan = false;
      const p = dfn[retainerNode[k] + 1];
      if (p < i) {
        if (p < best) best = p;
      } else if (hub) {
        hubs.mark(p);
      } else {
        links.compress(p);
        if (labelSemi[p] < best) best = labelSemi[p];
      }
    }
    if (hub) best = hubs.sweep(links, best);
    semi[i] = orphan ? 1 : best;
    bucketNext[i] = bucketHead[semi[i]];
    bucketHead[semi[i]] = i;
    const p = parent[i];
    links.link(p, i, semi[i]);
    // Every vertex in a bucket is linked: EVAL is compress, then its label.
    for (let v = bucketHead[p]; v !== 0; v = bucketNext[v]) {
      links.compress(v);
      dom[v] = labelSemi[v] < semi[v] ? label[v] : p;
    }
    bucketHead[p] = 0;
  }
  return { dom, semi };
}

export function computeDominators(
  graph: HeapGraph,
  retainers: Retainers,
  essential: Uint8Array,
  onProgress: (fraction: number) => void = () => undefined,
): Dominators {
  const numbering = numberVertices(graph, retainers, essential);
  const { dom, semi } = semidominators(numbering, retainers, essential, onProgress);
  const { vertex, count } = numbering;
  // Step 4: a provisional dominator becomes its own immediate dominator, in increasing DFS order.
  dom[1] = 1;
  for (let i = 2; i <= count; i++) if (dom[i] !== semi[i]) dom[i] = dom[dom[i]];
  // Back to ordinals. The vertex → number map is no longer needed: it takes the result.
  const dominator = numbering.dfn.subarray(0, graph.nodeCount);
  for (let i = 1; i <= count; i++) dominator[vertex[i] - 1] = vertex[dom[i]] - 1;
  // In place: entry i reads i + 1 before anything overwrites it.
  for (let i = 0; i < graph.nodeCount; i++) vertex[i] = vertex[i + 1] - 1;
  return { dominator, order: vertex.subarray(0, graph.nodeCount) };
}
