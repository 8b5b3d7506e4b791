// The benchmarks' big core: a Node process fills 1 GiB of buffers and ~2 million objects, then
// aborts. Made once and cached outside the repository (SALVAGE_BENCH_DIR, default
// ~/.cache/salvage-bench/core), with whatever else a benchmark derives from it (compressed copies).

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

function findCore() {
  if (!existsSync(BENCH_DIR)) return undefined;
  const name = readdirSync(BENCH_DIR).find((f) => /^core(\.\d+)?$/.test(f));
  return name === undefined ? undefined : join(BENCH_DIR, name);
}

function makeCore() {
  mkdirSync(BENCH_DIR, { recursive: true });
  for (const f of readdirSync(BENCH_DIR)) if (/^core/.test(f)) rmSync(join(BENCH_DIR, f));
  const script = join(BENCH_DIR, 'fill.js');
  writeFileSync(script, FILLER);
  console.log(`making a >= 1 GiB Node core in ${BENCH_DIR} (once) ...`);
  spawnSync('/bin/sh', ['-c', `ulimit -c unlimited && exec "${process.execPath}" --max-old-space-size=4096 "${script}"`], { cwd: BENCH_DIR, stdio: 'inherit' });
  const core = findCore();
  if (core === undefined) throw new Error(`no core was written in ${BENCH_DIR}: core_pattern must be a plain file name ("core") and ulimit -c raisable`);
  return core;
}

/** The path of a core of at least 1 GiB, made now unless it is cached. */
export function bigCore() {
  let core = findCore();
  if (core === undefined || statSync(core).size < GiB) core = makeCore();
  const size = statSync(core).size;
  if (size < GiB) throw new Error(`the core is only ${size} bytes; expected at least 1 GiB`);
  return core;
}
