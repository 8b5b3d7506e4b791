// Bundles the three programs Salvage ships — the extension, the debug adapter (a stdio DAP server)
// and the CLI — into dist/ with esbuild. `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync } from 'fs';
import { createRequire } from 'module';
import { dirname, join } from 'path';

const require = createRequire(import.meta.url);
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: 'linked',
  logLevel: 'info',
  external: [
    // Provided by the extension host at run time.
    'vscode',
    // ssh2 (through dockerode) loads these optional native addons inside try/catch and falls back
    // to pure JS; left external, the bundle runs without them.
    'cpu-features',
    './crypto/build/Release/sshcrypto.node',
  ],
};

const programs = [
  { entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js' },
  { entryPoints: ['src/debug/adapter.ts'], outfile: 'dist/adapter.js' },
  { entryPoints: ['src/cli/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The heap analysis worker (worker_threads), started by the adapter and the extension.
  { entryPoints: ['src/engine/snapshot/service/heapWorkerMain.ts'], outfile: 'dist/heapWorker.js' },
  // Runs in the heap snapshot viewer's webview, a browser page: no Node, no vscode module.
  { entryPoints: ['src/extension/heapViewer/webview/main.ts'], outfile: 'dist/heapViewer.js', platform: 'browser', format: 'iife', target: 'es2022' },
];

// source-map reads its WebAssembly from the directory of the code that loads it: in a bundle, dist/.
mkdirSync('dist', { recursive: true });
copyFileSync(join(dirname(require.resolve('source-map/package.json')), 'lib', 'mappings.wasm'), 'dist/mappings.wasm');

if (watch) {
  const contexts = await Promise.all(programs.map((p) => esbuild.context({ ...common, ...p })));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  await Promise.all(programs.map((p) => esbuild.build({ ...common, ...p })));
}
