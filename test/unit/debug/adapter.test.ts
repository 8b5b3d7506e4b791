// Drives the real, bundled debug adapter (dist/adapter.js) over stdio DAP on a real report from the
// sample service. Oracles: what Node printed for the same crash (with and without
// --enable-source-maps) and the pid the OS gave the crashed process.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { makeTempDir } from '../../support/crashNode';
import { ADAPTER } from '../../support/repoPaths';
import { crashSampleService, parseStackPosition, type SampleCrash } from '../../support/sampleCrash';

suite('debug adapter on a diagnostic report', () => {
  let crash: SampleCrash;
  let dc: DebugClient;

  suiteSetup(() => {
    crash = crashSampleService();
  });

  setup(async () => {
    dc = new DebugClient(process.execPath, ADAPTER, 'salvage');
    await dc.start();
  });

  teardown(() => dc.stop());

  async function launchAndStop(): Promise<DebugProtocol.StoppedEvent> {
    const [, , stopped] = await Promise.all([dc.configurationSequence(), dc.launch({ dump: crash.reportPath }), dc.waitForEvent('stopped')]);
    return stopped as DebugProtocol.StoppedEvent;
  }

  async function topFrames(): Promise<DebugProtocol.StackFrame[]> {
    const threads = await dc.threadsRequest();
    assert.strictEqual(threads.body.threads.length, 1);
    return (await dc.stackTraceRequest({ threadId: threads.body.threads[0].id })).body.stackFrames;
  }

  test('stops once, on the exception Node printed', async () => {
    const stopped = await launchAndStop();
    assert.strictEqual(stopped.body.reason, 'exception');
    assert.strictEqual(stopped.body.description, `Uncaught ${crash.errorLine}`);
    assert.strictEqual(stopped.body.text, crash.errorLine.split(':')[0]);
    assert.strictEqual(stopped.body.allThreadsStopped, true);
    const info = await dc.exceptionInfoRequest({ threadId: stopped.body.threadId ?? 0 });
    assert.strictEqual(info.body.exceptionId, 'TypeError');
    assert.strictEqual(`TypeError: ${info.body.description}`, crash.errorLine);
    assert.strictEqual(info.body.breakMode, 'always');
    // The widget's stack is at the TypeScript lines Node --enable-source-maps printed.
    const stackLines = (info.body.details?.stackTrace ?? '')
      .split('\n')
      .slice(1)
      .map((l) => l.trim().replace(/^at /, ''));
    assert.deepStrictEqual(
      stackLines.slice(0, 2),
      crash.mappedStack.slice(0, 2).map((l) => l.replace(/^<anonymous> \((.*)\)$/, '$1')),
    );
  });

  test('JS frames are at the TypeScript positions Node --enable-source-maps printed', async () => {
    await launchAndStop();
    const frames = await topFrames();
    const appFrames = frames.filter((f) => f.source?.path?.endsWith('.ts'));
    const expected = crash.mappedStack.map(parseStackPosition).filter((p) => p !== undefined && p.file.endsWith('.ts'));
    assert.ok(expected.length >= 5, `oracle has app frames: ${crash.mappedStack.join('\n')}`);
    assert.deepStrictEqual(
      appFrames.map((f) => `${f.source?.path}:${f.line}:${f.column}`),
      expected.map((p) => `${p?.file}:${p?.line}:${p?.column}`),
    );
    assert.strictEqual(frames[0].source?.path, expected[0]?.file, 'the top frame is the TypeScript source');
  });

  test('node internals are subtle and a label separates the native frames', async () => {
    await launchAndStop();
    const frames = await topFrames();
    const internal = frames.filter((f) => f.name.includes('listOnTimeout'));
    assert.strictEqual(internal.length, 1);
    assert.strictEqual(internal[0].presentationHint, 'subtle');
    const label = frames.findIndex((f) => f.presentationHint === 'label');
    assert.ok(label > 0, 'a label frame exists');
    assert.ok(frames.length > label + 1, 'native frames follow the label');
    assert.ok(frames.slice(label + 1).every((f) => f.presentationHint === 'subtle' && f.instructionPointerReference?.startsWith('0x')));
  });

  test('scopes show the exception, the process the OS started, its environment and resources', async () => {
    await launchAndStop();
    const frames = await topFrames();
    const scopes = (await dc.scopesRequest({ frameId: frames[0].id })).body.scopes;
    assert.deepStrictEqual(scopes.map((s) => s.name).slice(0, 4), ['Exception', 'Process', 'Environment', 'Resources']);
    const processVars = (await dc.variablesRequest({ variablesReference: scopes[1].variablesReference })).body.variables;
    assert.ok(
      processVars.some((v) => v.value.includes(String(crash.pid))),
      `pid ${crash.pid} shown: ${JSON.stringify(processVars)}`,
    );
    assert.ok(processVars.every((v) => v.presentationHint?.attributes?.includes('readOnly')));
    const env = (await dc.variablesRequest({ variablesReference: scopes[2].variablesReference })).body.variables;
    assert.strictEqual(env.find((v) => v.name === 'BATCH_DELAY_MS')?.value.replace(/"/g, ''), '1');
  });

  test('capabilities advertise nothing that would run or change the process', async () => {
    const init = await dc.initializeRequest();
    for (const capability of ['supportsSetVariable', 'supportsSetExpression', 'supportsStepBack', 'supportsRestartFrame', 'supportsWriteMemoryRequest', 'supportsDataBreakpoints', 'supportsRestartRequest', 'supportsTerminateRequest', 'supportsGotoTargetsRequest'] as const) {
      assert.strictEqual(init.body?.[capability], false, capability);
    }
    assert.strictEqual(init.body?.supportsExceptionInfoRequest, true);
  });

  test('everything that would run or change the process is refused with a clear message', async () => {
    await launchAndStop();
    const refusals: Array<[string, Promise<unknown>]> = [
      ['continue', dc.continueRequest({ threadId: 1 })],
      ['next', dc.nextRequest({ threadId: 1 })],
      ['stepIn', dc.stepInRequest({ threadId: 1 })],
      ['stepOut', dc.stepOutRequest({ threadId: 1 })],
      ['pause', dc.pauseRequest({ threadId: 1 })],
      ['setVariable', dc.setVariableRequest({ variablesReference: 1, name: 'pid', value: '1' })],
    ];
    for (const [name, request] of refusals) await assert.rejects(request, /dump|never changes/, name);
    const bps = await dc.setBreakpointsRequest({ source: { path: crash.entry }, breakpoints: [{ line: 3 }] });
    assert.strictEqual(bps.body.breakpoints[0].verified, false);
    assert.match(bps.body.breakpoints[0].message ?? '', /already ended/);
  });

  test('evaluate looks names up and refuses to run code', async () => {
    await launchAndStop();
    const frames = await topFrames();
    const pid = await dc.evaluateRequest({ expression: 'Process.pid', frameId: frames[0].id, context: 'watch' });
    assert.strictEqual(pid.body.result, String(crash.pid));
    await assert.rejects(dc.evaluateRequest({ expression: 'process.exit(1)', frameId: frames[0].id, context: 'repl' }), /cannot run code/);
  });

  test('a truncated report fails the launch with one clear message, and the adapter keeps answering', async () => {
    const dir = makeTempDir();
    const truncated = path.join(dir, 'report.json');
    const bytes = fs.readFileSync(crash.reportPath);
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await assert.rejects(dc.launch({ dump: truncated }), (e: Error) => e.message.includes(truncated) && /offset \d+/.test(e.message));
    const threads = await dc.threadsRequest();
    assert.deepStrictEqual(threads.body.threads, []);
  });
});
