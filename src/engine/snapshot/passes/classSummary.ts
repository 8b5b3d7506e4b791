// Pass "class summary": count, self size, smallest distance and retained size per class — the
// Summary view. As in DevTools (buildAggregates, calculateClassesRetainedSize), nodes of size 0
// (synthetic roots) are not counted, and a class's retained size adds only its *top-most* instances:
// an instance dominated by another instance of the same class is already inside that one's retained
// size. That needs the dominator tree walked top-down with, per class, how many instances are open
// on the current path; the walk is an explicit stack, never recursion.

import type { HeapGraph } from '../heapGraph';
import type { DominatorTree } from './dominatedNodes';
import type { ClassIndex } from './classNames';
import { NO_DISTANCE } from './distances';

export interface ClassSummary {
  classId: number;
  name: string;
  count: number;
  selfSize: number;
  retainedSize: number;
  /** Smallest distance of an instance from the user roots (NO_DISTANCE when none is reachable). */
  distance: number;
}

export function summarizeClasses(graph: HeapGraph, classes: ClassIndex, distances: Int32Array, retainedSizes: Float64Array, tree: DominatorTree): ClassSummary[] {
  const classCount = classes.names.length;
  const count = new Float64Array(classCount);
  const self = new Float64Array(classCount);
  const distance = new Int32Array(classCount).fill(NO_DISTANCE);
  const { nodeCount, nodeSelfSize } = graph;
  const { classOf } = classes;
  for (let n = 0; n < nodeCount; n++) {
    const size = nodeSelfSize[n];
    if (size === 0) continue;
    const c = classOf[n];
    count[c]++;
    self[c] += size;
    const d = distances[n];
    if (d !== NO_DISTANCE && (distance[c] === NO_DISTANCE || d < distance[c])) distance[c] = d;
  }
  const retained = topMostRetained(graph, classes, retainedSizes, tree);
  const summary: ClassSummary[] = [];
  for (let c = 0; c < classCount; c++) {
    if (count[c] === 0) continue;
    summary.push({ classId: c, name: classes.names[c], count: count[c], selfSize: self[c], retainedSize: retained[c], distance: distance[c] });
  }
  return summary.sort((a, b) => b.retainedSize - a.retainedSize || b.selfSize - a.selfSize || (a.name < b.name ? -1 : 1));
}

function topMostRetained(graph: HeapGraph, classes: ClassIndex, retainedSizes: Float64Array, tree: DominatorTree): Float64Array {
  const { nodeCount, nodeSelfSize, rootOrdinal } = graph;
  const { classOf } = classes;
  const { firstDominated, dominated } = tree;
  const retained = new Float64Array(classes.names.length);
  const open = new Uint32Array(classes.names.length);
  // stack[i] is a node on the current path; next[i] the position of its next child to visit.
  const stack = new Uint32Array(nodeCount);
  const next = new Uint32Array(nodeCount);
  let top = 0;
  stack[0] = rootOrdinal;
  next[0] = firstDominated[rootOrdinal];
  while (top >= 0) {
    const node = stack[top];
    if (next[top] < firstDominated[node + 1]) {
      const child = dominated[next[top]++];
      if (nodeSelfSize[child] !== 0) {
        const c = classOf[child];
        if (open[c]++ === 0) retained[c] += retainedSizes[child];
      }
      stack[++top] = child;
      next[top] = firstDominated[child];
      continue;
    }
    if (node !== rootOrdinal && nodeSelfSize[node] !== 0) open[classOf[node]]--;
    top--;
  }
  return retained;
}
