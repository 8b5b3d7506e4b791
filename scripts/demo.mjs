// `npm run demo`: builds the sample TypeScript service in examples/orders-service, lets it crash the
// way production services do — with a diagnostic report, a heap snapshot and a core — into
// demo-dumps/, then shows what Salvage reads from them.
import { spawn, spawnSync } from 'child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'fs';
import { join, resolve } from 'path';

const root = resolve(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const app = join(root, 'examples', 'orders-service');
const entry = join(app, 'dist', 'main.js');
const dumps = join(root, 'demo-dumps');
const cli = join(root, 'dist', 'cli.js');

function step(title) {
  console.log(`\n\x1b[1m== ${title}\x1b[0m`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status;
}

function salvage(...args) {
  console.log(`\x1b[2m$ salvage ${args.map((a) => a.replace(root + '/', '')).join(' ')}\x1b[0m`);
  run(process.execPath, [cli, ...args], { cwd: root });
}

/** Runs the service once with `flags`; with `signalWhenReady`, sends it SIGUSR2 after its first batch. */
function crashService(flags, { signalWhenReady = false, shell = false } = {}) {
  return new Promise((done) => {
    const env = { ...process.env, BATCH_DELAY_MS: signalWhenReady ? '1500' : '50' };
    const command = shell ? '/bin/sh' : process.execPath;
    // `ulimit -c unlimited` lets the kernel write the core; it cannot be raised from Node itself.
    const args = shell ? ['-c', `ulimit -c unlimited 2>/dev/null; exec "${process.execPath}" ${flags.join(' ')} "${entry}"`] : [...flags, entry];
    const child = spawn(command, args, { cwd: dumps, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => {
      process.stdout.write(`  service| ${d}`.replace(/\n(?!$)/g, '\n  service| '));
      if (signalWhenReady && String(d).includes('processed batch 1')) child.kill('SIGUSR2');
    });
    child.stderr.on('data', () => {});
    child.on('exit', (code, signal) => {
      console.log(`  service died: ${signal ?? `exit code ${code}`}`);
      done();
    });
  });
}

step('Building Salvage and the sample service (TypeScript with source maps)');
run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', app]);
rmSync(dumps, { recursive: true, force: true });
mkdirSync(dumps, { recursive: true });

step('Crash 1: --report-uncaught-exception (a Node.js diagnostic report)');
await crashService(['--report-uncaught-exception', `--report-directory=${dumps}`, '--report-compact']);

step('Crash 2: --heapsnapshot-signal=SIGUSR2 (a V8 heap snapshot taken before the crash)');
await crashService(['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${dumps}`], { signalWhenReady: true });

step('Crash 3: --abort-on-uncaught-exception (an ELF core, if ulimit allows)');
await crashService(['--abort-on-uncaught-exception'], { shell: true });

step('What Salvage finds in demo-dumps/');
for (const name of readdirSync(dumps).sort()) salvage('info', join(dumps, name));

const report = readdirSync(dumps).find((f) => f.startsWith('report.'));
if (report === undefined || !existsSync(cli)) {
  console.error('no report was written; cannot show the source-mapped stack');
  process.exit(1);
}
step('The crash, mapped back to TypeScript');
salvage('report', join(dumps, report));
const core = readdirSync(dumps).find((f) => /^core(\.\d+)?$/.test(f));
if (core !== undefined) {
  step('The core: JavaScript frames read from V8, mixed with the native ones, at their TypeScript lines');
  salvage('stack', join(dumps, core));
}
const snapshot = readdirSync(dumps).find((f) => f.endsWith('.heapsnapshot'));
if (snapshot !== undefined) {
  step('The heap just before the crash: what holds the memory, by constructor');
  salvage('heap', join(dumps, snapshot), '--top', '10');
}
console.log('\nOpen any of these in VS Code: Salvage view → Open Dump…, or `salvage report --json`.');
