// Just the header of a heap snapshot — layout and counts — for `salvage info` and the Dumps view's
// tooltips: reads from the start only until the `snapshot` object ends (about 1 KiB in V8's
// output), so a multi-GB file costs one small read.

import type { ByteSource } from '../../bytes/byteSource';
import { DumpError } from '../../dumpError';
import type { SnapshotHeader } from '../snapshotHeader';
import { SnapshotParser } from './snapshotParser';

const HEADER_CHUNK = 64 * 1024;
const MAX_HEADER_SCAN = 4 * 1024 * 1024;

export async function readSnapshotHeader(source: ByteSource): Promise<SnapshotHeader> {
  const parser = new SnapshotParser(source.name, source.size, undefined, true);
  for (let offset = 0; offset < Math.min(source.size, MAX_HEADER_SCAN);) {
    const bytes = await source.read(offset, HEADER_CHUNK);
    if (bytes.length === 0) break;
    parser.feed(bytes, offset);
    offset += bytes.length;
    const header = parser.parsedHeader;
    if (header !== undefined) return header;
  }
  throw new DumpError(source.name, 'the "snapshot" header does not end (truncated?)', Math.min(source.size, MAX_HEADER_SCAN));
}
