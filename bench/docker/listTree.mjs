// Benchmark: the whole Docker tree of the Dumps view — every container of an endpoint with its dumps
// classified by content — for 100 created (never started, so cheap) containers that each hold dumps.
// Target: <= 2 s. Timed, alternating, in the same run:
//   salvage   `salvage ls --docker --json` as a whole process: first ever (an empty dump store, so
//             every file's head is read), and again with the classifications it saved in the store
//             (revalidated by a stat); and the listing in-process a second time (the view's refresh)
//   floor     one archive request per bench container and nothing else (Node's http, 4 at a time):
//             the least any listing that classifies by content can cost the engine, which re-executes
//             itself (docker-tar) for every archive request
//   peers     the Docker CLI doing the same by hand: `docker ps -a` alone (lists, finds nothing),
//             + `docker diff` per container (finds candidate files), + `docker cp` of each
//             candidate to stdout, first 4 KiB (classifies by content, as Salvage does)
// The containers (label salvage.bench=docker-tree) are made in the sandbox engine and removed at the
// end, since every test listing the engine would pay for them; `--keep` keeps them for the next run.
// Usage: npm run build && npm run compile-tests && node bench/docker/listTree.mjs [--runs N] [--keep]

import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { request } from 'http';
import { createRequire } from 'module';
import { homedir, tmpdir } from 'os';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const cli = join(repo, 'dist', 'cli.js');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const COUNT = 100;
const LABEL = 'salvage.bench=docker-tree';
const work = process.env.SALVAGE_BENCH_DIR ?? join(homedir(), '.cache', 'salvage-bench', 'docker');
const host = `unix://${process.env.DOCKER_SANDBOX_DIR ?? '/tmp/d'}/docker.sock`;
const env = { ...process.env, DOCKER_HOST: host };

function sh(command, args, options = {}) {
  const r = spawnSync(command, args, { encoding: 'utf8', env, maxBuffer: 512 * 1024 * 1024, ...options });
  if (r.status !== 0 && !options.allowFailure) throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r;
}

const benchContainers = () => sh('docker', ['ps', '-aq', '--filter', `label=${LABEL}`]).stdout.split('\n').filter((l) => l !== '');

function makeDumps() {
  mkdirSync(work, { recursive: true });
  const report = join(work, 'report.json');
  const snapshot = join(work, 'heap.heapsnapshot');
  sh(process.execPath, ['--report-uncaught-exception', `--report-directory=${work}`, '--report-filename=report.json', '-e', 'null.boom()'], { allowFailure: true });
  sh(process.execPath, ['-e', `require('v8').writeHeapSnapshot(${JSON.stringify(snapshot)})`]);
  writeFileSync(join(work, 'app.log'), 'not a dump\n'.repeat(100));
  return { report, snapshot, log: join(work, 'app.log') };
}

function setUp() {
  sh('bash', [join(repo, 'scripts', 'docker-sandbox.sh'), 'up']);
  const have = benchContainers().length;
  if (have >= COUNT) return;
  const dumps = makeDumps();
  console.log(`creating ${COUNT - have} containers with dumps (removed at the end unless --keep) ...`);
  for (let i = have; i < COUNT; i++) {
    const name = `salvage-bench-${i}`;
    sh('docker', ['create', '--name', name, '--label', LABEL, ...(i % 10 === 0 ? ['--label', 'com.docker.compose.project=bench'] : []), 'node-mini:latest', 'node', '-e', '0']);
    sh('docker', ['cp', dumps.report, `${name}:/tmp/report.json`]);
    sh('docker', ['cp', dumps.log, `${name}:/tmp/app.log`]);
    if (i % 3 === 0) sh('docker', ['cp', dumps.snapshot, `${name}:/tmp/heap.heapsnapshot`]);
  }
}

function timed(fn) {
  const start = process.hrtime.bigint();
  const result = fn();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, result };
}

async function timedAsync(fn) {
  const start = process.hrtime.bigint();
  const result = await fn();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, result };
}

/** The Docker CLI by hand: list, diff each container, read the head of each candidate file. */
function byHand(level) {
  const ids = sh('docker', ['ps', '-aq']).stdout.split('\n').filter((l) => l !== '');
  if (level === 'ps') return ids.length;
  let files = 0;
  for (const id of ids) {
    const added = sh('docker', ['diff', id]).stdout.split('\n').filter((l) => /^[AC] /.test(l)).map((l) => l.slice(2));
    const leaves = added.filter((p) => !added.some((q) => q.startsWith(`${p}/`)));
    if (level === 'diff') continue;
    for (const file of leaves) {
      sh('bash', ['-c', `docker cp "$0:$1" - | head -c 4608 >/dev/null`, id, file], { allowFailure: true });
      files++;
    }
  }
  return files;
}

