// Benchmark: `salvage stack` on a Node.js core of at least 1 GB, side by side with gdb 13's
// `thread apply all bt` on the same core, in the same run. Both are timed as whole processes
// (start-up included), alternating, after one warm-up each so the page cache treats them alike.
// Prints the medians, the ratio (target <= 1.0) and how many bytes Salvage read from the core and
// from the binaries, next to the core's size.
//
// The core is made once and cached outside the repository (SALVAGE_BENCH_DIR, default
// ~/.cache/salvage-bench/core): a Node process fills 1 GiB of buffers and ~2 million objects,
// then aborts. Usage: npm run build && npm run bench:core [-- --runs N]

import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'fs';
import { homedir } from 'os';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(repo, 'dist', 'cli.js');
const node = process.execPath;
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const dir = process.env.SALVAGE_BENCH_DIR ?? join(homedir(), '.cache', 'salvage-bench', 'core');
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
  if (!existsSync(dir)) return undefined;
  const name = readdirSync(dir).find((f) => /^core(\.\d+)?$/.test(f));
  return name === undefined ? undefined : join(dir, name);
}

function makeCore() {
  mkdirSync(dir, { recursive: true });
  for (const f of readdirSync(dir)) if (/^core/.test(f)) rmSync(join(dir, f));
  const script = join(dir, 'fill.js');
  writeFileSync(script, FILLER);
  console.log(`making a >= 1 GiB Node core in ${dir} (once) ...`);
  spawnSync('/bin/sh', ['-c', `ulimit -c unlimited && exec "${node}" --max-old-space-size=4096 "${script}"`], { cwd: dir, stdio: 'inherit' });
  const core = findCore();
  if (core === undefined) throw new Error(`no core was written in ${dir}: core_pattern must be a plain file name ("core") and ulimit -c raisable`);
  return core;
}

function time(command, args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { seconds, stdout: r.stdout, stderr: r.stderr };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" first`);
let core = findCore();
if (core === undefined || statSync(core).size < GiB) core = makeCore();
const size = statSync(core).size;
if (size < GiB) throw new Error(`the core is only ${mib(size)}; expected at least 1 GiB`);

const salvageArgs = [cli, 'stack', core, '--binary', node, '--json', '--stats'];
const gdbArgs = ['-batch', '-nx', '-ex', 'thread apply all bt', node, core];
time(node, salvageArgs);
time('gdb', gdbArgs);
const ours = [];
const theirs = [];
let last;
let gdbOut;
for (let i = 0; i < runs; i++) {
  last = time(node, salvageArgs);
  ours.push(last.seconds);
  gdbOut = time('gdb', gdbArgs);
  theirs.push(gdbOut.seconds);
}

const stats = /read (\d+) bytes of the core \((\d+) bytes\), (\d+) bytes of binaries/.exec(last.stderr);
const json = JSON.parse(last.stdout);
const ourFrames = json.threads.reduce((n, t) => n + t.frames.filter((f) => f.kind !== 'marker').length, 0);
const gdbFrames = (gdbOut.stdout.match(/^#\d+ /gm) ?? []).length;
const s = median(ours);
const g = median(theirs);
console.log(`core: ${core} (${mib(size)}), ${json.threads.length} threads, ${runs} runs each, medians of whole-process wall time`);
console.log(`  salvage stack (all threads)       ${s.toFixed(3)} s   ${ourFrames} frames`);
console.log(`  gdb 13 thread apply all bt        ${g.toFixed(3)} s   ${gdbFrames} frames`);
console.log(`  ratio salvage / gdb               ${(s / g).toFixed(2)}   (target <= 1.00)`);
if (stats !== null) {
  const [, fromCore, coreSize, fromFiles] = stats.map(Number);
  console.log(`  bytes read: ${mib(fromCore)} of the core (${((fromCore / coreSize) * 100).toFixed(3)} % of ${mib(coreSize)}), ${mib(fromFiles)} of binaries and debug files`);
}
