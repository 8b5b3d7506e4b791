// Opening the bytes of a dump from what the user typed — a local path, a file: URL, a docker:// URI
// — through the source that owns it (dumpSources.ts), decompressed when it is compressed: the one
// place front ends get a ByteSource.

import type { ByteSource } from '../engine/bytes/byteSource';
import type { OpenedDumpSource, OpenSourceOptions } from './dumpSource';
import { openDecompressed } from './compressed/openDecompressed';
import { sourceFor } from './dumpSources';

/** Opens a dump for reading, wherever it is. The caller closes `source`. */
export async function openDumpSource(location: string, options: OpenSourceOptions = {}): Promise<OpenedDumpSource> {
  return openDecompressed(await sourceFor(location).open(location, options), options);
}

/** Opens `location`, runs `use`, and always closes the source (withFile for any dump location). */
export async function withDumpSource<T>(location: string, use: (source: ByteSource, opened: OpenedDumpSource) => Promise<T>, options: OpenSourceOptions = {}): Promise<T> {
  const opened = await openDumpSource(location, options);
  try {
    return await use(opened.source, opened);
  } finally {
    await opened.source.close();
  }
}

/** Search paths for the engine: the ones the dump's origin needs first, then the user's. */
export function mergeSearchPaths(opened: OpenedDumpSource, userPaths: string[] | undefined): string[] | undefined {
  const all = [...opened.searchPaths, ...(userPaths ?? [])];
  return all.length === 0 ? undefined : all;
}
