// JavaScript frames of real reports, checked against what the dying process printed on stderr: every
// parsed frame, re-formatted, must be the line Node printed, and its fields must agree with the numbers
// in that line and with the fixture's own source text.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Frame } from '../../../src/engine/crash';
import { parseReport } from '../../../src/engine/report/parseReport';
import type { DiagnosticReport } from '../../../src/engine/report/reportModel';
import { formatStackLine } from '../../../src/engine/report/stackLine';
import { withFile } from '../../../src/sources/local/fileByteSource';
import { crashNode, crashNodeSource, makeTempDir, stderrStackLines, type Crash } from '../../support/crashNode';

/** One stack holding every frame shape V8 prints for synchronous code. */
const SHAPES_FIXTURE = `Error.stackTraceLimit = Infinity;
const EventEmitter = require('events');
class Foo {
  constructor(items) { this.out = items.map((n) => n.boom()); }
}
const svc = { run(items) { return new Foo(items); } };
function outer() { return eval('(function evaluated() { return svc.run([1]); })()'); }
const bus = new EventEmitter();
bus.on('go', function onGo() { outer(); });
setTimeout(function main() { bus.emit('go'); }, 1);
`;

const ASYNC_FIXTURE = `Error.stackTraceLimit = Infinity;
async function leaf() { await null; throw new RangeError('async boom'); }
async function middle() { await leaf(); }
class Service { async handle() { await middle(); } }
async function viaAll() { await Promise.all([new Service().handle()]); }
async function top() { await viaAll(); }
top();
`;

async function readReport(crash: Crash): Promise<DiagnosticReport> {
  const reportPath = crash.reportPath;
  assert.ok(reportPath, `no report written; stderr:\n${crash.stderr}`);
  return withFile(reportPath, (source) => parseReport(source, {}));
}

/** 1-based line of the fixture holding `needle`. */
function lineOf(source: string, needle: string): number {
  const index = source.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(index >= 0, needle);
  return index + 1;
}

function frameNamed(frames: Frame[], name: string): Frame {
  const frame = frames.find((f) => f.function === name);
  assert.ok(frame, `no frame ${name} in ${frames.map((f) => f.function).join(', ')}`);
  return frame;
}

/** Node writes the stack into the report without its last line; every line it wrote must match stderr. */
function assertFramesMatchStderr(report: DiagnosticReport, stderr: string): string[] {
  const printed = stderrStackLines(stderr);
  assert.ok(report.jsFrames.length >= 1, 'report has no frames');
  assert.ok(report.jsFrames.length <= printed.length, `${report.jsFrames.length} frames, ${printed.length} printed`);
  report.jsFrames.forEach((frame, i) => {
    assert.strictEqual(formatStackLine(frame), printed[i], `frame ${i}`);
    assert.strictEqual(frame.text, `at ${printed[i]}`);
    const numbers = /:(\d+):(\d+)\)?$/.exec(printed[i]);
    if (numbers && frame.evalOrigin === undefined) {
      assert.strictEqual(frame.line, Number(numbers[1]), `line of frame ${i}`);
      assert.strictEqual(frame.column, Number(numbers[2]), `column of frame ${i}`);
    }
  });
  return printed;
}

