// The bundled debug adapter (dist/adapter.js, with its analysis worker dist/heapWorker.js) on a real
// snapshot of the leaky-cache service, driven over DAP as VS Code drives it. Oracles: the record
// count the fixture created, its structure (the cache is held by `global.recordCache`), and the
// node ids Node's JSON.parse finds in the file.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { makeTempDir } from '../../support/crashNode';
import { leakyCacheSnapshots, readRawSnapshot } from '../../support/heapSnapshots';
import { ADAPTER } from '../../support/repoPaths';

const RECORDS = 20_000;

suite('debug adapter on a heap snapshot', () => {
  let dc: DebugClient;
  let file: string;

  suiteSetup(function () {
    this.timeout(60_000);
    file = leakyCacheSnapshots(RECORDS).before;
  });

  setup(async () => {
    dc = new DebugClient(process.execPath, ADAPTER, 'salvage');
    await dc.start();
  });

  teardown(() => dc.stop());

  async function launch(): Promise<DebugProtocol.StoppedEvent> {
    const [, , stopped] = await Promise.all([dc.configurationSequence(), dc.launch({ dump: file }), dc.waitForEvent('stopped', 60_000)]);
    return stopped as DebugProtocol.StoppedEvent;
  }

  async function scopes(): Promise<DebugProtocol.Scope[]> {
    const threads = (await dc.threadsRequest()).body.threads;
    assert.strictEqual(threads.length, 1);
    const frames = (await dc.stackTraceRequest({ threadId: threads[0].id })).body.stackFrames;
    assert.strictEqual(frames.length, 1);
    return (await dc.scopesRequest({ frameId: frames[0].id })).body.scopes;
  }

  async function children(reference: number): Promise<DebugProtocol.Variable[]> {
    return (await dc.variablesRequest({ variablesReference: reference })).body.variables;
  }

  test('stops once on the snapshot; Summary, GC roots and Statistics scopes', async () => {
    const stopped = await launch();
    assert.strictEqual(stopped.body.reason, 'exception');
    assert.match(stopped.body.description ?? '', /^Heap snapshot: .* in [\d,]+ objects; largest: RecordCache/);
    assert.deepStrictEqual(
      (await scopes()).map((s) => s.name),
      ['Summary', 'GC roots', 'Statistics'],
    );
  });

  test('Summary: classes by retained size → instances (paged) → references and (retainers)', async function () {
    this.timeout(60_000);
    await launch();
    const [summary] = await scopes();
    const classes = await children(summary.variablesReference);
    assert.strictEqual(classes[0].name, 'RecordCache');
    const records = classes.find((c) => c.name === 'LeakRecord');
    assert.ok(records, 'LeakRecord is listed');
    assert.match(records.value, new RegExp(`^×${RECORDS.toLocaleString('en-US')} `));
    // 20,000 instances arrive as the largest hundred, then ranges — never as one list.
    const page = await children(records.variablesReference);
    assert.ok(page.slice(0, 100).every((r) => /^@\d+$/.test(r.name)));
    assert.deepStrictEqual(
      page.slice(100, 102).map((r) => r.name),
      ['[100 … 1099]', '[1100 … 2099]'],
    );
    assert.strictEqual(page[page.length - 1].name, `[19100 … ${RECORDS - 1}]`);
    const range = await children(page[100].variablesReference);
    assert.deepStrictEqual([range.length, range[0].name], [10, '[100 … 199]']);
    assert.strictEqual((await children(range[0].variablesReference)).length, 100);
    const cache = (await children(classes[0].variablesReference))[0];
    assert.match(cache.name, /^@\d+$/);
    const fields = await children(cache.variablesReference);
    assert.ok(fields.some((f) => f.name === '.byId') && fields.some((f) => f.name === '.recent'), fields.map((f) => f.name).join(', '));
    const retainers = fields.find((f) => f.name === '(retainers)');
    assert.ok(retainers);
    const holders = await children(retainers.variablesReference);
    assert.ok(
      holders.some((h) => /^\.recordCache in global @\d+$/.test(h.name)),
      holders.map((h) => h.name).join(', '),
    );
    assert.ok([...classes, ...fields, ...holders].every((v) => v.presentationHint?.attributes?.includes('readOnly')));
  });

  test('evaluate @id shows that object; an unknown id and code are refused', async () => {
    await launch();
    const raw = readRawSnapshot(file);
    const nf = raw.snapshot.meta.node_fields;
    const cacheName = raw.strings.indexOf('RecordCache');
    let id = -1;
    for (let i = 0; i < raw.nodes.length; i += nf.length) {
      if (raw.nodes[i + nf.indexOf('name')] === cacheName && raw.nodes[i + nf.indexOf('type')] === 3) id = raw.nodes[i + nf.indexOf('id')];
    }
    assert.ok(id > 0, 'the cache object is in the file');
    const threads = (await dc.threadsRequest()).body.threads;
    const frame = (await dc.stackTraceRequest({ threadId: threads[0].id })).body.stackFrames[0];
    const result = await dc.evaluateRequest({ expression: `@${id}`, frameId: frame.id, context: 'repl' });
    assert.match(result.body.result, new RegExp(`^RecordCache @${id} · self `));
    assert.ok(result.body.variablesReference > 0);
    await assert.rejects(dc.evaluateRequest({ expression: '@4294967294', frameId: frame.id, context: 'repl' }), /No object has id @4294967294/);
    await assert.rejects(dc.evaluateRequest({ expression: 'cache.clear()', frameId: frame.id, context: 'repl' }), /cannot run code/);
  });

  test('GC roots and Statistics', async () => {
    await launch();
    const [, roots, stats] = await scopes();
    const rootVars = await children(roots.variablesReference);
    assert.ok(
      rootVars.some((v) => v.value.startsWith('global @') && v.value.endsWith('distance 1')),
      rootVars.map((v) => `${v.name}=${v.value}`).join('; '),
    );
    assert.ok(rootVars.some((v) => v.value.startsWith('(GC roots) @')));
    const statVars = await children(stats.variablesReference);
    assert.deepStrictEqual(statVars.map((v) => v.name).slice(0, 4), ['total', 'code', 'strings', 'JS arrays']);
    assert.ok(statVars.every((v) => /B$/.test(v.value)));
  });

  test('the session refuses to run or change anything, as every session does', async () => {
    await launch();
    for (const request of [dc.continueRequest({ threadId: 1 }), dc.nextRequest({ threadId: 1 }), dc.setVariableRequest({ variablesReference: 1, name: 'x', value: '1' })]) {
      await assert.rejects(request, /dump|never changes/);
    }
  });

  test('a truncated snapshot fails the launch with one clear message, and the adapter keeps answering', async () => {
    const truncated = path.join(makeTempDir(), 'cut.heapsnapshot');
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(truncated, bytes.subarray(0, bytes.length - 3000));
    await assert.rejects(dc.launch({ dump: truncated }), (e: Error) => e.message.includes(truncated) && /truncated\?\) \(at byte offset \d+\)/.test(e.message));
    assert.deepStrictEqual((await dc.threadsRequest()).body.threads, []);
  });
});
