// The questions a loaded snapshot answers, as one table: name → arguments → result. Both ways of
// running an analysis — on the caller's thread (LocalHeapAnalysis) and in a worker — dispatch
// through this table, so they answer exactly the same questions with exactly the same code.

import type { HeapOverview, HeapSnapshot, InstancesRequest } from '../heapSnapshot';
import type { ClassSummary } from '../passes/classSummary';
import type { HeapStatistics } from '../passes/statistics';
import type { DuplicatedString } from '../queries/duplicatedStrings';
import type { HeapEdge, HeapNode } from '../queries/heapNodeInfo';
import type { Page, PageRequest } from '../queries/paging';
import type { RetainerPath } from '../queries/retainerPaths';

export interface HeapQueryMap {
  overview: { args: []; result: HeapOverview };
  summary: { args: []; result: ClassSummary[] };
  statistics: { args: []; result: HeapStatistics };
  /** The node with a V8 id (`@id`), or null when there is none. */
  nodeById: { args: [id: number]; result: HeapNode | null };
  node: { args: [ordinal: number]; result: HeapNode };
  instances: { args: [classId: number, request?: InstancesRequest]; result: Page<HeapNode> };
  edges: { args: [ordinal: number, request?: PageRequest]; result: Page<HeapEdge> };
  retainers: { args: [ordinal: number, request?: PageRequest]; result: Page<HeapEdge> };
  retainerPaths: { args: [ordinal: number, maxPaths?: number]; result: RetainerPath[] };
  dominated: { args: [ordinal: number, request?: PageRequest]; result: Page<HeapNode> };
  gcRoots: { args: []; result: HeapEdge[] };
  duplicatedStrings: { args: [limit?: number]; result: DuplicatedString[] };
}

export type HeapQuery = keyof HeapQueryMap;
export type QueryArgs<K extends HeapQuery> = HeapQueryMap[K]['args'];
export type QueryResult<K extends HeapQuery> = HeapQueryMap[K]['result'];

type Handlers = { [K in HeapQuery]: (snapshot: HeapSnapshot, ...args: QueryArgs<K>) => QueryResult<K> };

const HANDLERS: Handlers = {
  overview: (s) => s.overview(),
  summary: (s) => s.summary(),
  statistics: (s) => s.statistics(),
  nodeById: (s, id) => {
    const ordinal = s.ordinalOfId(id);
    return ordinal < 0 ? null : s.node(ordinal);
  },
  node: (s, ordinal) => s.node(ordinal),
  instances: (s, classId, request) => s.instances(classId, request),
  edges: (s, ordinal, request) => s.edges(ordinal, request),
  retainers: (s, ordinal, request) => s.retainers(ordinal, request),
  retainerPaths: (s, ordinal, maxPaths) => s.retainerPaths(ordinal, maxPaths),
  dominated: (s, ordinal, request) => s.dominated(ordinal, request),
  gcRoots: (s) => s.gcRoots(),
  duplicatedStrings: (s, limit) => s.duplicatedStrings(limit),
};

export function isHeapQuery(name: unknown): name is HeapQuery {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(HANDLERS, name);
}

export function runQuery<K extends HeapQuery>(snapshot: HeapSnapshot, method: K, args: QueryArgs<K>): QueryResult<K> {
  const handler = HANDLERS[method] as (snapshot: HeapSnapshot, ...args: QueryArgs<K>) => QueryResult<K>;
  return handler(snapshot, ...args);
}
