// Pass "distances": how many edges separate each node from the user roots (the global objects the
// root points at, and the DOM trees root in browsers), by breadth-first search that never crosses a
// weak edge. Nodes only the system roots reach get SYSTEM_DISTANCE and up, found by a second search
// from the root; nodes nothing reaches keep NO_DISTANCE. As in DevTools, a WeakMap value is reached
// only once both its key and its table are: of the two ephemeron edges to it, the first one met is
// held back. (DevTools also hides two V8-internal edges — a NativeContext's sloppy_function_map and
// descriptor-array back pointers — from distances; we do not, which can only shorten a distance.)

import type { HeapGraph } from '../heapGraph';
import { sharedInt32 } from '../sharedArrays';
import { EphemeronNames } from './ephemeronEdges';

/** DevTools' values, so distances read the same in both tools. */
export const NO_DISTANCE = -5;
export const SYSTEM_DISTANCE = 100_000_000;

export function computeDistances(graph: HeapGraph): Int32Array {
  const { nodeCount, firstEdge, edgeTo, rootOrdinal, nodeType, nodeName, strings } = graph;
  const synthetic = graph.layout.nodeTypeIds.synthetic;
  const distances = sharedInt32(nodeCount).fill(NO_DISTANCE);
  const queue = new Uint32Array(nodeCount);
  let length = 0;
  for (let e = firstEdge[rootOrdinal], end = firstEdge[rootOrdinal + 1]; e < end; e++) {
    const to = edgeTo[e];
    const userRoot = nodeType[to] !== synthetic || strings.equalsAscii(nodeName[to], '(Document DOM trees)');
    if (userRoot && distances[to] === NO_DISTANCE) {
      distances[to] = 1;
      queue[length++] = to;
    }
  }
  const search = new Search(graph, distances, queue);
  search.run(0, length);
  distances[rootOrdinal] = length > 0 ? SYSTEM_DISTANCE : 0;
  queue[0] = rootOrdinal;
  search.run(0, 1);
  return distances;
}

class Search {
  private readonly ephemerons: EphemeronNames;
  private readonly heldBack = new Set<string>();

  constructor(
    private readonly graph: HeapGraph,
    private readonly distances: Int32Array,
    private readonly queue: Uint32Array,
  ) {
    this.ephemerons = new EphemeronNames(graph.strings);
  }

  /** Breadth-first from queue[start, length). */
  run(start: number, length: number): void {
    const { firstEdge, edgeTo, edgeType, edgeName } = this.graph;
    const { weak, internal } = this.graph.layout.edgeTypeIds;
    const { distances, queue } = this;
    let head = start;
    while (head < length) {
      const from = queue[head++];
      const distance = distances[from] + 1;
      for (let e = firstEdge[from], end = firstEdge[from + 1]; e < end; e++) {
        const to = edgeTo[e];
        if (distances[to] !== NO_DISTANCE || edgeType[e] === weak) continue;
        if (edgeType[e] === internal && this.holdBack(edgeName[e])) continue;
        distances[to] = distance;
        queue[length++] = to;
      }
    }
  }

  /** True for the first of a WeakMap entry's two edges to its value. */
  private holdBack(name: number): boolean {
    if (this.ephemerons.tableId(name) < 0) return false;
    const text = this.graph.strings.get(name);
    const pair = text.slice(text.indexOf(' / '));
    if (this.heldBack.delete(pair)) return false;
    this.heldBack.add(pair);
    return true;
  }
}
