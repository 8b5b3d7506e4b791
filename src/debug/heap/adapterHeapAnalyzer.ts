// Where the debug adapter analyses heap snapshots: in the worker bundled next to it
// (dist/heapWorker.js beside dist/adapter.js), so the adapter keeps answering — threads, variables,
// disconnect — while a multi-GB snapshot loads. Run unbundled (from compiled sources, where no
// worker bundle sits beside it), it analyses on its own thread instead.

import * as fs from 'fs';
import * as path from 'path';
import { type HeapAnalyzer, localHeapAnalyzer } from '../../engine/snapshot/service/heapAnalysis';
import { workerHeapAnalyzer } from '../../engine/snapshot/service/heapAnalysisService';

export const HEAP_WORKER_FILE = 'heapWorker.js';

export function adapterHeapAnalyzer(dir: string = __dirname): HeapAnalyzer {
  const script = path.join(dir, HEAP_WORKER_FILE);
  return fs.existsSync(script) ? workerHeapAnalyzer(script) : localHeapAnalyzer;
}