/** GET /containers/{id}/archive of one small file per container, `limit` requests at a time. */
async function archiveFloor(ids, limit) {
  const socketPath = host.slice('unix://'.length);
  const get = (id) =>
    new Promise((resolve, reject) => {
      const req = request({ socketPath, path: `/v1.41/containers/${id}/archive?path=/tmp/report.json` }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`archive of ${id}: HTTP ${res.statusCode}`))));
      });
      req.on('error', reject);
      req.end();
    });
  let next = 0;
  const worker = async () => {
    while (next < ids.length) await get(ids[next++]);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main() {
  setUp();
  try {
    await measure();
  } finally {
    if (!process.argv.includes('--keep')) {
      const ids = benchContainers();
      if (ids.length > 0) sh('docker', ['rm', '-f', ...ids]);
    }
  }
}

async function measure() {
  const { exploreEndpoint } = require(join(repo, 'out', 'src', 'sources', 'docker', 'dockerExplorer.js'));
  const endpoint = { name: 'default', host, current: true, explicit: true };
  const total = benchContainers().length;
  const all = sh('docker', ['ps', '-aq']).stdout.split('\n').filter((l) => l !== '').length;
  const times = { cold: [], stored: [], warm: [], floor: [], ps: [], diff: [], cp: [] };
  const ls = (store) => sh(process.execPath, [cli, 'ls', '--docker', '--json'], { env: { ...env, SALVAGE_DUMP_STORE: store } });
  const store = mkdtempSync(join(tmpdir(), 'salvage-bench-store-'));
  ls(store);
  let listed;
  for (let run = 0; run < runs; run++) {
    const cold = timed(() => ls(mkdtempSync(join(tmpdir(), 'salvage-bench-empty-'))));
    times.cold.push(cold.seconds);
    listed = JSON.parse(cold.result.stdout).dumps;
    times.stored.push(timed(() => ls(store)).seconds);
    const cache = new Map();
    await exploreEndpoint(endpoint, { cache });
    times.warm.push((await timedAsync(() => exploreEndpoint(endpoint, { cache }))).seconds);
    times.floor.push((await timedAsync(() => archiveFloor(benchContainers(), 4))).seconds);
    times.ps.push(timed(() => byHand('ps')).seconds);
    times.diff.push(timed(() => byHand('diff')).seconds);
    if (run < 2) times.cp.push(timed(() => byHand('cp')).seconds);
  }
  const inBench = listed.filter((d) => d.docker?.container.name.startsWith('salvage-bench-'));
  const kinds = inBench.reduce((acc, d) => ({ ...acc, [d.kind]: (acc[d.kind] ?? 0) + 1 }), {});
  const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
  console.log(`engine ${host}: ${all} containers, ${total} of them bench containers (created, never started)`);
  console.log(`dumps found in bench containers: ${inBench.length} (${Object.entries(kinds).map(([k, n]) => `${n} ${k}`).join(', ')}); app.log files rejected by content`);
  console.log(`median of ${runs} runs (docker cp: of ${times.cp.length}):`);
  console.log(`  salvage ls --docker, first ever (process)    ${m.cold.toFixed(2)} s   target <= 2 s: ${m.cold <= 2 ? 'met' : 'NOT met'}`);
  console.log(`  salvage ls --docker, store cache (process)   ${m.stored.toFixed(2)} s   target <= 2 s: ${m.stored <= 2 ? 'met' : 'NOT met'}`);
  console.log(`  the view's refresh (in-process, warm)        ${m.warm.toFixed(2)} s   target <= 2 s: ${m.warm <= 2 ? 'met' : 'NOT met'}`);
  console.log(`  floor: one archive request per container     ${m.floor.toFixed(2)} s   (what the engine alone needs to classify by content)`);
  console.log(`  docker ps -a                                 ${m.ps.toFixed(2)} s   (lists containers, finds no dump)`);
  console.log(`  docker ps -a + docker diff each              ${m.diff.toFixed(2)} s   (finds candidate files, cannot tell dumps)`);
  console.log(`  + docker cp head of each candidate           ${m.cp.toFixed(2)} s   (the same work as Salvage, by hand)`);
  console.log(`first ever / floor ${(m.cold / m.floor).toFixed(2)}; ratios to the by-hand equivalent: first ever ${(m.cold / m.cp).toFixed(2)}, store cache ${(m.stored / m.cp).toFixed(2)}, refresh ${(m.warm / m.cp).toFixed(2)}; store cache / (ps + diff) ${(m.stored / m.diff).toFixed(2)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
