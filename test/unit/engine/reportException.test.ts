// The exception of real reports against what Node printed: the error line on stderr is the oracle for
// class and message, the property block Node printed after the stack for errorProperties.

import * as assert from 'assert';
import { parseReport } from '../../../src/engine/report/parseReport';
import { reportAnalysis } from '../../../src/engine/report/reportAnalysis';
import { THROWN_VALUE, type DiagnosticReport, type ReportException } from '../../../src/engine/report/reportModel';
import { formatStackLine } from '../../../src/engine/report/stackLine';
import { withFile } from '../../../src/sources/local/fileByteSource';
import { crashNodeSource, stderrErrorLine, stderrStackLines, type Crash } from '../../support/crashNode';

async function crashAndParse(source: string): Promise<{ crash: Crash; report: DiagnosticReport }> {
  const crash = crashNodeSource(source);
  assert.ok(crash.reportPath, `no report written; stderr:\n${crash.stderr}`);
  const report = await withFile(crash.reportPath, (s) => parseReport(s, {}));
  return { crash, report };
}

function exceptionOf(report: DiagnosticReport): ReportException {
  assert.ok(report.exception, 'report has no exception');
  return report.exception;
}

/** The "  key: value," lines Node printed after the stack for the error's own properties. */
function stderrProperties(stderr: string): Record<string, string> {
  const properties: Record<string, string> = {};
  for (const match of stderr.matchAll(/^ {2}(\w+): (.*?),?$/gm)) {
    properties[match[1]] = match[2].replace(/^'(.*)'$/, '$1');
  }
  return properties;
}

suite('report exception: against stderr', () => {
  test('TypeError: class and message as printed', async () => {
    const { crash, report } = await crashAndParse('const o = {};\nfunction f() { o.missing(); }\nf();\n');
    const exception = exceptionOf(report);
    const printed = stderrErrorLine(crash.stderr);
    assert.strictEqual(exception.rawMessage, printed);
    assert.strictEqual(`${exception.typeName}: ${exception.message}`, printed);
    assert.strictEqual(exception.typeName, 'TypeError');
    assert.strictEqual(report.header.event, 'Exception');
    assert.strictEqual(report.header.trigger, 'Exception');
  });

  test('system error: errorProperties equal the properties Node printed', async () => {
    const { crash, report } = await crashAndParse("require('fs').readFileSync('/nonexistent/salvage-test');\n");
    const exception = exceptionOf(report);
    assert.strictEqual(exception.rawMessage, stderrErrorLine(crash.stderr));
    assert.strictEqual(exception.typeName, 'Error');
    const printed = stderrProperties(crash.stderr);
    assert.deepStrictEqual(Object.keys(printed).sort(), ['code', 'errno', 'path', 'syscall']);
    assert.deepStrictEqual(exception.properties, printed);
    assert.strictEqual(exception.properties.code, 'ENOENT');
  });

  test('custom error class with own properties', async () => {
    const { crash, report } = await crashAndParse("class QuotaError extends Error { constructor(m) { super(m); this.name = 'QuotaError'; this.code = 'E_QUOTA'; this.limit = 5; } }\nthrow new QuotaError('over quota');\n");
    const exception = exceptionOf(report);
    assert.strictEqual(exception.rawMessage, stderrErrorLine(crash.stderr));
    assert.strictEqual(exception.typeName, 'QuotaError');
    assert.strictEqual(exception.message, 'over quota');
    assert.strictEqual(exception.properties.code, 'E_QUOTA');
    assert.strictEqual(exception.properties.limit, '5');
  });

  test('multi-line message: later lines belong to the message, not the frames', async () => {
    const { crash, report } = await crashAndParse("function f() { throw new Error('first line\\nsecond line'); }\nf();\n");
    const exception = exceptionOf(report);
    assert.strictEqual(exception.rawMessage, stderrErrorLine(crash.stderr));
    assert.strictEqual(exception.message, 'first line\nsecond line');
    assert.strictEqual(report.jsFrames[0].function, 'f');
    assert.strictEqual(formatStackLine(report.jsFrames[0]), stderrStackLines(crash.stderr)[0]);
  });

  test('error thrown inside Node: the decorated stack is undone', async () => {
    // Node records this one with the throwing line of node:internal/errors prepended to the stack.
    const { crash, report } = await crashAndParse('function f() { Buffer.alloc(-1); }\nf();\n');
    const exception = exceptionOf(report);
    const printed = crash.stderr.split('\n').find((l) => l.startsWith('RangeError'));
    assert.strictEqual(exception.rawMessage, printed);
    assert.strictEqual(exception.typeName, 'RangeError');
    assert.ok(exception.message.startsWith('The value of "size" is out of range'), exception.message);
    assert.strictEqual(exception.properties.code, 'ERR_OUT_OF_RANGE');
    stderrStackLines(crash.stderr)
      .slice(0, report.jsFrames.length)
      .forEach((line, i) => assert.strictEqual(formatStackLine(report.jsFrames[i]), line));
    assert.ok(exception.stack.startsWith(`${printed}\n    at Function.alloc (node:buffer:`), exception.stack);
  });

  test('error without a message: the bare class name', async () => {
    const { crash, report } = await crashAndParse('throw new SyntaxError();\n');
    assert.ok(crash.stderr.split('\n').includes('SyntaxError'), crash.stderr);
    assert.deepStrictEqual({ typeName: exceptionOf(report).typeName, message: exceptionOf(report).message }, { typeName: 'SyntaxError', message: '' });
  });

  test('thrown string: a thrown value without class or frames', async () => {
    const { crash, report } = await crashAndParse("throw 'boom';\n");
    assert.ok(crash.stderr.split('\n').includes('boom'), crash.stderr);
    const exception = exceptionOf(report);
    assert.strictEqual(exception.typeName, THROWN_VALUE);
    assert.strictEqual(exception.message, 'boom');
    assert.deepStrictEqual(report.jsFrames, []);
    assert.strictEqual(reportAnalysis(report).description, 'Uncaught boom');
  });

  test('thrown plain object: "No stack." is not taken for a message or a frame', async () => {
    const { report } = await crashAndParse('throw { reason: 42 };\n');
    const exception = exceptionOf(report);
    assert.strictEqual(exception.typeName, THROWN_VALUE);
    assert.deepStrictEqual(report.jsFrames, []);
    assert.strictEqual(reportAnalysis(report).description, 'Uncaught exception (no stack recorded)');
  });

  test('error rethrown from a worker: error line found, seam kept as a marker', async () => {
    const { crash, report } = await crashAndParse("const { Worker } = require('worker_threads');\nnew Worker(\"function inner() { throw new TypeError('worker boom'); }\\ninner();\", { eval: true });\n");
    const exception = exceptionOf(report);
    assert.strictEqual(exception.rawMessage, stderrErrorLine(crash.stderr));
    assert.strictEqual(exception.typeName, 'TypeError');
    assert.strictEqual(exception.message, 'worker boom');
    assert.strictEqual(report.jsFrames[0].function, 'inner');
    const seam = report.jsFrames.find((f) => f.kind === 'marker');
    assert.ok(seam?.function.startsWith("Emitted 'error' event on Worker instance"), JSON.stringify(seam));
  });
});
