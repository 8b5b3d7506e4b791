// "Why is this object alive?": paths of references from a GC root down to an object, shortest
// first. The distances pass already is a breadth-first search from the roots over non-weak edges,
// so a shortest path is found by climbing from the object to a retainer one step nearer, until a
// node the root itself holds (a user root such as `global`, at distance 1, or a system root such as
// `(GC roots)`, right below the root) — no search per query. Alternatives start from the object's
// other retainers, nearest first, each continued by the shortest climb from there.

import type { HeapGraph } from '../heapGraph';
import type { HeapIndexes } from '../heapIndexes';
import { NO_DISTANCE, SYSTEM_DISTANCE } from '../passes/distances';
import { edgeLabel, edgeName, heapNode, type HeapNode } from './heapNodeInfo';

export interface RetainerHop {
  edge: number;
  type: string;
  name: string;
  label: string;
  /** The node holding the reference; hop i's retainer is held by hop i + 1's. */
  retainer: HeapNode;
}

export interface RetainerPath {
  /** hops[0] holds the object; the last hop's retainer is a GC root. Empty when the object is one. */
  hops: RetainerHop[];
}

export const DEFAULT_MAX_PATHS = 5;

export function retainerPaths(graph: HeapGraph, indexes: HeapIndexes, target: number, maxPaths = DEFAULT_MAX_PATHS): RetainerPath[] {
  const { distances } = indexes;
  if (target === graph.rootOrdinal || distances[target] === NO_DISTANCE) return [];
  if (isHeldByRoot(distances[target])) return [{ hops: [] }];
  const climber = new Climber(graph, indexes);
  const firstHops = climber.candidates(target).slice(0, Math.max(1, maxPaths));
  return firstHops.map((edge) => ({ hops: climber.climb(edge) }));
}

function isHeldByRoot(distance: number): boolean {
  return distance === 1 || distance === SYSTEM_DISTANCE + 1;
}

class Climber {
  constructor(
    private readonly graph: HeapGraph,
    private readonly indexes: HeapIndexes,
  ) {}

  /** Retainer positions of `node` that can be on a path (not weak, reachable), one per retainer, nearest first. */
  candidates(node: number): number[] {
    const { firstRetainer, retainerEdge, retainerNode } = this.indexes.retainers;
    const { distances } = this.indexes;
    const weak = this.graph.layout.edgeTypeIds.weak;
    const seen = new Set<number>();
    const found: number[] = [];
    for (let k = firstRetainer[node], end = firstRetainer[node + 1]; k < end; k++) {
      const from = retainerNode[k];
      if (this.graph.edgeType[retainerEdge[k]] === weak || from === this.graph.rootOrdinal) continue;
      if (distances[from] === NO_DISTANCE || seen.has(from)) continue;
      seen.add(from);
      found.push(k);
    }
    return found.sort((a, b) => distances[retainerNode[a]] - distances[retainerNode[b]] || a - b);
  }

  /** The hops from retainer position `first` up to a node the root holds. */
  climb(first: number): RetainerHop[] {
    const { distances } = this.indexes;
    const { retainerNode } = this.indexes.retainers;
    const hops = [this.hop(first)];
    let node = retainerNode[first];
    while (!isHeldByRoot(distances[node])) {
      const next = this.nearer(node);
      if (next < 0) break;
      hops.push(this.hop(next));
      node = retainerNode[next];
    }
    return hops;
  }

  /** The first retainer position of `node` one step nearer the roots (or, failing that, any nearer one). */
  private nearer(node: number): number {
    const candidates = this.candidates(node);
    const best = candidates[0];
    if (best === undefined) return -1;
    const { distances } = this.indexes;
    return distances[this.indexes.retainers.retainerNode[best]] < distances[node] ? best : -1;
  }

  private hop(position: number): RetainerHop {
    const { graph, indexes } = this;
    const edge = indexes.retainers.retainerEdge[position];
    const type = graph.layout.edgeTypes[graph.edgeType[edge]];
    const name = edgeName(graph, edge);
    return { edge, type, name, label: edgeLabel(type, name), retainer: heapNode(graph, indexes, indexes.retainers.retainerNode[position]) };
  }
}
