// "Show in Debug Variables" from the heap viewer, at the protocol level: the real adapter, a real
// snapshot of the leaky-cache fixture, and the object id read from the snapshot by Node's own
// JSON.parse (the oracle), pinned through the custom request and shown in a "Pinned" scope.

import * as assert from 'assert';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import { PIN_OBJECT_REQUEST } from '../../../src/debug/heap/pinObjectRequest';
import { leakyCacheSnapshots, readRawSnapshot } from '../../support/heapSnapshots';
import { ADAPTER } from '../../support/repoPaths';

/** The V8 id of the one object (node type "object") named `name`, straight from the snapshot's arrays. */
function idOfObjectNamed(file: string, name: string): number {
  const raw = readRawSnapshot(file);
  const fields = raw.snapshot.meta.node_fields;
  const types = (raw.snapshot.meta as unknown as { node_types: [string[]] }).node_types[0];
  const [typeAt, nameAt, idAt] = [fields.indexOf('type'), fields.indexOf('name'), fields.indexOf('id')];
  const ids: number[] = [];
  for (let i = 0; i < raw.nodes.length; i += fields.length) {
    if (types[raw.nodes[i + typeAt]] === 'object' && raw.strings[raw.nodes[i + nameAt]] === name) ids.push(raw.nodes[i + idAt]);
  }
  assert.strictEqual(ids.length, 1, `one ${name} in the snapshot`);
  return ids[0];
}

suite('debug adapter: pinning a heap object', () => {
  let dc: DebugClient;

  setup(async () => {
    dc = new DebugClient(process.execPath, ADAPTER, 'salvage');
    await dc.start();
  });

  teardown(() => dc.stop());

  test('a pinned object appears first, in a Pinned scope, under its id', async () => {
    const file = leakyCacheSnapshots(200).before;
    const id = idOfObjectNamed(file, 'RecordCache');
    await Promise.all([dc.configurationSequence(), dc.launch({ dump: file }), dc.waitForEvent('stopped')]);
    const frame = (await dc.stackTraceRequest({ threadId: 1 })).body.stackFrames[0];
    const before = (await dc.scopesRequest({ frameId: frame.id })).body.scopes.map((s) => s.name);
    assert.ok(!before.includes('Pinned'));
    const invalidated = dc.waitForEvent('invalidated');
    await dc.customRequest(PIN_OBJECT_REQUEST, { id });
    await invalidated;
    const scopes = (await dc.scopesRequest({ frameId: frame.id })).body.scopes;
    assert.strictEqual(scopes[0].name, 'Pinned');
    const pinned = (await dc.variablesRequest({ variablesReference: scopes[0].variablesReference })).body.variables;
    assert.deepStrictEqual(
      pinned.map((v) => v.name),
      [`@${id}`],
    );
    assert.match(pinned[0].value, /RecordCache/);
    // Ids are small integers counted up from 1 (the root): none is near the 32-bit limit.
    await assert.rejects(dc.customRequest(PIN_OBJECT_REQUEST, { id: 2 ** 31 - 1 }), /No object has id @2147483647/);
  });
});
