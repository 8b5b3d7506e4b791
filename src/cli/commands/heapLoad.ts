// Loading a heap snapshot for the `salvage heap` verbs: any dump location (a path or a docker://
// URI), refused with one line when it is not a snapshot, analysed on two cores when the worker
// bundle is beside the CLI, and progress on stderr for people watching a terminal (a multi-GB
// snapshot takes a while; scripts and tests see nothing).

import { loadHeapSnapshot } from '../../engine/snapshot/analyzeHeapGraph';
import type { HeapProgress } from '../../engine/snapshot/heapGraph';
import type { HeapSnapshot } from '../../engine/snapshot/heapSnapshot';
import { bundledHeapWorker } from '../../sources/local/bundledHeapWorker';
import { withExpectedDump } from '../../sources/openTarget';
import { terminalProgress } from '../downloadProgress';

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

export function loadHeapFile(file: string): Promise<HeapSnapshot> {
  return withExpectedDump(file, ['heapsnapshot'], (source) => loadHeapSnapshot(source, { onProgress: analysisProgress(file), helperWorker: bundledHeapWorker() }), { onProgress: terminalProgress(`copying ${file}`) });
}
