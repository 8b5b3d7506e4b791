// Benchmark: the crash catalog on a store of 1,000 real crash dumps of mixed kinds — diagnostic
// reports (most deaths), heap snapshots beside some of them, and cores — each made by a real Node
// process that died. Times, in one run: `salvage index` from scratch (every dump analysed), again
// with nothing new (a stat per file), and `salvage crashes --cached --json` (the list); beside them
// the least any content index must do, `sha256sum` over the same files, and `find` over the store.
// The dumps are made once and kept in ~/.cache/salvage-bench/catalog. Usage: npm run build &&
// npm run bench:catalog [-- --dumps N]

import { execFileSync, spawnSync } from 'child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { homedir } from 'os';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(repo, 'dist', 'cli.js');
const node24 = join(repo, '.cache', 'node-binaries', '24', 'package', 'bin', 'node');
const dumpsArg = process.argv.indexOf('--dumps');
const total = dumpsArg > 0 ? Number(process.argv[dumpsArg + 1]) : 1000;
const store = join(homedir(), '.cache', 'salvage-bench', `catalog-${total}`);
const CORES = Math.max(1, Math.round(total / 100));
const SNAPSHOTS = Math.round(total / 10);

// Three bugs, so the catalog has signatures to group by; a death with a snapshot writes it first.
const SERVICE = `function price(o) { return o.price.cents; }
function quota(n) { if (n > 1) throw new RangeError('quota ' + n); }
function parse(s) { return JSON.parse(s); }
if (process.env.SNAPSHOT === '1') require('v8').writeHeapSnapshot();
const bug = Number(process.argv[2]) % 3;
if (bug === 0) price({}); else if (bug === 1) quota(2); else parse('{');
`;

function makeStore() {
  if (existsSync(join(store, 'done'))) return;
  rmSync(store, { recursive: true, force: true });
  mkdirSync(join(store, 'reports'), { recursive: true });
  writeFileSync(join(store, 'service.js'), SERVICE);
  const deaths = total - SNAPSHOTS - CORES;
  console.log(`making ${total} dumps in ${store} (once): ${deaths} reports, ${SNAPSHOTS} of those deaths with a heap snapshot too, ${CORES} cores ...`);
  for (let i = 0; i < deaths; i++) {
    const env = { ...process.env, SNAPSHOT: i < SNAPSHOTS ? '1' : '0' };
    const dir = i < SNAPSHOTS ? join(store, 'with-snapshot', String(i)) : join(store, 'reports');
    mkdirSync(dir, { recursive: true });
    spawnSync(process.execPath, ['--report-uncaught-exception', `--report-directory=${dir}`, join(store, 'service.js'), String(i)], { cwd: dir, env });
  }
  for (let i = 0; i < CORES; i++) {
    const dir = join(store, 'cores', String(i));
    mkdirSync(dir, { recursive: true });
    spawnSync('/bin/sh', ['-c', `ulimit -c unlimited && exec "${process.execPath}" --abort-on-uncaught-exception "${join(store, 'service.js')}" ${i}`], { cwd: dir });
  }
  writeFileSync(join(store, 'done'), '');
}

function timed(command, args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, stdout: r.stdout };
}

makeStore();
const files = execFileSync('find', [store, '-type', 'f', '!', '-name', 'catalog.sqlite*', '!', '-name', 'done', '!', '-name', 'service.js'], { encoding: 'utf8' }).trim().split('\n');
rmSync(join(store, 'catalog.sqlite'), { force: true });
for (const suffix of ['-wal', '-shm']) rmSync(join(store, `catalog.sqlite${suffix}`), { force: true });
const sha = timed('/bin/sh', ['-c', `find "${store}" -type f ! -name 'catalog.sqlite*' -print0 | xargs -0 sha256sum > /dev/null`]);
const find = timed('find', [store, '-type', 'f']);
const first = timed(node24, [cli, 'index', '--store', store, '--json']);
const again = timed(node24, [cli, 'index', '--store', store, '--json']);
const list = timed(node24, [cli, 'crashes', '--store', store, '--cached', '--json']);
const listed = JSON.parse(list.stdout);
const summary = JSON.parse(first.stdout);
const kinds = {};
for (const c of listed.crashes) for (const d of c.dumps) kinds[d.kind] = (kinds[d.kind] ?? 0) + 1;
console.log(`store: ${files.length} files, ${summary.indexed} dumps indexed (${JSON.stringify(kinds)}), ${listed.crashes.length} crashes, ${listed.signatures.length} signatures, ${summary.unreadable} unreadable`);
console.log(`salvage index, from scratch      ${first.seconds.toFixed(2)} s   (${((first.seconds / summary.indexed) * 1000).toFixed(1)} ms a dump)`);
console.log(`sha256sum of the same files      ${sha.seconds.toFixed(2)} s   ratio ${(first.seconds / sha.seconds).toFixed(2)}×`);
console.log(`salvage index, nothing new       ${again.seconds.toFixed(2)} s`);
console.log(`salvage crashes --cached --json  ${list.seconds.toFixed(2)} s   (${listed.crashes.length} crashes; the process's start included)`);
console.log(`find over the store              ${find.seconds.toFixed(2)} s   ratio ${(list.seconds / find.seconds).toFixed(2)}×`);
