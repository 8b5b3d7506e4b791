// The kind of the dump at a path or docker:// URI, for Open Dump…: a docker:// dump is first copied
// into the dump store under a progress notification (so the debug session that follows finds the
// copy ready), a local file is just sniffed.

import type { DumpKind } from '../../engine/crash';
import { sniffDumpKind } from '../../engine/dumpKind';
import { isDockerUri } from '../../sources/dumpUri';
import { withDumpSource } from '../../sources/openDumpSource';
import { withDownloadProgress } from './downloadProgress';

export async function dumpKindAt(pathOrUri: string, storeDir: string): Promise<DumpKind> {
  if (!isDockerUri(pathOrUri)) return withDumpSource(pathOrUri, sniffDumpKind);
  return withDownloadProgress(`Copying ${pathOrUri}`, (signal, onProgress) => withDumpSource(pathOrUri, sniffDumpKind, { storeDir, signal, onProgress }));
}
