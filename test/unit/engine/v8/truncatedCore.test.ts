// A Node core cut short (a disk that filled up, a copy interrupted) must open to whatever it still
// holds, or fail with one DumpError — never a raw exception from inside the V8 decoders, never a hang.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DumpError } from '../../../../src/engine/dumpError';
import { crashFixture, type JsCrash } from '../../../support/v8Cores';
import { openJsCore } from '../../../support/v8Stacks';

suite('a truncated Node core', function () {
  this.timeout(120_000);
  let crash: JsCrash;

  suiteSetup(() => {
    crash = crashFixture(22, 'callbacks.js');
  });

  suiteTeardown(() => crash?.cleanup());

  for (const fraction of [0.02, 0.3, 0.6, 0.95]) {
    test(`cut at ${fraction * 100} %: opens or fails with a DumpError`, async () => {
      assert.ok(crash.core);
      const cut = path.join(crash.dir, `core.cut${fraction}`);
      const size = Math.floor(fs.statSync(crash.core).size * fraction);
      const fd = fs.openSync(cut, 'w');
      try {
        fs.writeSync(fd, fs.readFileSync(crash.core).subarray(0, size));
      } finally {
        fs.closeSync(fd);
      }
      try {
        const target = await openJsCore({ ...crash, core: cut });
        assert.ok(target.analysis.threads.length > 0);
        await target.dispose();
      } catch (error) {
        assert.ok(error instanceof DumpError, `a DumpError, not ${(error as Error).stack}`);
      } finally {
        fs.rmSync(cut);
      }
    });
  }
});
