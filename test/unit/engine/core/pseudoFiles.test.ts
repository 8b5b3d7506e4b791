// Mappings that are no file on disk are not "files the core needs". Every Node 24+ core maps
// `anon_inode:[io_uring]` (libuv's io_uring rings); it used to be reported as a missing file. Oracle
// for what the core maps: gdb's `info proc mappings` (from its NT_FILE note).

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { crashFixture } from '../../../support/v8Cores';
import { openJsCore } from '../../../support/v8Stacks';

suite('mappings that are not files', function () {
  this.timeout(120_000);

  test('a Node 24 core maps anon_inode:[io_uring] (gdb says so); opening it warns about no missing file', async () => {
    const crash = crashFixture(24, 'callbacks.js');
    try {
      assert.ok(crash.core, crash.stderr);
      const mappings = spawnSync('gdb', ['-batch', '-nx', '-ex', 'info proc mappings', crash.binary, crash.core], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout;
      assert.match(mappings, /anon_inode:\[io_uring\]/, 'gdb lists the io_uring mapping');
      const warnings: string[] = [];
      const target = await openJsCore(crash, warnings);
      try {
        assert.deepStrictEqual(
          warnings.filter((w) => /not found|anon_inode/.test(w)),
          [],
        );
        assert.ok(!target.image.modules.some((m) => m.path.startsWith('anon_inode:')), 'no module is made of it');
      } finally {
        await target.dispose();
      }
    } finally {
      crash.cleanup();
    }
  });
});
