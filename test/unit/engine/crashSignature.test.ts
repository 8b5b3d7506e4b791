// Crash signatures of real crashes: the same bug must give the same signature from its core and
// from its report, on Node 20 and 26, from two builds of the same TypeScript in different folders
// (a rebuilt image); different bugs must give different ones. Oracles: the fixture's source and the
// stack Node printed (the function names and TypeScript files the expected text is written from).

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { compileTs } from '../../support/compileTs';
import { threadsCore } from '../../support/coreFixtures';
import { crashNode, crashNodeSource, makeTempDir } from '../../support/crashNode';
import { CLI } from '../../support/repoPaths';
import { crashFixture } from '../../support/v8Cores';

const FIXTURE = path.resolve(__dirname, '../../../../test/fixtures/ts-app');
/** Written from test/fixtures/ts-app: the arrow `format` in formatAll, called by OrderService.render. */
const TS_APP_SIGNATURE = 'TypeError at format (format.ts) | formatAll (format.ts) | OrderService.render (service.ts)';
const OOM_SCRIPT = 'const kept = []; setTimeout(function grow() { for (;;) kept.push({ at: kept.length, text: "x".repeat(64) }); }, 1);';

interface Signature {
  text: string;
  id: string;
}

function signatureOf(verb: 'stack' | 'report', file: string): Signature {
  const r = spawnSync(process.execPath, [CLI, verb, file, '--json'], { encoding: 'utf8', timeout: 120_000 });
  assert.strictEqual(r.status, 0, r.stderr);
  return (JSON.parse(r.stdout) as { signature: Signature }).signature;
}

/** The fixture compiled into `layout` under a fresh folder: each build its own paths. */
function build(layout: string): string {
  const project = path.join(makeTempDir('salvage-sig-'), 'service');
  fs.mkdirSync(project, { recursive: true });
  fs.copyFileSync(path.join(FIXTURE, 'tsconfig.json'), path.join(project, 'tsconfig.json'));
  fs.cpSync(path.join(FIXTURE, 'src'), path.join(project, 'src'), { recursive: true });
  const out = path.join(project, layout);
  compileTs(project, out);
  return path.join(out, 'main.js');
}

function coreSignature(major: 20 | 26, script: string, nodeArgs: string[] = []): Signature {
  const crash = crashFixture(major, script, { inPlace: true, nodeArgs });
  try {
    assert.ok(crash.core !== undefined, crash.stderr);
    return signatureOf('stack', crash.core);
  } finally {
    crash.cleanup();
  }
}

suite('crash signatures of real crashes', function () {
  this.timeout(300_000);
  let first: string;
  let second: string;

  suiteSetup(() => {
    first = build('dist');
    second = build('build/js');
  });

  test('the same bug: one signature from cores on Node 20 and 26 and from reports, across two builds', () => {
    const printed = crashNode(first);
    for (const name of ['format', 'formatAll', 'OrderService.render']) assert.ok(printed.stderr.includes(`at ${name} (`), printed.stderr);
    const signatures = [signatureOf('report', printed.reportPath ?? ''), signatureOf('report', crashNode(second).reportPath ?? ''), coreSignature(20, first), coreSignature(26, second), coreSignature(20, second, ['--always-sparkplug'])];
    for (const s of signatures) assert.deepStrictEqual(s, signatures[0]);
    assert.strictEqual(signatures[0].text, TS_APP_SIGNATURE);
    assert.match(signatures[0].id, /^[0-9a-f]{16}$/);
  });

  test('a thrown string: "thrown value", with the frame the core has (a report records no stack for one)', () => {
    const source = "setTimeout(function failLater() { throw 'boom'; }, 1);";
    const report = signatureOf('report', crashNodeSource(source).reportPath ?? '');
    // crashNodeSource runs its text as crash.js: the core's script has that name too.
    const script = path.join(makeTempDir('salvage-sig-throw-'), 'crash.js');
    fs.writeFileSync(script, source);
    assert.strictEqual(report.text, 'thrown value');
    // Node names a timer's function by its receiver, as it prints it: `Timeout.failLater [as _onTimeout]`.
    assert.strictEqual(coreSignature(26, script).text, 'thrown value at Timeout.failLater (crash.js)');
  });

  test('out of memory: the heap limit, whichever allocation hit it, from the core and the report', () => {
    const dir = makeTempDir('salvage-sig-oom-');
    const script = path.join(dir, 'oom.js');
    fs.writeFileSync(script, OOM_SCRIPT);
    const reported = spawnSync(process.execPath, ['--max-old-space-size=24', '--report-on-fatalerror', `--report-directory=${dir}`, script], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    assert.match(reported.stderr, /heap out of memory/, reported.stderr);
    const report = fs.readdirSync(dir).find((f) => f.startsWith('report.'));
    assert.ok(report !== undefined, reported.stderr);
    const fromReport = signatureOf('report', path.join(dir, report));
    assert.deepStrictEqual(coreSignature(26, script, ['--max-old-space-size=24']), fromReport);
    assert.strictEqual(fromReport.text, 'out of memory');
  });

  test('a native crash: the signal and the C functions from the fault down, unoptimised or not', () => {
    for (const build of ['O0', 'O2'] as const) {
      const { core, gdb } = threadsCore(build);
      assert.ok(gdb.raw.includes('crash_now'), gdb.raw);
      // From test/fixtures/c/threads.c: main calls crash_now, which reads through a null pointer.
      assert.strictEqual(signatureOf('stack', core).text, 'SIGSEGV at crash_now | main', build);
    }
  });

  test('different bugs, different signatures', () => {
    const ids = new Set([signatureOf('report', crashNode(first).reportPath ?? ''), signatureOf('report', crashNodeSource('setTimeout(function other() { null.boom(); }, 1);').reportPath ?? '')].map((s) => s.id));
    assert.strictEqual(ids.size, 2);
  });
});
