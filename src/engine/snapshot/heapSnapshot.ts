// An analysed heap snapshot and the questions it answers. Everything here is synchronous and
// in-memory (the graph and its indexes are built by analyzeHeapGraph); results are plain data. The
// worker service exposes exactly these queries across a thread boundary (heapAnalysis.ts).

import type { HeapGraph } from './heapGraph';
import type { HeapIndexes } from './heapIndexes';
import type { ClassSummary } from './passes/classSummary';
import type { HeapStatistics } from './passes/statistics';
import { ClassMembers, type InstanceOrder } from './queries/classMembers';
import { duplicatedStrings, type DuplicatedString } from './queries/duplicatedStrings';
import { heapEdge, heapNode, type HeapEdge, type HeapNode } from './queries/heapNodeInfo';
import { NodeIdIndex } from './queries/nodeIdIndex';
import { type Page, type PageRequest, pageRange } from './queries/paging';
import { retainerPaths, type RetainerPath } from './queries/retainerPaths';

export interface InstancesRequest extends PageRequest {
  order?: InstanceOrder;
}

export interface HeapOverview {
  nodeCount: number;
  edgeCount: number;
  totalSize: number;
  stringCount: number;
  /** The synthetic root (the header's `root_index`): where retainer paths end and the dominator tree starts. */
  rootOrdinal: number;
}

export class HeapSnapshot {
  private idIndex: NodeIdIndex | undefined;
  private members: ClassMembers | undefined;

  constructor(
    readonly graph: HeapGraph,
    readonly indexes: HeapIndexes,
  ) {}

  overview(): HeapOverview {
    const { nodeCount, edgeCount, strings, rootOrdinal } = this.graph;
    return { nodeCount, edgeCount, totalSize: this.indexes.totalSize, stringCount: strings.count, rootOrdinal };
  }

  /** Classes, largest retained size first. */
  summary(): ClassSummary[] {
    return this.indexes.summary;
  }

  statistics(): HeapStatistics {
    return this.indexes.statistics;
  }

  /** The ordinal of the node with V8 id `id`, or -1. */
  ordinalOfId(id: number): number {
    this.idIndex ??= new NodeIdIndex(this.graph.nodeId);
    return this.idIndex.find(id);
  }

  node(ordinal: number): HeapNode {
    this.checkOrdinal(ordinal);
    return heapNode(this.graph, this.indexes, ordinal);
  }

  instances(classId: number, request: InstancesRequest = {}): Page<HeapNode> {
    if (!Number.isInteger(classId) || classId < 0 || classId >= this.indexes.classes.names.length) throw new RangeError(`no class ${classId}`);
    this.members ??= new ClassMembers(this.graph, this.indexes);
    const list = this.members.ordered(classId, request.order ?? 'retainedSize');
    const [start, end] = pageRange(list.length, request);
    const items: HeapNode[] = [];
    for (let i = start; i < end; i++) items.push(heapNode(this.graph, this.indexes, list[i]));
    return { total: list.length, offset: start, items };
  }

  /** The references `ordinal` holds, in the snapshot's order. */
  edges(ordinal: number, request: PageRequest = {}): Page<HeapEdge> {
    this.checkOrdinal(ordinal);
    const { firstEdge, edgeTo } = this.graph;
    const first = firstEdge[ordinal];
    const [start, end] = pageRange(firstEdge[ordinal + 1] - first, request);
    const items: HeapEdge[] = [];
    for (let i = start; i < end; i++) items.push(heapEdge(this.graph, this.indexes, first + i, edgeTo[first + i]));
    return { total: firstEdge[ordinal + 1] - first, offset: start, items };
  }

  /**
   * The references to `ordinal`, nearest retainer first. As in DevTools' Retainers view, weak
   * references and the root's own references are left out: neither keeps the object alive.
   */
  retainers(ordinal: number, request: PageRequest = {}): Page<HeapEdge> {
    this.checkOrdinal(ordinal);
    const { firstRetainer, retainerEdge, retainerNode } = this.indexes.retainers;
    const weak = this.graph.layout.edgeTypeIds.weak;
    const positions: number[] = [];
    for (let k = firstRetainer[ordinal], end = firstRetainer[ordinal + 1]; k < end; k++) {
      if (this.graph.edgeType[retainerEdge[k]] !== weak && retainerNode[k] !== this.graph.rootOrdinal) positions.push(k);
    }
    const distances = this.indexes.distances;
    positions.sort((a, b) => distances[retainerNode[a]] - distances[retainerNode[b]] || a - b);
    const [start, end] = pageRange(positions.length, request);
    const items = positions.slice(start, end).map((k) => heapEdge(this.graph, this.indexes, retainerEdge[k], retainerNode[k]));
    return { total: positions.length, offset: start, items };
  }

  retainerPaths(ordinal: number, maxPaths?: number): RetainerPath[] {
    this.checkOrdinal(ordinal);
    return retainerPaths(this.graph, this.indexes, ordinal, maxPaths);
  }

  /** What the root holds: the user roots (global objects) and the categories of GC roots. */
  gcRoots(): HeapEdge[] {
    return this.edges(this.graph.rootOrdinal, { limit: Number.MAX_SAFE_INTEGER }).items;
  }

  /** The nodes `ordinal` immediately dominates (what would be freed with it), largest first. */
  dominated(ordinal: number, request: PageRequest = {}): Page<HeapNode> {
    this.checkOrdinal(ordinal);
    const { firstDominated, dominated } = this.indexes.tree;
    const list = Array.from(dominated.subarray(firstDominated[ordinal], firstDominated[ordinal + 1]));
    const retained = this.indexes.retainedSizes;
    list.sort((a, b) => retained[b] - retained[a] || a - b);
    const [start, end] = pageRange(list.length, request);
    return { total: list.length, offset: start, items: list.slice(start, end).map((n) => heapNode(this.graph, this.indexes, n)) };
  }

  duplicatedStrings(limit = 50): DuplicatedString[] {
    return duplicatedStrings(this.graph, limit);
  }

  private checkOrdinal(ordinal: number): void {
    if (!Number.isInteger(ordinal) || ordinal < 0 || ordinal >= this.graph.nodeCount) throw new RangeError(`no node at ordinal ${ordinal}`);
  }
}
