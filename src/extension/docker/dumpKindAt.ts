// The kind of the dump at a location, for Open Dump…: a dump that is fetched first (a docker://
// one, copied into the dump store) is fetched under a progress notification, so the debug session
// or heap viewer that follows finds the copy ready; a local file is just sniffed.

import type { DumpKind } from '../../engine/crash';
import { sniffDumpKind } from '../../engine/dumpKind';
import { sourceFor } from '../../sources/dumpSources';
import { LOCAL_SOURCE } from '../../sources/local/localSource';
import { withDumpSource } from '../../sources/openDumpSource';
import { withDownloadProgress } from './downloadProgress';

export interface LocatedDump {
  kind: DumpKind;
  /** The file on this machine: the path itself, or the store's copy of a fetched dump. */
  localPath: string;
}

export async function dumpKindAt(location: string, storeDir: string): Promise<LocatedDump> {
  const locate = (source: Parameters<typeof sniffDumpKind>[0], opened: { localPath: string }) => sniffDumpKind(source).then((kind) => ({ kind, localPath: opened.localPath }));
  if (sourceFor(location).name === LOCAL_SOURCE) return withDumpSource(location, locate);
  return withDownloadProgress(`Copying ${location}`, (signal, onProgress) => withDumpSource(location, locate, { storeDir, signal, onProgress }));
}
