// Drives the real, bundled debug adapter (dist/adapter.js) over stdio DAP on a real core of the C
// fixture. Oracles: gdb on the same core (backtrace, registers, memory, signal) and readelf for
// the build-ids of the mapped files.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { type CFixtureCore, threadsCore } from '../../support/coreFixtures';
import { ADAPTER } from '../../support/repoPaths';

/** gdb's value of an expression (`p/x $rip`, `x/2gx $rsp`) on the crashing thread of the core. */
function gdbPrint(fixture: CFixtureCore, ...commands: string[]): string[] {
  const args = ['-batch', '-nx', ...commands.flatMap((c) => ['-ex', c]), fixture.binary, fixture.core];
  const out = spawnSync('gdb', args, { encoding: 'utf8' }).stdout;
  return out.split('\n').filter((l) => /^\$\d+ = |^0x[0-9a-f]+:/.test(l));
}

function buildIdOf(file: string): string {
  const m = /Build ID: ([0-9a-f]+)/.exec(spawnSync('readelf', ['-n', file], { encoding: 'utf8' }).stdout);
  if (m === null) throw new Error(`readelf found no build-id in ${file}`);
  return m[1];
}

suite('debug adapter on a core', () => {
  let fixture: CFixtureCore;
  let dc: DebugClient;

  suiteSetup(() => {
    fixture = threadsCore('O0');
  });

  setup(async () => {
    dc = new DebugClient(process.execPath, ADAPTER, 'salvage');
    await dc.start();
  });

  teardown(() => dc.stop());

  async function launchAndStop(): Promise<{ stopped: DebugProtocol.StoppedEvent; capabilities: DebugProtocol.CapabilitiesEvent }> {
    const capabilities = dc.waitForEvent('capabilities');
    const [, , stopped] = await Promise.all([dc.configurationSequence(), dc.launch({ dump: fixture.core, binary: fixture.binary }), dc.waitForEvent('stopped')]);
    return { stopped: stopped as DebugProtocol.StoppedEvent, capabilities: (await capabilities) as DebugProtocol.CapabilitiesEvent };
  }

  /** DebugClient has no helper for readMemory; the raw request is the same thing. */
  async function readMemory(args: DebugProtocol.ReadMemoryArguments): Promise<DebugProtocol.ReadMemoryResponse> {
    return (await dc.send('readMemory', args)) as DebugProtocol.ReadMemoryResponse;
  }

  test('stops once on the signal, in the crashing thread, with every thread listed and that one first', async () => {
    const { stopped } = await launchAndStop();
    assert.strictEqual(stopped.body.reason, 'exception');
    assert.strictEqual(stopped.body.description, `Paused on ${fixture.gdb.signalName}`);
    assert.strictEqual(stopped.body.allThreadsStopped, true);
    const threads = (await dc.threadsRequest()).body.threads;
    assert.deepStrictEqual(new Set(threads.map((t) => t.id)), new Set(fixture.gdb.threads.keys()));
    assert.strictEqual(threads[0].id, stopped.body.threadId);
    const frames = (await dc.stackTraceRequest({ threadId: threads[0].id })).body.stackFrames;
    const oracle = fixture.gdb.threads.get(threads[0].id) ?? [];
    assert.deepStrictEqual(
      frames.map((f) => f.name.replace(/ \[.*\]$/, '')),
      oracle.map((f) => f.name),
    );
    assert.strictEqual(path.basename(frames[0].source?.path ?? ''), path.basename(oracle[0].file ?? '?'));
    assert.strictEqual(frames[0].line, oracle[0].line);
    assert.match(frames[0].instructionPointerReference ?? '', /^0x[0-9a-f]+$/);
  });

  test('exceptionInfo names the signal and the fault address gdb reads from $_siginfo', async () => {
    const { stopped } = await launchAndStop();
    const info = await dc.exceptionInfoRequest({ threadId: stopped.body.threadId ?? 0 });
    assert.strictEqual(info.body.exceptionId, fixture.gdb.signalName);
    assert.match(info.body.description ?? '', new RegExp(`address ${fixture.gdb.faultAddress} not mapped`));
    assert.strictEqual(info.body.breakMode, 'always');
  });

  test('the Registers scope of the top frame holds the values gdb prints', async () => {
    const { stopped } = await launchAndStop();
    const frames = (await dc.stackTraceRequest({ threadId: stopped.body.threadId ?? 0 })).body.stackFrames;
    const scopes = (await dc.scopesRequest({ frameId: frames[0].id })).body.scopes;
    const registers = scopes.find((s) => s.presentationHint === 'registers');
    assert.ok(registers, JSON.stringify(scopes));
    const values = (await dc.variablesRequest({ variablesReference: registers.variablesReference })).body.variables;
    const [rip, rsp, rbp] = gdbPrint(fixture, 'p/x $rip', 'p/x $rsp', 'p/x $rbp').map((l) => BigInt(l.replace(/^\$\d+ = /, '')));
    const value = (name: string): bigint => BigInt(values.find((v) => v.name === name)?.value ?? 'NaN');
    assert.deepStrictEqual([value('rip'), value('rsp'), value('rbp')], [rip, rsp, rbp]);
    assert.strictEqual(values.find((v) => v.name === 'rsp')?.memoryReference, `0x${rsp.toString(16)}`);
  });

  test('readMemory returns the stack bytes gdb shows, and reports an unmapped range as unreadable', async () => {
    const { capabilities } = await launchAndStop();
    assert.strictEqual(capabilities.body.capabilities.supportsReadMemoryRequest, true);
    const lines = gdbPrint(fixture, 'p/x $rsp', 'x/2gx $rsp');
    const rsp = lines[0].replace(/^\$\d+ = /, '');
    const words = lines[1]
      .split(/\s+/)
      .slice(1)
      .map((w) => BigInt(w));
    const memory = await readMemory({ memoryReference: rsp, count: 16 });
    const data = Buffer.from(memory.body?.data ?? '', 'base64');
    assert.strictEqual(data.length, 16);
    assert.deepStrictEqual([data.readBigUInt64LE(0), data.readBigUInt64LE(8)], words);
    const nothing = await readMemory({ memoryReference: '0x0', count: 64 });
    assert.strictEqual(Buffer.from(nothing.body?.data ?? '', 'base64').length, 0);
    assert.strictEqual(nothing.body?.unreadableBytes, 64);
  });

  test('salvage/modules lists the mapped files with the build-ids readelf reads from them', async () => {
    await launchAndStop();
    const response = await dc.customRequest('salvage/modules');
    const modules = (response.body as { modules: Array<{ path: string; buildId?: string; status: string; file?: string }> }).modules;
    const exe = modules.find((m) => m.path === fixture.binary);
    assert.ok(exe, JSON.stringify(modules.map((m) => m.path)));
    assert.strictEqual(exe.status, 'found');
    assert.strictEqual(exe.buildId, buildIdOf(fixture.binary));
    const libc = modules.find((m) => /libc\.so/.test(m.path));
    assert.ok(libc);
    assert.strictEqual(libc.buildId, buildIdOf(libc.file ?? libc.path));
  });

  test('nothing can run: continue and stepping are refused', async () => {
    const { stopped } = await launchAndStop();
    await assert.rejects(dc.continueRequest({ threadId: stopped.body.threadId ?? 0 }), /dump/);
    await assert.rejects(dc.nextRequest({ threadId: stopped.body.threadId ?? 0 }), /dump/);
  });
});
