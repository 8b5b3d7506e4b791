// Entry point of dist/heapWorker.js, started with worker_threads in one of two roles: the heap
// analysis service's worker (HeapAnalysisService), or — with workerData.role "heap-passes" — the
// helper that runs passes beside the dominator tree (parallel/passHelper.ts).

import { parentPort, workerData } from 'worker_threads';
import { PASSES_ROLE } from '../parallel/passHelper';
import { servePasses } from '../parallel/passesServer';
import { HeapWorkerServer } from './heapWorkerServer';

const role = (workerData as { role?: unknown } | null)?.role;
if (parentPort !== null) {
  if (role === PASSES_ROLE) servePasses(parentPort);
  // This file is also the helper's script: the service's loads run their side passes in a helper of their own.
  else new HeapWorkerServer(parentPort, __filename);
}
