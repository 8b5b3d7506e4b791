// Reports as CrashAnalysis, for every way Node writes one: uncaught exception, writeReport() with and
// without an error, from a worker, on a fatal error (OOM) and on a signal. Each report is real.

import * as assert from 'assert';
import * as fs from 'fs';
import { parseReport } from '../../../src/engine/report/parseReport';
import { reportAnalysis } from '../../../src/engine/report/reportAnalysis';
import type { DiagnosticReport } from '../../../src/engine/report/reportModel';
import { formatStackLine } from '../../../src/engine/report/stackLine';
import { withFile } from '../../../src/sources/local/fileByteSource';
import { crashNodeSource, stderrErrorLine, stderrStackLines, type Crash, type CrashOptions } from '../../support/crashNode';

async function run(source: string, options: CrashOptions = {}): Promise<{ crash: Crash; report: DiagnosticReport }> {
  const crash = crashNodeSource(source, options);
  assert.ok(crash.reportPath, `no report written; stderr:\n${crash.stderr}`);
  const report = await withFile(crash.reportPath, (s) => parseReport(s, {}));
  return { crash, report };
}

interface RawNativeFrame {
  pc: string;
  symbol: string;
}

suite('report analysis: uncaught exception', () => {
  let crash: Crash;
  let report: DiagnosticReport;

  suiteSetup(async () => {
    ({ crash, report } = await run('function a() { null.x; }\nfunction b() { a(); }\nb();\n'));
  });

  test('description is "Uncaught " and the error line Node printed', () => {
    assert.strictEqual(reportAnalysis(report).description, `Uncaught ${stderrErrorLine(crash.stderr)}`);
  });

  test('one main thread: JS frames, a marker, then the native frames', () => {
    const analysis = reportAnalysis(report);
    assert.strictEqual(analysis.kind, 'report');
    assert.strictEqual(analysis.crashingThreadId, 1);
    assert.strictEqual(analysis.threads.length, 1);
    const [thread] = analysis.threads;
    assert.deepStrictEqual({ id: thread.id, name: thread.name }, { id: 1, name: 'Main thread' });
    const js = report.jsFrames.length;
    assert.ok(js >= 2 && report.nativeFrames.length > 0);
    assert.deepStrictEqual(thread.frames.slice(0, js), report.jsFrames);
    assert.deepStrictEqual(thread.frames[js], { kind: 'marker', function: 'Native frames' });
    assert.deepStrictEqual(thread.frames.slice(js + 1), report.nativeFrames);
    assert.deepStrictEqual(
      thread.frames.slice(0, 2).map((f) => f.function),
      ['a', 'b'],
    );
  });

  test('exception: type, message and the stack text as Node printed it', () => {
    const exception = reportAnalysis(report).exception;
    assert.ok(exception);
    assert.strictEqual(`${exception.typeName}: ${exception.message}`, stderrErrorLine(crash.stderr));
    const printed = stderrStackLines(crash.stderr).map((l) => `    at ${l}`);
    const stack = exception.stack?.split('\n') ?? [];
    assert.strictEqual(stack[0], stderrErrorLine(crash.stderr));
    assert.deepStrictEqual(stack.slice(1), printed.slice(0, stack.length - 1));
  });

  test('native frames: symbol split into function and module, pc kept', () => {
    const raw = JSON.parse(fs.readFileSync(crash.reportPath ?? '', 'utf8')) as { nativeStack: RawNativeFrame[] };
    assert.strictEqual(report.nativeFrames.length, raw.nativeStack.length);
    report.nativeFrames.forEach((frame, i) => {
      const { pc, symbol } = raw.nativeStack[i];
      const bracket = /^(.*) \[(.*)\]$/.exec(symbol);
      assert.ok(bracket, symbol);
      assert.strictEqual(frame.kind, 'native');
      assert.strictEqual(frame.pc, pc);
      assert.strictEqual(frame.module, bracket[2]);
      assert.strictEqual(frame.function, bracket[1].trim() === '' ? '??' : bracket[1].trim());
      assert.strictEqual(formatStackLine(frame), `${pc} ${frame.function} [${bracket[2]}]`);
    });
    assert.ok(
      report.nativeFrames.some((f) => f.function === '??'),
      'Node 20 records unnamed " [node]" frames',
    );
    assert.ok(report.nativeFrames.some((f) => f.function.startsWith('node::')));
  });
});

