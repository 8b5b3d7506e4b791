// The stop description of a core is the line Node printed for the uncaught exception — whether a
// JS `throw` raised it, V8 raised it itself (a TypeError built in C++), or the value thrown was not
// an error at all — and a process.abort() is not mistaken for an exception.

import * as assert from 'assert';
import { NODE_MAJORS } from '../../../support/nodeBinaries';
import { crashFixture } from '../../../support/v8Cores';
import { openJsCore } from '../../../support/v8Stacks';

const CASES: { file: string; env: Record<string, string> }[] = [
  { file: 'internalTypeError.js', env: {} },
  { file: 'throwValue.js', env: {} },
  { file: 'throwValue.js', env: { THROW_OBJECT: '1' } },
  { file: 'callbacks.js', env: {} },
];

suite('the uncaught exception of a Node core', function () {
  this.timeout(120_000);
  for (const major of NODE_MAJORS) {
    for (const c of CASES) {
      test(`Node ${major} · ${c.file}${c.env.THROW_OBJECT === undefined ? '' : ' (object)'}: the description is Node's "Uncaught" line`, async () => {
        const crash = crashFixture(major, c.file, { env: c.env });
        try {
          const printed = crash.stderr.split('\n').find((l) => l.startsWith('Uncaught '));
          assert.ok(printed, crash.stderr);
          const target = await openJsCore(crash);
          try {
            assert.strictEqual(target.analysis.description, printed);
          } finally {
            await target.dispose();
          }
        } finally {
          crash.cleanup();
        }
      });
    }

    test(`Node ${major} · process.abort() is described by its signal, not as an exception`, async () => {
      const crash = crashFixture(major, 'abortTimer.js');
      try {
        const target = await openJsCore(crash);
        try {
          assert.strictEqual(target.analysis.description, 'Paused on SIGABRT');
        } finally {
          await target.dispose();
        }
      } finally {
        crash.cleanup();
      }
    });
  }
});
