// Where the debug adapter analyses heap snapshots: in the worker bundled next to it, so the adapter
// keeps answering — threads, variables, disconnect — while a multi-GB snapshot loads. Run unbundled
// (from compiled sources, where no worker bundle sits beside it), it analyses on its own thread.

import { type HeapAnalyzer, localHeapAnalyzer } from '../../engine/snapshot/service/heapAnalysis';
import { workerHeapAnalyzer } from '../../engine/snapshot/service/heapAnalysisService';
import { bundledHeapWorker } from '../../sources/local/bundledHeapWorker';

export function adapterHeapAnalyzer(): HeapAnalyzer {
  const script = bundledHeapWorker();
  return script === undefined ? localHeapAnalyzer : workerHeapAnalyzer(script);
}
