// Time from opening a snapshot in the heap viewer to its first painted summary row, as a user
// waits for it: analysis in the worker (dist/heapWorker.js, as the editor runs it), then the real
// webview bundle in headless Chromium asking for its first page.
//
//   npm run build && npm run compile-tests && node bench/heapViewer/firstPaint.mjs [--size 200]
//
// The synthetic snapshot is bench/heap's, cached in $SALVAGE_BENCH_DIR or ~/.cache/salvage-bench.

import { createRequire } from 'module';
import { existsSync, mkdirSync } from 'fs';
import { homedir } from 'os';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';
import { generateSnapshot } from '../heap/generateSnapshot.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const { HeapAnalysisService } = require(join(root, 'out/src/engine/snapshot/service/heapAnalysisService.js'));
const { HeapViewerBackend } = require(join(root, 'out/src/extension/heapViewer/viewerBackend.js'));
const { withFile } = require(join(root, 'out/src/sources/local/fileByteSource.js'));
const { openHeapViewerPage } = require(join(root, 'out/test/support/webviewHarness.js'));

const sizeIndex = process.argv.indexOf('--size');
const sizeMb = sizeIndex < 0 ? 200 : Number(process.argv[sizeIndex + 1]);
const cacheDir = process.env.SALVAGE_BENCH_DIR ?? join(homedir(), '.cache', 'salvage-bench');
mkdirSync(cacheDir, { recursive: true });
const file = join(cacheDir, `synthetic-${sizeMb}MB.heapsnapshot`);
if (!existsSync(file)) {
  process.stderr.write(`generating ${file} ...\n`);
  await generateSnapshot(file, sizeMb * 1_000_000);
}

const service = new HeapAnalysisService(join(root, 'dist', 'heapWorker.js'));
const started = performance.now();
let analysed = 0;
let backend;
const page = await openHeapViewerPage((message, post) => {
  if (message.type === 'ready') {
    withFile(file, (source) => service.open(source)).then(async (analysis) => {
      analysed = performance.now();
      backend = new HeapViewerBackend(analysis, { compare: async () => null, showInDebugVariables: async () => {} });
      await post({ type: 'loaded', file, overview: await analysis.query('overview') });
    });
  } else if (message.type === 'request') {
    backend.handle(message.request).then((result) => post({ type: 'response', id: message.id, result }));
  }
});
await page.page.waitForSelector('.row.kind-class', { timeout: 10 * 60_000 });
const painted = performance.now();
console.log(`heap viewer, ${sizeMb} MB snapshot: analysed in ${((analysed - started) / 1000).toFixed(1)} s, first row painted at ${((painted - started) / 1000).toFixed(1)} s after open`);
await page.close();
await service.dispose();
