// Step 1 of the dominator pass (dominators.ts): number the nodes in depth-first preorder over the
// essential edges, and in the same walk write down every essential edge's source as a predecessor of
// its target — both as DFS numbers. The later steps then read a vertex's predecessors as one
// contiguous run of numbers, instead of chasing its retainer edges and looking each source's number
// up at random (the DFS looks every target up anyway, so the numbers cost nothing more here).
//
// Each vertex's run of predecessors is reserved when it is numbered, sized by its essential
// in-degree (counted first), so the runs lie in DFS order. The in-degree and, once numbered, the
// vertex's DFS number and its run's fill cursor share one array, two words per node: the walk's one
// random access per edge is a single cache line.
//
// Nodes the DFS from the root does not reach are attached under the root, as DevTools does: first
// those with no essential retainer at all (held only weakly), each as the start of a further DFS,
// then whatever is still left (cycles nothing essential reaches), as vertices of their own.

import type { HeapGraph } from '../heapGraph';
import { isEssential } from './essentialEdges';

export interface Preorder {
  /** Vertices numbered (every node): DFS numbers run from 1 to count; the root is 1. */
  count: number;
  /** DFS number → node ordinal (entry 0 unused). */
  vertex: Uint32Array;
  /** DFS number → its DFS parent's number (the root's is 0; attached nodes' is 1). */
  parent: Uint32Array;
  /** The predecessors of vertex i are pred[firstPred[i] .. firstPred[i + 1]), as DFS numbers (length count + 2). */
  firstPred: Uint32Array;
  pred: Uint32Array;
  /** Two words per vertex (count + 1 pairs) the walk needed and the next step may reuse. */
  sparePairs: Uint32Array;
}

/** Reports a fraction of the numbering every this many vertices. */
const PROGRESS_EVERY = 0x100000;
/** Initial DFS stack frames; heaps are rarely deeper, and the stack doubles when one is. */
const INITIAL_FRAMES = 0x10000;

class PreorderWalk {
  /** Per node ordinal o: [2o] its DFS number (0: not yet), [2o + 1] its in-degree, then its fill cursor. */
  private readonly byNode: Uint32Array;
  readonly vertex: Uint32Array;
  readonly parent: Uint32Array;
  readonly firstPred: Uint32Array;
  readonly pred: Uint32Array;
  /** The DFS's explicit stack (recursion overflows on real heaps): per open vertex, its number, next edge and edge end. */
  private frames: Uint32Array = new Uint32Array(3 * INITIAL_FRAMES);
  count = 0;
  private nextSlot = 0;

  constructor(
    private readonly graph: HeapGraph,
    private readonly essential: Uint8Array,
    private readonly onProgress: (fraction: number) => void,
  ) {
    const length = graph.nodeCount + 1;
    this.byNode = new Uint32Array(2 * length);
    this.pred = new Uint32Array(this.countInDegrees());
    this.vertex = new Uint32Array(length);
    this.parent = new Uint32Array(length);
    this.firstPred = new Uint32Array(length + 1);
  }

  /** Essential in-degrees into byNode; returns their sum. */
  private countInDegrees(): number {
    const { edgeCount, edgeTo } = this.graph;
    const { byNode, essential } = this;
    let total = 0;
    for (let e = 0; e < edgeCount; e++) {
      if (!isEssential(essential, e)) continue;
      byNode[2 * edgeTo[e] + 1]++;
      total++;
    }
    return total;
  }

  isNumbered(ordinal: number): boolean {
    return this.byNode[2 * ordinal] !== 0;
  }

  hasEssentialRetainer(ordinal: number): boolean {
    return this.byNode[2 * ordinal + 1] !== 0;
  }

  /** Numbers `ordinal` under `parentNumber` and reserves its run of predecessors. */
  visit(ordinal: number, parentNumber: number): number {
    const number = ++this.count;
    const { byNode } = this;
    byNode[2 * ordinal] = number;
    this.vertex[number] = ordinal;
    this.parent[number] = parentNumber;
    this.firstPred[number] = this.nextSlot;
    this.nextSlot += byNode[2 * ordinal + 1];
    byNode[2 * ordinal + 1] = this.firstPred[number];
    if ((number & (PROGRESS_EVERY - 1)) === 0) this.onProgress(number / this.graph.nodeCount);
    return number;
  }

  /** Numbers everything reachable from `start` over essential edges, recording every edge it crosses. */
  dfs(start: number, parentNumber: number): void {
    const { byNode, pred, essential } = this;
    const { firstEdge, edgeTo } = this.graph;
    let frames = this.frames;
    let top = 0;
    frames[0] = this.visit(start, parentNumber);
    frames[1] = firstEdge[start];
    frames[2] = firstEdge[start + 1];
    while (top >= 0) {
      const v = frames[3 * top];
      const end = frames[3 * top + 2];
      let e = frames[3 * top + 1];
      let next = -1;
      for (; e < end; e++) {
        if (!isEssential(essential, e)) continue;
        const w = edgeTo[e];
        if (byNode[2 * w] === 0) {
          this.visit(w, v);
          next = w;
        }
        pred[byNode[2 * w + 1]++] = v;
        if (next >= 0) break;
      }
      if (next < 0) {
        top--;
        continue;
      }
      frames[3 * top + 1] = e + 1;
      if (3 * ++top === frames.length) frames = this.growFrames();
      frames[3 * top] = byNode[2 * next];
      frames[3 * top + 1] = firstEdge[next];
      frames[3 * top + 2] = firstEdge[next + 1];
    }
  }

  private growFrames(): Uint32Array {
    const grown = new Uint32Array(2 * this.frames.length);
    grown.set(this.frames);
    this.frames = grown;
    return grown;
  }

  /** The edges of vertices numbered without a walk (from `first` on), as predecessors of their targets. */
  recordEdgesFrom(first: number): void {
    const { byNode, pred, essential, vertex } = this;
    const { firstEdge, edgeTo } = this.graph;
    for (let v = first; v <= this.count; v++) {
      const ordinal = vertex[v];
      for (let e = firstEdge[ordinal], end = firstEdge[ordinal + 1]; e < end; e++) {
        if (isEssential(essential, e)) pred[byNode[2 * edgeTo[e] + 1]++] = v;
      }
    }
  }

  finish(): Preorder {
    this.firstPred[this.count + 1] = this.nextSlot;
    const { count, vertex, parent, firstPred, pred, byNode } = this;
    return { count, vertex, parent, firstPred, pred, sparePairs: byNode };
  }
}

export function numberPreorder(graph: HeapGraph, essential: Uint8Array, onProgress: (fraction: number) => void): Preorder {
  const walk = new PreorderWalk(graph, essential, onProgress);
  const n = graph.nodeCount;
  walk.dfs(graph.rootOrdinal, 0);
  for (let o = 0; o < n && walk.count < n; o++) {
    if (!walk.isNumbered(o) && !walk.hasEssentialRetainer(o)) walk.dfs(o, 1);
  }
  const firstAttached = walk.count + 1;
  for (let o = 0; o < n && walk.count < n; o++) {
    if (!walk.isNumbered(o)) walk.visit(o, 1);
  }
  walk.recordEdgesFrom(firstAttached);
  return walk.finish();
}
