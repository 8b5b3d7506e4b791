// The `snapshot` object that opens every V8 heap snapshot: meta (field layout) and the counts the
// rest of the file must agree with. Counts come from the file, so they are untrusted: each is checked
// against what the file's size could possibly hold *before* anything is allocated for it — a
// corrupt `node_count` of a trillion must be one clear error, not an out-of-memory crash.

import { DumpError } from '../dumpError';
import { formatBytes } from '../format';
import { readLayout, type SnapshotLayout } from './snapshotLayout';

export interface SnapshotHeader {
  layout: SnapshotLayout;
  nodeCount: number;
  edgeCount: number;
  traceFunctionCount: number;
  /** Node index of the root (DevTools reads `root_index`; V8 always puts the root first). */
  rootIndex: number;
  /** Native memory V8 could not attribute to nodes (newer V8 writes `extra_native_bytes`). */
  extraNativeBytes: number;
}

/** Typed arrays are limited to 2^32 elements; every per-node and per-edge column must fit one. */
export const MAX_COUNT = 0xffffffff;

/** Each number of the `nodes`/`edges` arrays takes at least one digit and one separator. */
const MIN_BYTES_PER_NUMBER = 2;

class HeaderReader {
  constructor(
    private readonly file: string,
    private readonly offset: number,
  ) {}

  fail(problem: string): never {
    throw new DumpError(this.file, problem, this.offset);
  }

  count(header: Record<string, unknown>, key: string, required: boolean): number {
    const value = header[key];
    if (value === undefined && !required) return 0;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) this.fail(`snapshot.${key} is ${JSON.stringify(value) ?? 'missing'}, not a count`);
    if (value > MAX_COUNT) this.fail(`snapshot.${key} is ${value}; at most ${MAX_COUNT} are supported`);
    return value;
  }
}

/** Validates the parsed `snapshot` object of a file of `fileSize` bytes; `offset` is where it starts. */
export function readHeader(file: string, value: unknown, offset: number, fileSize: number): SnapshotHeader {
  const reader = new HeaderReader(file, offset);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) reader.fail('"snapshot" is not an object');
  const header = value as Record<string, unknown>;
  const layout = readLayout(file, header.meta, offset);
  const nodeCount = reader.count(header, 'node_count', true);
  const edgeCount = reader.count(header, 'edge_count', true);
  const minBytes = (nodeCount * layout.nodeFieldCount + edgeCount * layout.edgeFieldCount) * MIN_BYTES_PER_NUMBER;
  if (minBytes > fileSize) {
    reader.fail(`snapshot.node_count ${nodeCount} and edge_count ${edgeCount} cannot be right: their numbers alone need at least ` + `${formatBytes(minBytes)}, the file has ${formatBytes(fileSize)} (truncated?)`);
  }
  if (nodeCount === 0) reader.fail('snapshot.node_count is 0: a snapshot has at least its root node');
  const rootIndex = reader.count(header, 'root_index', false);
  if (rootIndex % layout.nodeFieldCount !== 0 || rootIndex / layout.nodeFieldCount >= nodeCount) {
    reader.fail(`snapshot.root_index ${rootIndex} is not the index of a node`);
  }
  return {
    layout,
    nodeCount,
    edgeCount,
    traceFunctionCount: reader.count(header, 'trace_function_count', false),
    rootIndex,
    extraNativeBytes: typeof header.extra_native_bytes === 'number' && header.extra_native_bytes > 0 ? header.extra_native_bytes : 0,
  };
}
