// The plain, serialisable views of nodes and edges that queries return: what a front end shows for
// one object or one reference. Plain data (no typed arrays, no methods), so results cross a worker
// boundary by structured clone and print as JSON unchanged.

import type { HeapGraph } from '../heapGraph';
import type { HeapIndexes } from '../heapIndexes';
import { DETACHED } from '../passes/detachedness';
import { edgeHasStringName } from '../snapshotLayout';

export interface HeapNode {
  /** Position in the snapshot (stable for this snapshot only). */
  ordinal: number;
  /** V8's object id (`@id` in DevTools), stable across snapshots of one process. */
  id: number;
  type: string;
  /** The node's own name: constructor name, string contents, function name, ... */
  name: string;
  className: string;
  selfSize: number;
  retainedSize: number;
  /** Edges from the user roots; see distances.ts for the special values. */
  distance: number;
  edgeCount: number;
  retainerCount: number;
  detached: boolean;
}

export interface HeapEdge {
  /** Position of the edge in the snapshot. */
  edge: number;
  type: string;
  /** Property name, element index, variable name, ... as recorded. */
  name: string;
  /** How DevTools prints the reference: `.name`, `[3]`, `->ctx`, `{map}`, `[[weak]]`. */
  label: string;
  /** The other end: the target for an object's edges, the retainer for its retainers. */
  node: HeapNode;
}

export function heapNode(graph: HeapGraph, indexes: HeapIndexes, ordinal: number): HeapNode {
  const { firstRetainer } = indexes.retainers;
  return {
    ordinal,
    id: graph.nodeId[ordinal],
    type: graph.layout.nodeTypes[graph.nodeType[ordinal]],
    name: graph.strings.get(graph.nodeName[ordinal]),
    className: indexes.classes.names[indexes.classes.classOf[ordinal]],
    selfSize: graph.nodeSelfSize[ordinal],
    retainedSize: indexes.retainedSizes[ordinal],
    distance: indexes.distances[ordinal],
    edgeCount: graph.firstEdge[ordinal + 1] - graph.firstEdge[ordinal],
    retainerCount: firstRetainer[ordinal + 1] - firstRetainer[ordinal],
    detached: indexes.detachedness?.[ordinal] === DETACHED,
  };
}

export function edgeName(graph: HeapGraph, edge: number): string {
  const type = graph.edgeType[edge];
  const raw = graph.edgeName[edge];
  return edgeHasStringName(graph.layout, type) ? graph.strings.get(raw) : String(raw);
}

/** DevTools' notation for a reference (JSHeapSnapshotEdge.toString). */
export function edgeLabel(type: string, name: string): string {
  switch (type) {
    case 'context':
      return `->${name}`;
    case 'element':
      return `[${name}]`;
    case 'weak':
      return `[[${name}]]`;
    case 'shortcut':
      // The root's shortcuts to the global objects are named by number, and print as an index.
      return /^\d+$/.test(name) ? `[${name}]` : edgeLabel('property', name);
    case 'property':
      return name.includes(' ') ? `["${name}"]` : `.${name}`;
    default:
      return `{${name}}`;
  }
}

export function heapEdge(graph: HeapGraph, indexes: HeapIndexes, edge: number, other: number): HeapEdge {
  const type = graph.layout.edgeTypes[graph.edgeType[edge]];
  const name = edgeName(graph, edge);
  return { edge, type, name, label: edgeLabel(type, name), node: heapNode(graph, indexes, other) };
}