suite('report frames: every synchronous shape, against stderr', () => {
  let crash: Crash;
  let report: DiagnosticReport;
  let script: string;

  suiteSetup(async () => {
    crash = crashNodeSource(SHAPES_FIXTURE);
    report = await readReport(crash);
    script = report.header.commandLine[report.header.commandLine.length - 1];
  });

  test('each parsed frame re-formats to the line Node printed', () => {
    const printed = assertFramesMatchStderr(report, crash.stderr);
    // This fixture's stack is long enough that losing more than Node's one line would be a bug.
    assert.ok(report.jsFrames.length >= printed.length - 1);
  });

  test('anonymous arrow: "<anonymous>" at the line of n.boom()', () => {
    const arrow = report.jsFrames[0];
    assert.strictEqual(arrow.function, '<anonymous>');
    assert.strictEqual(arrow.file, script);
    assert.strictEqual(arrow.line, lineOf(SHAPES_FIXTURE, 'n.boom()'));
    assert.ok(!arrow.isInternal && !arrow.isConstructor && arrow.kind === 'js');
  });

  test('Array.map (<anonymous>): a builtin without position, internal', () => {
    const map = frameNamed(report.jsFrames, 'Array.map');
    assert.strictEqual(map.file, '<anonymous>');
    assert.strictEqual(map.line, undefined);
    assert.strictEqual(map.isInternal, true);
  });

  test('new Foo: a constructor frame', () => {
    const ctor = frameNamed(report.jsFrames, 'Foo');
    assert.strictEqual(ctor.isConstructor, true);
    assert.strictEqual(ctor.line, lineOf(SHAPES_FIXTURE, 'class Foo') + 1);
  });

  test('receiver-qualified methods keep receiver and alias', () => {
    assert.strictEqual(frameNamed(report.jsFrames, 'Object.run').line, lineOf(SHAPES_FIXTURE, 'const svc'));
    assert.strictEqual(frameNamed(report.jsFrames, 'EventEmitter.onGo').line, lineOf(SHAPES_FIXTURE, "bus.on('go'"));
    const main = frameNamed(report.jsFrames, 'Timeout.main [as _onTimeout]');
    assert.strictEqual(main.line, lineOf(SHAPES_FIXTURE, 'setTimeout('));
  });

  test('eval frames: origin recorded, position inside the eval source', () => {
    const evaluated = frameNamed(report.jsFrames, 'evaluated');
    const outerLine = lineOf(SHAPES_FIXTURE, 'function outer');
    assert.ok(evaluated.evalOrigin?.startsWith('eval at outer ('), evaluated.evalOrigin);
    assert.ok(evaluated.evalOrigin?.includes(`${script}:${outerLine}:`), evaluated.evalOrigin);
    assert.strictEqual(evaluated.file, '<anonymous>');
    assert.strictEqual(evaluated.line, 1);
    assert.ok(!evaluated.isInternal);
    assert.ok(frameNamed(report.jsFrames, 'eval').evalOrigin?.includes('eval at'));
  });

  test('node: frames are internal, user frames are not', () => {
    const emit = frameNamed(report.jsFrames, 'EventEmitter.emit');
    assert.strictEqual(emit.file, 'node:events');
    assert.strictEqual(emit.isInternal, true);
    const timers = frameNamed(report.jsFrames, 'listOnTimeout');
    assert.strictEqual(timers.file, 'node:internal/timers');
    assert.strictEqual(timers.isInternal, true);
    for (const frame of report.jsFrames.filter((f) => f.file === script)) assert.ok(!frame.isInternal, frame.text);
  });

  test('all frames are js frames with their text kept', () => {
    for (const frame of report.jsFrames) {
      assert.strictEqual(frame.kind, 'js');
      assert.ok(frame.text?.startsWith('at '), frame.text);
    }
  });
});

suite('report frames: async stack, against stderr', () => {
  let crash: Crash;
  let report: DiagnosticReport;

  suiteSetup(async () => {
    crash = crashNodeSource(ASYNC_FIXTURE);
    report = await readReport(crash);
  });

  test('each parsed frame re-formats to the line Node printed', () => {
    assertFramesMatchStderr(report, crash.stderr);
  });

  test('"at async" frames are marked async, the throwing frame is not', () => {
    assert.strictEqual(report.jsFrames[0].function, 'leaf');
    assert.strictEqual(report.jsFrames[0].kind, 'js');
    for (const name of ['middle', 'Service.handle', 'Promise.all (index 0)']) {
      assert.strictEqual(frameNamed(report.jsFrames, name).kind, 'async', name);
    }
    assert.strictEqual(frameNamed(report.jsFrames, 'middle').line, lineOf(ASYNC_FIXTURE, 'async function middle'));
  });
});

suite('report frames: ES module URLs', () => {
  test('file:// URLs are kept as recorded', async () => {
    const dir = makeTempDir('salvage-esm-');
    const script = path.join(dir, 'crash.mjs');
    fs.writeFileSync(script, 'function thrower() { throw new Error("esm boom"); }\nfunction caller() { thrower(); }\ncaller();\n');
    const crash = crashNode(script);
    const report = await readReport(crash);
    assertFramesMatchStderr(report, crash.stderr);
    const thrower = frameNamed(report.jsFrames, 'thrower');
    assert.strictEqual(thrower.file, pathToFileURL(script).href);
    assert.strictEqual(thrower.line, 1);
  });
});
