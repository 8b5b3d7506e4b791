// The instances of each class — nodes counted in the summary (self size above 0) — grouped by class
// in compressed-sparse-row form, built on first use, and sorted per class and order on demand.

import type { HeapGraph } from '../heapGraph';
import type { HeapIndexes } from '../heapIndexes';
import { NO_DISTANCE } from '../passes/distances';

export type InstanceOrder = 'retainedSize' | 'selfSize' | 'distance' | 'id';

export class ClassMembers {
  private readonly first: Uint32Array;
  private readonly members: Uint32Array;
  private readonly sorted = new Map<string, Uint32Array>();

  constructor(
    private readonly graph: HeapGraph,
    private readonly indexes: HeapIndexes,
  ) {
    const { classOf, names } = indexes.classes;
    const { nodeCount, nodeSelfSize } = graph;
    const first = new Uint32Array(names.length + 1);
    let total = 0;
    for (let n = 0; n < nodeCount; n++) {
      if (nodeSelfSize[n] === 0) continue;
      first[classOf[n]]++;
      total++;
    }
    let offset = 0;
    for (let c = 0; c < names.length; c++) {
      const count = first[c];
      first[c] = offset;
      offset += count;
    }
    first[names.length] = offset;
    const members = new Uint32Array(total);
    const fill = first.slice(0, names.length);
    for (let n = 0; n < nodeCount; n++) if (nodeSelfSize[n] !== 0) members[fill[classOf[n]]++] = n;
    this.first = first;
    this.members = members;
  }

  count(classId: number): number {
    return this.first[classId + 1] - this.first[classId];
  }

  /** The class's instances: sizes largest first, distance nearest first, id ascending. */
  ordered(classId: number, order: InstanceOrder): Uint32Array {
    const key = `${classId}:${order}`;
    let list = this.sorted.get(key);
    if (list === undefined) {
      list = this.members.slice(this.first[classId], this.first[classId + 1]);
      list.sort(this.comparator(order));
      this.sorted.set(key, list);
    }
    return list;
  }

  private comparator(order: InstanceOrder): (a: number, b: number) => number {
    const { retainedSizes, distances } = this.indexes;
    const { nodeSelfSize, nodeId } = this.graph;
    switch (order) {
      case 'retainedSize':
        return (a, b) => retainedSizes[b] - retainedSizes[a] || a - b;
      case 'selfSize':
        return (a, b) => nodeSelfSize[b] - nodeSelfSize[a] || a - b;
      case 'distance': {
        // Unreachable nodes (NO_DISTANCE) sort last.
        const d = (n: number): number => (distances[n] === NO_DISTANCE ? Number.MAX_SAFE_INTEGER : distances[n]);
        return (a, b) => d(a) - d(b) || a - b;
      }
      case 'id':
        return (a, b) => nodeId[a] - nodeId[b];
    }
  }
}
