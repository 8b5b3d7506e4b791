// Entry point of dist/heapWorker.js: the heap analysis worker, started by HeapAnalysisService with
// worker_threads. All it does is serve the parent port.

import { parentPort } from 'worker_threads';
import { HeapWorkerServer } from './heapWorkerServer';

if (parentPort !== null) new HeapWorkerServer(parentPort);
