// The kind of the dump at a path or docker:// URI, for Open Dump…: a docker:// dump is first copied
// into the dump store under a progress notification (so the debug session or heap viewer that
// follows finds the copy ready), a local file is just sniffed.

import type { DumpKind } from '../../engine/crash';
import { sniffDumpKind } from '../../engine/dumpKind';
import { isDockerUri } from '../../sources/dumpUri';
import { withDumpSource } from '../../sources/openDumpSource';
import { withDownloadProgress } from './downloadProgress';

export interface LocatedDump {
  kind: DumpKind;
  /** The file on this machine: the path itself, or the store's copy of a docker:// dump. */
  localPath: string;
}

export async function dumpKindAt(pathOrUri: string, storeDir: string): Promise<LocatedDump> {
  if (!isDockerUri(pathOrUri)) return { kind: await withDumpSource(pathOrUri, sniffDumpKind), localPath: pathOrUri };
  return withDownloadProgress(`Copying ${pathOrUri}`, (signal, onProgress) =>
    withDumpSource(pathOrUri, async (source, opened) => ({ kind: await sniffDumpKind(source), localPath: opened.origin.type === 'docker' ? opened.origin.localPath : pathOrUri }), { storeDir, signal, onProgress }),
  );
}
