// Where each field of a node and an edge sits, read from the snapshot's own `snapshot.meta` (V8
// src/profiler/heap-snapshot-generator.cc, HeapSnapshotJSONSerializer::SerializeSnapshot). Nothing is
// hard-coded: producers differ (older V8 has no `detachedness`, other engines omit trace fields),
// and a field we need but the meta does not name is a DumpError, never a silent wrong offset.

import { DumpError } from '../dumpError';

/** Node types of the snapshot, by name, as ids into `nodeTypes` (-1 when the producer has none). */
export interface NodeTypeIds {
  hidden: number;
  array: number;
  string: number;
  object: number;
  code: number;
  closure: number;
  regexp: number;
  number: number;
  native: number;
  synthetic: number;
  consString: number;
  slicedString: number;
}

export interface EdgeTypeIds {
  context: number;
  element: number;
  property: number;
  internal: number;
  hidden: number;
  shortcut: number;
  weak: number;
}

export interface SnapshotLayout {
  nodeFieldCount: number;
  nodeType: number;
  nodeName: number;
  nodeId: number;
  nodeSelfSize: number;
  nodeEdgeCount: number;
  /** -1 when the producer does not write it (V8 before 9.x). */
  nodeDetachedness: number;
  edgeFieldCount: number;
  edgeType: number;
  edgeNameOrIndex: number;
  edgeToNode: number;
  nodeTypes: readonly string[];
  edgeTypes: readonly string[];
  nodeTypeIds: NodeTypeIds;
  edgeTypeIds: EdgeTypeIds;
  /** Field count and object_index offset of `locations` (-1 when absent). */
  locationFieldCount: number;
  locationObjectIndex: number;
}

/** More types than this cannot be a real snapshot (V8 has 16 node and 7 edge types); they are stored in bytes. */
const MAX_TYPES = 255;

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

class MetaReader {
  constructor(
    private readonly file: string,
    private readonly offset: number,
  ) {}

  fail(problem: string): never {
    throw new DumpError(this.file, `snapshot.meta: ${problem}`, this.offset);
  }

  fields(meta: Record<string, unknown>, key: string): string[] {
    const list = stringList(meta[key]);
    if (list === undefined || list.length === 0) this.fail(`"${key}" is missing or not a list of names`);
    return list;
  }

  offsetOf(fields: string[], key: string, name: string): number {
    const index = fields.indexOf(name);
    if (index < 0) this.fail(`"${key}" lacks "${name}"`);
    return index;
  }

  /** `node_types[typeOffset]` (or `edge_types`) is itself the list of type names. */
  types(meta: Record<string, unknown>, key: string, typeOffset: number): string[] {
    const all = meta[key];
    const list = Array.isArray(all) ? stringList(all[typeOffset]) : undefined;
    if (list === undefined || list.length === 0) this.fail(`"${key}" has no list of type names for the "type" field`);
    if (list.length > MAX_TYPES) this.fail(`"${key}" names ${list.length} types; at most ${MAX_TYPES} are supported`);
    return list;
  }
}

/** Builds the layout from the parsed `snapshot.meta`; `offset` is where it sits, for error messages. */
export function readLayout(file: string, metaValue: unknown, offset: number): SnapshotLayout {
  const reader = new MetaReader(file, offset);
  if (metaValue === null || typeof metaValue !== 'object' || Array.isArray(metaValue)) reader.fail('missing or not an object');
  const meta = metaValue as Record<string, unknown>;
  const nodeFields = reader.fields(meta, 'node_fields');
  const edgeFields = reader.fields(meta, 'edge_fields');
  const nodeType = reader.offsetOf(nodeFields, 'node_fields', 'type');
  const edgeType = reader.offsetOf(edgeFields, 'edge_fields', 'type');
  const nodeTypes = reader.types(meta, 'node_types', nodeType);
  const edgeTypes = reader.types(meta, 'edge_types', edgeType);
  const locationFields = stringList(meta.location_fields) ?? [];
  const nodeTypeId = (name: string): number => nodeTypes.indexOf(name);
  const edgeTypeId = (name: string): number => edgeTypes.indexOf(name);
  return {
    nodeFieldCount: nodeFields.length,
    nodeType,
    nodeName: reader.offsetOf(nodeFields, 'node_fields', 'name'),
    nodeId: reader.offsetOf(nodeFields, 'node_fields', 'id'),
    nodeSelfSize: reader.offsetOf(nodeFields, 'node_fields', 'self_size'),
    nodeEdgeCount: reader.offsetOf(nodeFields, 'node_fields', 'edge_count'),
    nodeDetachedness: nodeFields.indexOf('detachedness'),
    edgeFieldCount: edgeFields.length,
    edgeType,
    edgeNameOrIndex: reader.offsetOf(edgeFields, 'edge_fields', 'name_or_index'),
    edgeToNode: reader.offsetOf(edgeFields, 'edge_fields', 'to_node'),
    nodeTypes,
    edgeTypes,
    nodeTypeIds: {
      hidden: nodeTypeId('hidden'),
      array: nodeTypeId('array'),
      string: nodeTypeId('string'),
      object: nodeTypeId('object'),
      code: nodeTypeId('code'),
      closure: nodeTypeId('closure'),
      regexp: nodeTypeId('regexp'),
      number: nodeTypeId('number'),
      native: nodeTypeId('native'),
      synthetic: nodeTypeId('synthetic'),
      consString: nodeTypeId('concatenated string'),
      slicedString: nodeTypeId('sliced string'),
    },
    edgeTypeIds: {
      context: edgeTypeId('context'),
      element: edgeTypeId('element'),
      property: edgeTypeId('property'),
      internal: edgeTypeId('internal'),
      hidden: edgeTypeId('hidden'),
      shortcut: edgeTypeId('shortcut'),
      weak: edgeTypeId('weak'),
    },
    locationFieldCount: locationFields.length,
    locationObjectIndex: locationFields.indexOf('object_index'),
  };
}

/** Element and hidden edges are named by a number; every other type by a string index (V8 serializer). */
export function edgeHasStringName(layout: SnapshotLayout, type: number): boolean {
  return type !== layout.edgeTypeIds.element && type !== layout.edgeTypeIds.hidden;
}
