// The objects census in a core's debug session: `objects` and `objects Widget` in the Debug
// Console. The fixture keeps 1234 Widgets and 567 Gadgets alive (the numbers in its source are the
// oracle) and crashes under official Node 20 after a full GC.

import * as assert from 'assert';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import { ADAPTER } from '../../support/repoPaths';
import { crashFixture, type JsCrash } from '../../support/v8Cores';

suite('debug adapter: objects by constructor in a core', function () {
  this.timeout(120_000);
  let crash: JsCrash;
  let dc: DebugClient;

  suiteSetup(() => {
    crash = crashFixture(20, 'widgets.js', { nodeArgs: ['--expose-gc'] });
  });

  suiteTeardown(() => crash?.cleanup());

  setup(async () => {
    dc = new DebugClient(process.execPath, ADAPTER, 'salvage');
    await dc.start();
  });

  teardown(() => dc.stop());

  test("`objects Widget` counts the fixture's widgets; `objects` lists constructors with samples", async () => {
    assert.ok(crash.core, 'the fixture wrote a core');
    await Promise.all([dc.configurationSequence(), dc.launch({ dump: crash.core, binary: crash.binary }), dc.waitForEvent('stopped')]);
    const widgets = await dc.evaluateRequest({ expression: 'objects Widget', context: 'repl' });
    assert.match(widgets.body.result, /^1,234 objects/);
    const all = await dc.evaluateRequest({ expression: 'objects', context: 'repl' });
    assert.ok(all.body.variablesReference > 0);
    const constructors = (await dc.variablesRequest({ variablesReference: all.body.variablesReference })).body.variables;
    const gadget = constructors.find((v) => v.name === 'Gadget');
    assert.match(gadget?.value ?? '', /^567 objects/);
    const samples = (await dc.variablesRequest({ variablesReference: gadget?.variablesReference ?? 0 })).body.variables;
    assert.strictEqual(samples.length, 5);
    assert.ok(samples.every((s) => /^0x[0-9a-f]+$/.test(s.value) && s.memoryReference === s.value));
    await assert.rejects(dc.evaluateRequest({ expression: 'objects NoSuchThing', context: 'repl' }), /No JS object in this core has the constructor NoSuchThing/);
  });
});
