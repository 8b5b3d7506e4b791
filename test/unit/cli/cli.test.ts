// The bundled CLI (dist/cli.js) run as users run it, on real dumps. Oracles: Node's own output for
// the same crash, readelf/how the dump was made for kinds, the OS for pids.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { makeTempDir } from '../../support/crashNode';
import { writeHeapSnapshot } from '../../support/realDumps';
import { CLI } from '../../support/repoPaths';
import { crashSampleService, parseStackPosition, type SampleCrash } from '../../support/sampleCrash';

function salvage(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonFrame {
  kind: string;
  function: string;
  file?: string;
  line?: number;
  column?: number;
  original?: { file: string; line: number; column: number };
}

suite('salvage CLI', () => {
  let crash: SampleCrash;

  suiteSetup(() => {
    crash = crashSampleService();
  });

  test('report --json: exception as Node printed it, frames mapped to the TypeScript Node printed', () => {
    const r = salvage('report', crash.reportPath, '--json');
    assert.strictEqual(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.strictEqual(json.description, `Uncaught ${crash.errorLine}`);
    assert.strictEqual(json.header.pid, crash.pid);
    const mapped = (json.frames as JsonFrame[]).filter((f) => f.original !== undefined).map((f) => `${f.original?.file}:${f.original?.line}:${f.original?.column}`);
    const oracle = crash.mappedStack
      .map(parseStackPosition)
      .filter((p) => p?.file.endsWith('.ts'))
      .map((p) => `${p?.file}:${p?.line}:${p?.column}`);
    assert.deepStrictEqual(mapped, oracle);
    assert.ok((json.nativeFrames as JsonFrame[]).length > 0 && json.nativeFrames.every((f: JsonFrame) => f.kind === 'native'));
  });

  test('a report from elsewhere (paths of a container) maps to the local checkout with no configuration', () => {
    const container = makeTempDir('salvage-app-');
    const elsewhere = crashSampleService(container, { withSources: true });
    const checkout = makeTempDir('salvage-checkout-');
    fs.cpSync(container, checkout, { recursive: true });
    fs.rmSync(container, { recursive: true });
    const r = spawnSync(process.execPath, [CLI, 'report', elsewhere.reportPath, '--json'], { cwd: checkout, encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
    const mapped = (JSON.parse(r.stdout).frames as JsonFrame[]).filter((f) => f.original !== undefined).map((f) => `${f.original?.file}:${f.original?.line}:${f.original?.column}`);
    const oracle = elsewhere.mappedStack
      .map(parseStackPosition)
      .filter((p) => p?.file.endsWith('.ts'))
      .map((p) => `${path.join(checkout, path.relative(container, p?.file ?? ''))}:${p?.line}:${p?.column}`);
    assert.ok(oracle.length >= 5);
    assert.deepStrictEqual(mapped, oracle);
    const elsewhereRun = spawnSync(process.execPath, [CLI, 'report', elsewhere.reportPath, '--json'], { cwd: makeTempDir(), encoding: 'utf8' });
    assert.ok(
      (JSON.parse(elsewhereRun.stdout).frames as JsonFrame[]).every((f) => f.original === undefined),
      'no checkout, no mapping',
    );
  });

  test('report (text) shows the .ts position of the crash first', () => {
    const r = salvage('report', crash.reportPath);
    assert.strictEqual(r.code, 0, r.stderr);
    const top = parseStackPosition(crash.mappedStack[0]);
    assert.ok(top);
    assert.ok(r.stdout.startsWith(`Uncaught ${crash.errorLine}\n`));
    const firstFrame = r.stdout.split('\n').find((l) => l.trim().startsWith('at '));
    assert.ok(firstFrame?.includes(`${path.basename(top.file)}:${top.line}:${top.column}`), firstFrame);
  });

  test('info --json names the kind of each real dump', () => {
    const report = JSON.parse(salvage('info', crash.reportPath, '--json').stdout);
    assert.strictEqual(report.kind, 'report');
    assert.strictEqual(report.facts.pid, String(crash.pid));
    const snapshot = salvage('info', writeHeapSnapshot(), '--json');
    assert.strictEqual(snapshot.code, 0);
    assert.strictEqual(JSON.parse(snapshot.stdout).kind, 'heapsnapshot');
  });

  test('bad input: one line on stderr naming the file and the problem, non-zero exit, no stack trace', () => {
    const dir = makeTempDir();
    const truncated = path.join(dir, 'cut.json');
    const bytes = fs.readFileSync(crash.reportPath);
    fs.writeFileSync(truncated, bytes.subarray(0, bytes.length - 100));
    const notJson = path.join(dir, 'notes.txt');
    fs.writeFileSync(notJson, 'hello, this is not a dump at all\n'.repeat(4));
    const cases: Array<[string[], RegExp]> = [
      [['report', truncated], new RegExp(`^salvage: ${truncated}: .*offset \\d+`)],
      [['report', notJson], new RegExp(`^salvage: ${notJson}: .*not a Node.js diagnostic report`)],
      [['report', path.join(dir, 'missing.json')], /no such file/],
      [['info', notJson], /not a dump/],
      [['report'], /usage/],
    ];
    for (const [args, pattern] of cases) {
      const r = salvage(...args);
      assert.notStrictEqual(r.code, 0, args.join(' '));
      assert.match(r.stderr, pattern);
      assert.strictEqual(r.stderr.trim().split('\n').length, 1, `one line: ${r.stderr}`);
      assert.doesNotMatch(r.stderr, /^\s+at /m);
    }
  });
});
