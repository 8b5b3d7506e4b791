// The benchmarks' cores, each made once and cached outside the repository (SALVAGE_BENCH_DIR,
// default ~/.cache/salvage-bench/core), with whatever else a benchmark derives from them
// (compressed copies): the big core, a Node process that fills 1 GiB of buffers and ~2 million
// objects, then aborts; and the async-workers core, 8 worker threads blocked in Atomics.wait while
// the main thread dies inside an await chain with 10,000 promises pending.

import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'fs';
import { homedir } from 'os';
import { join } from 'path';

export const BENCH_DIR = process.env.SALVAGE_BENCH_DIR ?? join(homedir(), '.cache', 'salvage-bench', 'core');
const GiB = 1024 ** 3;

const FILLER = `
const buffers = [];
for (let i = 0; i < 1024; i++) buffers.push(Buffer.alloc(1 << 20, (i % 251) + 1));
const objects = [];
for (let i = 0; i < 2e6; i++) objects.push({ id: i, name: 'item-' + i, pair: [i, i * 2] });
globalThis.keep = { buffers, objects };
setTimeout(function abortWithBigHeap() { process.abort(); }, 10);
`;

const ASYNC_WORKERS = `
const { Worker, isMainThread, parentPort } = require('worker_threads');
if (!isMainThread) {
  function block() { parentPort.postMessage('ready'); Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); }
  block();
} else {
  const pending = [];
  for (let i = 0; i < 10000; i++) pending.push(new Promise(() => {}).then(() => i));
  globalThis.keep = pending;
  async function handle(depth) { if (depth > 0) return await handle(depth - 1); await null; process.abort(); }
  let ready = 0;
  for (let i = 0; i < 8; i++) new Worker(__filename, { name: 'worker-' + i }).on('message', () => { if (++ready === 8) setTimeout(() => handle(20), 50); });
}
`;

/** A benchmark core: the program that makes it, and the size it must at least have. */
const CORES = {
  big: { dir: BENCH_DIR, program: FILLER, nodeArgs: ['--max-old-space-size=4096'], minSize: GiB, what: 'a >= 1 GiB Node core' },
  'async-workers': { dir: join(BENCH_DIR, 'async-workers'), program: ASYNC_WORKERS, nodeArgs: [], minSize: 1, what: 'a core of 8 workers and 10,000 pending promises' },
};

function findCore(dir) {
  if (!existsSync(dir)) return undefined;
  const name = readdirSync(dir).find((f) => /^core(\.\d+)?$/.test(f));
  return name === undefined ? undefined : join(dir, name);
}

function makeCore({ dir, program, nodeArgs, what }) {
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) if (/^core/.test(f)) rmSync(join(dir, f));
  const script = join(dir, 'program.js');
  writeFileSync(script, program);
  console.log(`making ${what} in ${dir} (once) ...`);
  spawnSync('/bin/sh', ['-c', `ulimit -c unlimited && exec "${process.execPath}" ${nodeArgs.join(' ')} "${script}"`], { cwd: dir, stdio: 'inherit' });
  const core = findCore(dir);
  if (core === undefined) throw new Error(`no core was written in ${dir}: core_pattern must be a plain file name ("core") and ulimit -c raisable`);
  return core;
}

/** The path of benchmark core `name` ('big' or 'async-workers'), made now unless it is cached. */
export function benchCore(name = 'big') {
  const spec = CORES[name];
  if (spec === undefined) throw new Error(`no benchmark core named ${name}: ${Object.keys(CORES).join(', ')}`);
  let core = findCore(spec.dir);
  if (core === undefined || statSync(core).size < spec.minSize) core = makeCore(spec);
  const size = statSync(core).size;
  if (size < spec.minSize) throw new Error(`the core is only ${size} bytes; expected at least ${spec.minSize}`);
  return core;
}

/** The path of a core of at least 1 GiB, made now unless it is cached. */
export const bigCore = () => benchCore('big');
