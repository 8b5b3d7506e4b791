// Every thread of real cores from the C fixture (-O0 -g, and -O2 -g -fomit-frame-pointer), read by
// Salvage alone and compared with gdb's `thread apply all bt` on the same core: the same functions
// per thread, the same file:line wherever gdb prints one, the same signal and fault address.

import * as assert from 'assert';
import { type Build, threadsCore } from '../../../support/coreFixtures';
import { basename, codeFrames, openCore } from '../../../support/coreTargets';

for (const build of ['O0', 'O2'] as Build[]) {
  suite(`core of a C program built ${build}, against gdb`, () => {
    test('every thread has the functions gdb shows, in the same order', async () => {
      const { binary, core, gdb } = threadsCore(build);
      const { target } = await openCore(core, { binary });
      try {
        assert.strictEqual(target.analysis.threads.length, gdb.threads.size, gdb.raw);
        for (const thread of target.analysis.threads) {
          const oracle = gdb.threads.get(thread.id);
          assert.ok(oracle !== undefined, `gdb knows thread ${thread.id}`);
          const ours = codeFrames(thread.frames);
          assert.deepStrictEqual(
            ours.map((f) => f.function),
            oracle.map((f) => f.name),
            `thread ${thread.id}`,
          );
          oracle.forEach((g, i) => {
            if (g.file === undefined) return;
            assert.strictEqual(basename(ours[i].file), basename(g.file), `thread ${thread.id} frame ${i} file`);
            assert.strictEqual(ours[i].line, g.line, `thread ${thread.id} frame ${i} (${g.name}) line`);
          });
        }
      } finally {
        await target.dispose();
      }
    });

    test('the four threads are parked where the program put them, the crashing one first', async () => {
      const { binary, core } = threadsCore(build);
      const { target } = await openCore(core, { binary });
      try {
        const names = target.analysis.threads.map((t) => t.frames.map((f) => f.function));
        assert.deepStrictEqual(names[0].slice(0, 2), ['crash_now', 'main']);
        assert.strictEqual(target.analysis.crashingThreadId, target.analysis.threads[0].id);
        assert.ok(
          names.some((n) => n.includes('spin_here') && n.filter((x) => x === 'spin_here').length === 4),
          'spin_here recursed 4 deep',
        );
        assert.ok(
          names.some((n) => n.includes('read_one') && n.includes('wait_for_byte')),
          'inlined read_one shows as its own frame',
        );
        assert.ok(names.some((n) => n.includes('nap')));
      } finally {
        await target.dispose();
      }
    });

    test('signal, code and fault address are the ones gdb reads from $_siginfo', async () => {
      const { binary, core, gdb } = threadsCore(build);
      const { target } = await openCore(core, { binary });
      try {
        const signal = target.image.model.signal;
        assert.strictEqual(signal.name, gdb.signalName);
        assert.strictEqual(signal.number, gdb.signo);
        assert.strictEqual(signal.code, gdb.code);
        assert.strictEqual(`0x${signal.faultAddress?.toString(16)}`, gdb.faultAddress);
        assert.match(signal.reason, new RegExp(`^address ${gdb.faultAddress} not mapped`));
        assert.strictEqual(target.analysis.description, `Paused on ${gdb.signalName}`);
      } finally {
        await target.dispose();
      }
    });
  });
}
