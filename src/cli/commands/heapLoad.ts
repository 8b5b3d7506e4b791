// Loading a heap snapshot for the `salvage heap` verbs: any dump location (a path or a docker://
// URI), refused with one line when it is not a snapshot, analysed on two cores when the worker
// bundle is beside the CLI, and progress on stderr for people watching a terminal (a multi-GB
// snapshot takes a while; scripts and tests see nothing).

import * as fs from 'fs';
import * as path from 'path';
import { loadHeapSnapshot } from '../../engine/snapshot/analyzeHeapGraph';
import type { HeapProgress } from '../../engine/snapshot/heapGraph';
import type { HeapSnapshot } from '../../engine/snapshot/heapSnapshot';
import { withDumpSource } from '../../sources/openDumpSource';
import { expectKind } from '../../sources/openTarget';
import { terminalProgress } from '../downloadProgress';

/** The worker bundled beside dist/cli.js; with it, independent passes run on a second core. */
function helperWorker(): string | undefined {
  const script = path.join(__dirname, 'heapWorker.js');
  return fs.existsSync(script) ? script : undefined;
}

function analysisProgress(file: string, stream: NodeJS.WriteStream = process.stderr): ((p: HeapProgress) => void) | undefined {
  if (!stream.isTTY) return undefined;
  let last = 0;
  return ({ phase, fraction }) => {
    const now = Date.now();
    if (now - last < 100 && fraction !== 1) return;
    last = now;
    stream.write(`\r${file}: ${phase} ${Math.round(fraction * 100)}%\u001b[K`);
    if (phase === 'statistics' && fraction === 1) stream.write('\r\u001b[K');
  };
}

export async function loadHeapFile(file: string): Promise<HeapSnapshot> {
  return withDumpSource(
    file,
    async (source) => {
      await expectKind(source, file, ['heapsnapshot']);
      return loadHeapSnapshot(source, { onProgress: analysisProgress(file), helperWorker: helperWorker() });
    },
    { onProgress: terminalProgress(`copying ${file}`) },
  );
}
