// The key facts of a heap snapshot for `salvage info` and tooltips, from its header alone: how many
// objects and references it holds. Cheap whatever the file's size — nothing else is read.

import type { ByteSource } from '../bytes/byteSource';
import { readSnapshotHeader } from './parse/readSnapshotHeader';

export async function heapSnapshotFacts(source: ByteSource): Promise<Record<string, string>> {
  const header = await readSnapshotHeader(source);
  const facts: Record<string, string> = { nodes: String(header.nodeCount), edges: String(header.edgeCount) };
  if (header.traceFunctionCount > 0) facts.traceFunctions = String(header.traceFunctionCount);
  return facts;
}
