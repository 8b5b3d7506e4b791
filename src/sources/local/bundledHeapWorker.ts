// Where the heap analysis worker is: dist/heapWorker.js, bundled beside the CLI, the adapter and
// the extension (scripts/build.mjs). Run from compiled sources, where no bundle sits beside the
// caller, there is none and the analysis stays on the caller's thread.

import * as fs from 'fs';
import * as path from 'path';

const HEAP_WORKER_FILE = 'heapWorker.js';

/** The worker script in `dir` (default: beside the running bundle), or undefined when it is not there. */
export function bundledHeapWorker(dir: string = __dirname): string | undefined {
  const script = path.join(dir, HEAP_WORKER_FILE);
  return fs.existsSync(script) ? script : undefined;
}
