// Benchmark: `salvage stack` on a Node.js core of at least 1 GB, side by side with gdb 13's
// `thread apply all bt` on the same core, in the same run. Both are timed as whole processes
// (start-up included), alternating, after one warm-up each so the page cache treats them alike.
// Prints the medians, the ratio (target <= 1.0) and how many bytes Salvage read from the core and
// from the binaries, next to the core's size.
// The core is one of bench/bigCore.mjs's, made once and cached: the 1 GiB one, or with
// `--core async-workers` 8 workers and 10,000 pending promises around a crash in an await chain.
// Usage: npm run build && npm run bench:core [-- --runs N] [--core big|async-workers]

import { spawnSync } from 'child_process';
import { existsSync, statSync } from 'fs';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';
import { benchCore } from '../bigCore.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(repo, 'dist', 'cli.js');
const node = process.execPath;
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const coreArg = process.argv.indexOf('--core');
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
const core = benchCore(coreArg > 0 ? process.argv[coreArg + 1] : 'big');
const size = statSync(core).size;

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
