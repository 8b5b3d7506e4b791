// The heap benchmark: Salvage against @memlab/core and @vscode/v8-heap-parser on the same
// synthetic snapshots, each tool in a child process of its own (one at a time: the machine is
// shared), printing wall time, peak RSS and Salvage's ratios to memlab.
//
//   npm run build && node bench/heap/run.mjs [--sizes 200,800] [--big] [--tools salvage,memlab,vscode] [--runs N]
//
// With --runs N, the tools take turns N times and each one's median run is reported: the machine
// may be shared, and taking turns spreads a busy spell over all of them.
//
// Snapshots are generated once (generateSnapshot.mjs, deterministic) into $SALVAGE_BENCH_DIR or
// ~/.cache/salvage-bench — never into the repository. --big adds a ≥ 4 GB snapshot, run by Salvage
// alone (the peers cannot load it). Targets at 800 MB: ≤ 1/4 of memlab's time, ≤ 1/2 of its RSS.

import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, statSync } from 'fs';
import { homedir } from 'os';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';
import { generateSnapshot } from './generateSnapshot.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const MB = 1_000_000;
const TIMEOUT_MS = 30 * 60_000;

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : process.argv[i + 1];
}

const sizes = option('sizes', '200,800').split(',').map(Number);
const tools = option('tools', 'salvage,memlab,vscode').split(',');
const runs = Math.max(1, Number(option('runs', '1')));
const cacheDir = process.env.SALVAGE_BENCH_DIR ?? join(homedir(), '.cache', 'salvage-bench');
if (process.argv.includes('--big')) sizes.push(4200);
if (!existsSync(join(here, '..', '..', 'dist', 'cli.js'))) {
  console.error('bench/heap: run `npm run build` first (Salvage is measured as shipped, dist/cli.js)');
  process.exit(2);
}

function snapshotFile(sizeMb) {
  mkdirSync(cacheDir, { recursive: true });
  const file = join(cacheDir, `synthetic-${sizeMb}MB.heapsnapshot`);
  if (!existsSync(file)) {
    process.stderr.write(`generating ${file} ...\n`);
    generateSnapshot(file, sizeMb * MB);
  }
  return file;
}

function runOnce(tool, file) {
  const started = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['--max-old-space-size=16384', join(here, 'child.mjs'), tool, file], {
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    maxBuffer: 16 * 1024 * 1024,
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  const line = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !line.startsWith('{')) {
    const why = child.error?.message ?? child.stderr.trim().split('\n').filter((l) => /error|Error|abort|memory/i.test(l)).pop() ?? `exit ${child.status ?? child.signal}`;
    return { tool, wallMs, failed: why.slice(0, 100) };
  }
  const result = JSON.parse(line);
  return { tool, wallMs, cpuMs: result.cpuMs, rssMb: result.maxRssKb / 1024, nodes: result.nodes };
}

/** Each tool `runs` times, taking turns; per tool the median run by wall time (or its failure). */
function runAll(wanted, file, label) {
  const all = new Map(wanted.map((tool) => [tool, []]));
  for (let r = 0; r < runs; r++) {
    for (const tool of wanted) {
      if (all.get(tool).some((x) => x.failed !== undefined)) continue;
      process.stderr.write(`${tool} on ${label} (run ${r + 1} of ${runs}) ...\n`);
      all.get(tool).push(runOnce(tool, file));
    }
  }
  return wanted.map((tool) => {
    const results = all.get(tool);
    const failed = results.find((x) => x.failed !== undefined);
    if (failed !== undefined) return failed;
    const sorted = [...results].sort((a, b) => a.wallMs - b.wallMs);
    return sorted[Math.floor((sorted.length - 1) / 2)];
  });
}

const fmt = (n, digits = 1) => (n === undefined ? '—' : n.toFixed(digits));
const rows = [];
for (const sizeMb of sizes) {
  const file = snapshotFile(sizeMb);
  const fileMb = statSync(file).size / MB;
  const wanted = sizeMb > 2000 ? tools.filter((t) => t === 'salvage') : tools;
  const results = runAll(wanted, file, `${fileMb.toFixed(0)} MB`);
  const memlab = results.find((r) => r.tool === 'memlab' && r.failed === undefined);
  for (const r of results) {
    const timeRatio = memlab && r.failed === undefined ? r.wallMs / memlab.wallMs : undefined;
    const rssRatio = memlab && r.failed === undefined ? r.rssMb / memlab.rssMb : undefined;
    const ok = r.failed === undefined;
    rows.push([`${fileMb.toFixed(0)} MB`, r.tool, ok ? `${fmt(r.wallMs / 1000)} s` : `failed: ${r.failed}`, ok ? `${fmt(r.cpuMs / 1000)} s` : '—', ok ? `${fmt(r.rssMb, 0)} MB` : '—', fmt(timeRatio, 2), fmt(rssRatio, 2)]);
  }
}

const header = ['snapshot', 'tool', 'wall time', 'CPU time', 'peak RSS', 'time / memlab', 'RSS / memlab'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(line(header));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of rows) console.log(line(r));
console.log(`\n${runs > 1 ? `median of ${runs} runs by wall time; ` : ''}targets at 800 MB: Salvage time / memlab ≤ 0.25, RSS / memlab ≤ 0.50`);
