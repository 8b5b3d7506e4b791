// Where Salvage's heap load spends its time: the engine's own load (parse, then every named pass)
// on one snapshot, with the wall time of each phase as the progress callback announces it, CPU time
// and peak RSS. For finding hot spots; the peer comparison is run.mjs.
//
//   node bench/heap/phases.mjs [snapshot] [--runs N] [--no-helper] [--rss] [--cpu-prof DIR]
//
// --rss adds the resident set size at the start of each phase.
//
// The engine is bundled from src/ (esbuild) into a temporary folder first, so it measures the tree
// as it is, not the last `npm run build`. Each run is a process of its own. A phase's time runs from
// its announcement to the next one's; with the helper thread, "class names and distances" and
// "retainers" are only the waits for the helper, whose passes ran beside this thread's.

import * as esbuild from 'esbuild';
import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { homedir, tmpdir } from 'os';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? fallback : process.argv[i + 1];
}

/** The child: loads the snapshot with the bundled engine, prints one JSON line of phase times. */
const CHILD = `
const { FileByteSource, loadHeapSnapshot } = require('./engine.js');
const [file, helper] = process.argv.slice(2);
(async () => {
  const source = await FileByteSource.open(file);
  const phases = [];
  let current;
  const started = process.hrtime.bigint();
  const now = () => Number(process.hrtime.bigint() - started) / 1e6;
  const snapshot = await loadHeapSnapshot(source, {
    helperWorker: helper === '-' ? undefined : helper,
    onProgress: ({ phase }) => {
      if (current === phase) return;
      phases.push({ phase, at: now(), rssMb: Math.round(process.memoryUsage.rss() / 1048576) });
      current = phase;
    },
  });
  const ms = now();
  await source.close();
  const usage = process.resourceUsage();
  const times = phases.map((p, i) => ({ phase: p.phase, ms: (i + 1 < phases.length ? phases[i + 1].at : ms) - p.at, rssMb: p.rssMb }));
  const top = snapshot.summary()[0];
  process.stdout.write(JSON.stringify({ ms, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssKb: usage.maxRSS, times, nodes: snapshot.overview().nodeCount, top: top.name + ' ' + top.retainedSize }) + '\\n');
})().catch((e) => { console.error(e); process.exit(1); });
`;

async function bundle(dir) {
  const entry = join(dir, 'entry.ts');
  writeFileSync(
    entry,
    `export { loadHeapSnapshot } from ${JSON.stringify(join(repo, 'src/engine/snapshot/analyzeHeapGraph'))};\n` +
      `export { FileByteSource } from ${JSON.stringify(join(repo, 'src/sources/local/fileByteSource'))};\n`,
  );
  const common = { bundle: true, platform: 'node', target: 'node18', format: 'cjs', logLevel: 'warning' };
  await esbuild.build({ ...common, entryPoints: [entry], outfile: join(dir, 'engine.js') });
  await esbuild.build({ ...common, entryPoints: [join(repo, 'src/engine/snapshot/service/heapWorkerMain.ts')], outfile: join(dir, 'heapWorker.js') });
  writeFileSync(join(dir, 'child.js'), CHILD);
}

/** Options that take a value; every other `--x` is a flag. */
const VALUED = ['--runs', '--cpu-prof'];
const positional = process.argv.slice(2).find((a, i, all) => !a.startsWith('--') && !VALUED.includes(all[i - 1]));
const file = positional ?? join(process.env.SALVAGE_BENCH_DIR ?? join(homedir(), '.cache', 'salvage-bench'), 'synthetic-800MB.heapsnapshot');
const runs = Math.max(1, Number(option('runs', '1')));
const cpuProf = option('cpu-prof', undefined);
const showRss = process.argv.includes('--rss');
const dir = mkdtempSync(join(tmpdir(), 'salvage-phases-'));
try {
  await bundle(dir);
  const helper = process.argv.includes('--no-helper') ? '-' : join(dir, 'heapWorker.js');
  const results = [];
  for (let r = 0; r < runs; r++) {
    const flags = ['--max-old-space-size=16384', ...(cpuProf === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${cpuProf}`])];
    const child = spawnSync(process.execPath, [...flags, join(dir, 'child.js'), file, helper], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (child.status !== 0) throw new Error(`run failed: ${child.stderr}`);
    const result = JSON.parse(child.stdout.trim().split('\n').pop());
    results.push(result);
    const phases = result.times.map((t) => `${t.phase} ${(t.ms / 1000).toFixed(2)}${showRss ? ` (${t.rssMb} MB)` : ''}`).join(' | ');
    console.log(`run ${r + 1}: ${(result.ms / 1000).toFixed(2)} s wall, ${(result.cpuMs / 1000).toFixed(1)} s CPU, ${(result.maxRssKb / 1024).toFixed(0)} MB peak RSS; ${phases}; top: ${result.top}`);
  }
  if (runs > 1) {
    const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
    const phases = results[0].times.map((t, i) => `${t.phase} ${(median(results.map((x) => x.times[i]?.ms ?? 0)) / 1000).toFixed(2)}`).join(' | ');
    console.log(`median: ${(median(results.map((x) => x.ms)) / 1000).toFixed(2)} s wall, ${(median(results.map((x) => x.maxRssKb)) / 1024).toFixed(0)} MB; ${phases}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
