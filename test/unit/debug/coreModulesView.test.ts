// How the Modules view presents what the adapter reports about a core's files (pure functions of
// src/extension/modules/modulePresentation.ts; the view itself runs in the VS Code host tests).

import * as assert from 'assert';
import type { DumpModule } from '../../../src/engine/core/targetExtras';
import { moduleDescription, moduleDetails, moduleLabel, sortModules } from '../../../src/extension/modules/modulePresentation';

const dumpModule = (path: string, status: DumpModule['status'], problems: string[] = []): DumpModule => ({
  path,
  start: '0x1000',
  end: '0x2000',
  buildId: 'ebeaf2df364d5eeb7096f0f7722a69eec6efdf3b',
  status,
  problems,
});

suite('Modules view presentation', () => {
  test('label is the file name; description the status and a short build-id', () => {
    const m = dumpModule('/usr/lib/x86_64-linux-gnu/libc.so.6', 'found');
    assert.strictEqual(moduleLabel(m), 'libc.so.6');
    assert.strictEqual(moduleDescription(m), 'found · ebeaf2df');
    assert.strictEqual(moduleDescription({ ...m, buildId: undefined, status: 'missing' }), 'missing · no build-id');
  });

  test('files that need attention come first, then by name', () => {
    const sorted = sortModules([dumpModule('/b/z.so', 'found'), dumpModule('/a/y.so', 'missing'), dumpModule('/c/x', 'mismatched'), dumpModule('/d/a.so', 'found')]);
    assert.deepStrictEqual(sorted.map(moduleLabel), ['x', 'y.so', 'a.so', 'z.so']);
  });

  test('details list every problem the engine reported', () => {
    const details = moduleDetails(dumpModule('/app/node', 'mismatched', ["/app/node does not match: its build-id is 12, the core's node had 34"]));
    assert.deepStrictEqual(
      details.filter((d) => d.label === 'problem').map((d) => d.value),
      ["/app/node does not match: its build-id is 12, the core's node had 34"],
    );
    assert.strictEqual(details.find((d) => d.label === 'file used')?.value, 'none');
  });
});
