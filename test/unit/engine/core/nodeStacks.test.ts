// A real Node.js core (--abort-on-uncaught-exception), read by Salvage alone. Oracle: gdb on the
// same core, up to the first V8 frame — past it gdb loses the stack (builtins have no CFI), while
// Salvage continues along the frame pointers V8 keeps.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { makeTempDir } from '../../../support/crashNode';
import { gdbView, type GdbView } from '../../../support/coreFixtures';
import { openCore } from '../../../support/coreTargets';

function nodeCore(): string {
  const dir = makeTempDir('salvage-node-core-');
  const script = 'function thrower() { throw new Error("boom") } setTimeout(thrower, 1)';
  spawnSync('/bin/sh', ['-c', `ulimit -c unlimited && exec "${process.execPath}" --abort-on-uncaught-exception -e '${script}'`], { cwd: dir, timeout: 60_000 });
  const core = fs.readdirSync(dir).find((f) => /^core(\.\d+)?$/.test(f));
  if (core === undefined) throw new Error('no core written (core_pattern must be "core")');
  return path.join(dir, core);
}

const isV8 = (name: string): boolean => name.startsWith('Builtins_') || name === '??';

suite('core of a Node.js process, against gdb', () => {
  let core: string;
  let gdb: GdbView;

  suiteSetup(function () {
    this.timeout(120_000);
    core = nodeCore();
    gdb = gdbView(process.execPath, core);
  });

  suiteTeardown(() => fs.rmSync(path.dirname(core), { recursive: true, force: true }));

  test('the crashing thread has the native frames gdb shows, up to the first V8 frame', async () => {
    const { target } = await openCore(core, { binary: process.execPath });
    try {
      const thread = target.analysis.threads[0];
      const oracle = gdb.threads.get(thread.id) ?? [];
      const gdbNative = oracle.slice(
        0,
        oracle.findIndex((f) => isV8(f.name)),
      );
      assert.ok(gdbNative.length >= 3, `gdb shows native frames: ${gdb.raw}`);
      // Past the native frames come V8's (builtins, JavaScript, or a marker between them).
      const ours = thread.frames.slice(
        0,
        thread.frames.findIndex((f) => f.kind !== 'native'),
      );
      assert.deepStrictEqual(
        ours.map((f) => f.function),
        gdbNative.map((f) => f.name),
      );
    } finally {
      await target.dispose();
    }
  });

  test('past the JS frames the walk reaches node::Start, which gdb cannot', async () => {
    const { target } = await openCore(core, { binary: process.execPath });
    try {
      const frames = target.analysis.threads[0].frames;
      const names = frames.map((f) => f.function);
      assert.ok(
        names.some((n) => n.startsWith('node::Start(')),
        names.join('\n'),
      );
      const firstV8 = frames.findIndex((f) => f.kind !== 'native');
      assert.ok(
        frames.slice(firstV8).some((f) => f.function.startsWith('v8::Function::Call(')),
        'the native caller of the JS frames is reached',
      );
      assert.ok(!(gdb.threads.get(target.analysis.threads[0].id) ?? []).some((f) => f.name.startsWith('node::Start(')));
    } finally {
      await target.dispose();
    }
  });

  test("every other thread has exactly gdb's frames and lines, tail calls rebuilt from DWARF call sites as gdb does", async () => {
    const { target } = await openCore(core, { binary: process.execPath });
    try {
      let tailCalls = 0;
      for (const thread of target.analysis.threads.slice(1)) {
        const oracle = gdb.threads.get(thread.id) ?? [];
        const ours = thread.frames.filter((f) => f.kind !== 'marker');
        assert.deepStrictEqual(
          ours.map((f) => f.function),
          oracle.map((f) => f.name),
          `thread ${thread.id}`,
        );
        oracle.forEach((g, i) => {
          if (g.line !== undefined) assert.strictEqual(ours[i].line, g.line, `thread ${thread.id} frame ${i} ${g.name}`);
        });
        // A frame no return address points to: reached by a jump (libc's futex waits do this).
        if (ours.some((f) => f.function === '__GI___futex_abstimed_wait_cancelable64')) tailCalls++;
      }
      assert.ok(tailCalls > 0, 'some thread waits through a tail call');
    } finally {
      await target.dispose();
    }
  });

  test('signal and threads are the ones gdb reads', async () => {
    const { target } = await openCore(core, { binary: process.execPath });
    try {
      assert.strictEqual(target.image.model.signal.name, gdb.signalName);
      assert.strictEqual(target.image.model.signal.code, gdb.code);
      assert.deepStrictEqual(new Set(target.analysis.threads.map((t) => t.id)), new Set(gdb.threads.keys()));
    } finally {
      await target.dispose();
    }
  });
});