suite('report analysis: reports not written for an exception', () => {
  test('process.report.writeReport(): no exception, frames of the caller', async () => {
    const { report } = await run('function writer() { process.report.writeReport(); }\n[1].forEach(() => writer());\n', { report: false });
    assert.strictEqual(report.header.event, 'JavaScript API');
    assert.strictEqual(report.header.trigger, 'API');
    assert.strictEqual(report.exception, undefined);
    assert.ok(report.jsFrames.length > 0);
    assert.strictEqual(report.jsFrames[1].function, 'writer');
    assert.ok(report.jsFrames.some((f) => f.function === 'Array.forEach' && f.isInternal));
    const analysis = reportAnalysis(report);
    assert.strictEqual(analysis.exception, undefined);
    assert.strictEqual(analysis.description, 'Report written: JavaScript API');
    assert.deepStrictEqual(analysis.threads[0].frames.slice(0, report.jsFrames.length), report.jsFrames);
  });

  test('writeReport(err) from an uncaughtException handler: the error is recorded', async () => {
    const source = "process.on('uncaughtException', (e) => process.report.writeReport(e));\nfunction f() { throw new TypeError('handled boom'); }\nf();\n";
    const { report } = await run(source, { report: false });
    assert.strictEqual(report.header.trigger, 'API');
    assert.strictEqual(report.exception?.typeName, 'TypeError');
    assert.strictEqual(report.exception?.message, 'handled boom');
    assert.strictEqual(report.jsFrames[0].function, 'f');
    assert.strictEqual(reportAnalysis(report).description, 'Report written: JavaScript API (TypeError: handled boom)');
  });

  test('written from a worker: the thread is named after the worker', async () => {
    const source = "const { Worker } = require('worker_threads');\nnew Worker('function inWorker() { process.report.writeReport(); }\\ninWorker();', { eval: true });\n";
    const { report } = await run(source, { report: false });
    assert.strictEqual(report.header.threadId, 1);
    assert.strictEqual(reportAnalysis(report).threads[0].name, 'Worker 1');
    assert.ok(report.jsFrames.some((f) => f.function === 'inWorker'));
  });

  test('fatal error (heap out of memory): described by its event, native frames only', async () => {
    const source = 'const keep = [];\nfor (;;) keep.push(new Array(1e5).fill({ x: 1 }));\n';
    const { crash, report } = await run(source, { report: false, nodeArgs: ['--max-old-space-size=20', '--report-on-fatalerror'] });
    assert.strictEqual(report.header.trigger, 'OOMError');
    assert.ok(crash.stderr.includes(report.header.event), `${report.header.event} not in stderr`);
    assert.strictEqual(report.exception, undefined);
    assert.deepStrictEqual(report.jsFrames, []);
    const analysis = reportAnalysis(report);
    assert.strictEqual(analysis.description, `Fatal error: ${report.header.event}`);
    assert.ok(analysis.threads[0].frames.length > 1);
    assert.strictEqual(analysis.threads[0].frames[0].function, 'Native frames');
  });

  test('signal: described by the signal', async () => {
    const source = "process.kill(process.pid, 'SIGUSR2');\nsetTimeout(() => {}, 500);\n";
    const { report } = await run(source, { report: false, nodeArgs: ['--report-on-signal'] });
    assert.strictEqual(report.header.trigger, 'Signal');
    assert.strictEqual(report.exception, undefined);
    assert.strictEqual(reportAnalysis(report).description, 'Report written on signal SIGUSR2');
  });
});
