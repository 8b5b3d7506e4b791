// Reads a heap snapshot from a ByteSource into a HeapGraph: sequential reads of `chunkSize` bytes
// (the next read is already in flight while the current chunk is parsed), progress after each, and
// cancellation between chunks. Ends by checking what can only be checked once everything is in:
// that every string index used by a node or a named edge exists.

import type { ByteSource } from '../../bytes/byteSource';
import { DumpError } from '../../dumpError';
import type { HeapGraph, HeapLoadOptions } from '../heapGraph';
import { buildFirstEdgeIndex } from '../passes/firstEdgeIndex';
import { edgeHasStringName } from '../snapshotLayout';
import { StringTable } from '../strings/stringTable';
import { upperBound } from '../../upperBound';
import { type ParsedSections, SnapshotParser } from './snapshotParser';

export const DEFAULT_CHUNK_BYTES = 8 * 1024 * 1024;

export async function parseHeapSnapshot(source: ByteSource, options: HeapLoadOptions = {}): Promise<HeapGraph> {
  const parser = new SnapshotParser(source.name, source.size, options.stringPageBytes);
  const end = await feedAll(source, parser, options);
  const sections = parser.finish(end);
  options.onProgress?.({ phase: 'first-edge index', fraction: 0 });
  return toGraph(source.name, sections);
}

async function feedAll(source: ByteSource, parser: SnapshotParser, options: HeapLoadOptions): Promise<number> {
  const chunkSize = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK_BYTES);
  const size = source.size;
  let offset = 0;
  let pending: Promise<Uint8Array> | undefined = source.read(0, chunkSize);
  try {
    while (pending !== undefined) {
      const bytes: Uint8Array = await pending;
      pending = undefined;
      // A source that returns nothing has ended early (a file that shrank while we read it).
      if (bytes.length === 0) break;
      const next = offset + bytes.length;
      if (next < size) pending = source.read(next, chunkSize);
      options.signal?.throwIfAborted();
      parser.feed(bytes, offset);
      offset = next;
      options.onProgress?.({ phase: 'parse', fraction: size === 0 ? 1 : offset / size });
    }
  } finally {
    // Stopped by an error or a cancel with a read in flight: its outcome no longer matters.
    pending?.catch(() => undefined);
  }
  return offset;
}

function toGraph(file: string, { header, nodes, edges, strings }: ParsedSections): HeapGraph {
  const layout = header.layout;
  const table = new StringTable(strings.finish());
  const graph: HeapGraph = {
    file,
    header,
    layout,
    nodeCount: header.nodeCount,
    edgeCount: header.edgeCount,
    rootOrdinal: header.rootIndex / layout.nodeFieldCount,
    nodeType: nodes.columns.type,
    nodeName: nodes.columns.name,
    nodeId: nodes.columns.id,
    nodeSelfSize: nodes.columns.selfSize,
    firstEdge: buildFirstEdgeIndex(nodes.columns.edgeCounts, header.nodeCount),
    nodeDetachedness: nodes.columns.detachedness,
    edgeType: edges.columns.type,
    edgeName: edges.columns.name,
    edgeTo: edges.columns.to,
    strings: table,
  };
  checkStringIndexes(graph);
  return graph;
}

function checkStringIndexes(graph: HeapGraph): void {
  const count = graph.strings.count;
  const { nodeName, edgeType, edgeName, layout, firstEdge } = graph;
  for (let n = 0; n < graph.nodeCount; n++) {
    if (nodeName[n] >= count) throw new DumpError(graph.file, `node @${graph.nodeId[n]} names string ${nodeName[n]}, but there are only ${count} strings`);
  }
  const named = layout.edgeTypes.map((_, type) => edgeHasStringName(layout, type));
  for (let e = 0; e < graph.edgeCount; e++) {
    if (named[edgeType[e]] && edgeName[e] >= count) {
      const from = upperBound(firstEdge, e) - 1;
      throw new DumpError(graph.file, `an edge of node @${graph.nodeId[from]} names string ${edgeName[e]}, but there are only ${count} strings`);
    }
  }
}
