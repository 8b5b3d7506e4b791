// `salvage objects`' census of a core's V8 heap: a program that keeps 1234 Widgets and 567 Gadgets
// alive (the numbers in its source are the oracle) crashes under each official Node version, after
// a full GC — a census counts what the heap holds, and garbage not yet collected would count too.

import * as assert from 'assert';
import { NODE_MAJORS } from '../../../support/nodeBinaries';
import { crashFixture } from '../../../support/v8Cores';
import { openJsCore } from '../../../support/v8Stacks';

suite('objects by constructor in a Node core', function () {
  this.timeout(120_000);
  for (const major of NODE_MAJORS) {
    test(`Node ${major}: every Widget and Gadget is counted, with samples of them`, async () => {
      const crash = crashFixture(major, 'widgets.js', { nodeArgs: ['--expose-gc'] });
      try {
        const target = await openJsCore(crash);
        try {
          assert.ok(target.javascript);
          const census = await target.javascript.census(target.image);
          const count = (name: string): number | undefined => census.constructors.find((c) => c.name === name)?.count;
          assert.strictEqual(count('Widget'), 1234);
          assert.strictEqual(count('Gadget'), 567);
          const widget = census.constructors.find((c) => c.name === 'Widget');
          assert.strictEqual(widget?.samples.length, 5);
        } finally {
          await target.dispose();
        }
      } finally {
        crash.cleanup();
      }
    });
  }
});
