// Damaged cores and wrong files: every case ends in one clear DumpError (file, problem, offset) or
// in a partial result that says what is missing — never another exception, never a hang. Damage
// is placed using readelf's view of the core (see coreSurgery.ts).

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DumpError } from '../../../../src/engine/dumpError';
import { makeTempDir } from '../../../support/crashNode';
import { compileFixture, crashForCore, gdbView, threadsCore } from '../../../support/coreFixtures';
import { codeFrames, openCore } from '../../../support/coreTargets';
import { damagedCopy, NT_FILE, NT_PRSTATUS, notes, REG_OFFSETS, removeDamagedCopies, segments } from '../../../support/coreSurgery';

async function rejectsWithDumpError(promise: Promise<unknown>, pattern: RegExp): Promise<void> {
  await assert.rejects(promise, (e: unknown) => {
    assert.ok(e instanceof DumpError, `a DumpError, not ${String(e)}`);
    assert.match(e.message, pattern);
    return true;
  });
}

suite('bad cores and wrong files', () => {
  teardown(removeDamagedCopies);

  test('a core cut inside its headers or notes is one DumpError naming the file and the offset', async () => {
    const { core } = threadsCore('O0');
    const note = segments(core).find((s) => s.type === 'NOTE');
    assert.ok(note);
    for (const size of [40, 64 + 56 * 2, note.offset + 100]) {
      const cut = damagedCopy(core, (b) => b.subarray(0, size));
      await rejectsWithDumpError(openCore(cut), new RegExp(`^${cut}: .*(truncated|outside the file).*offset \\d+`));
    }
  });

  test('a core cut after its notes opens, and says how much memory is missing', async () => {
    const { core, binary } = threadsCore('O0');
    const firstLoad = segments(core).find((s) => s.type === 'LOAD');
    assert.ok(firstLoad);
    const cut = damagedCopy(core, (b) => b.subarray(0, firstLoad.offset + 4096));
    const { target, warnings } = await openCore(cut, { binary });
    try {
      assert.strictEqual(target.analysis.threads.length, 4);
      assert.ok(
        warnings.some((w) => /the core is truncated: \d+ of \d+ bytes/.test(w)),
        warnings.join('\n'),
      );
      // No stack memory: each thread keeps its innermost frame and ends with a marker saying why.
      for (const thread of target.analysis.threads) {
        assert.ok(codeFrames(thread.frames).length >= 1);
        assert.strictEqual(thread.frames[thread.frames.length - 1].kind, 'marker', thread.frames.map((f) => f.function).join(' | '));
      }
    } finally {
      await target.dispose();
    }
  });

  test('a core whose note segment is gone is refused: without threads there is no stack', async () => {
    const { core } = threadsCore('O0');
    const note = segments(core).find((s) => s.type === 'NOTE');
    assert.ok(note);
    const damaged = damagedCopy(core, (b) => void b.writeUInt32LE(0, note.headerOffset));
    await rejectsWithDumpError(openCore(damaged), /no NT_PRSTATUS note/);
  });

  test('without NT_FILE the stacks still open, the warning says symbols are unknown', async () => {
    const { core } = threadsCore('O0');
    const file = notes(core).find((n) => n.type === NT_FILE);
    assert.ok(file);
    const damaged = damagedCopy(core, (b) => void b.writeUInt32LE(0x12345, file.offset + 8));
    const { target, warnings } = await openCore(damaged);
    try {
      assert.ok(
        warnings.some((w) => /no NT_FILE note/.test(w)),
        warnings.join('\n'),
      );
      assert.strictEqual(target.analysis.threads.length, 4);
      assert.strictEqual(target.analysis.description, 'Paused on SIGSEGV');
    } finally {
      await target.dispose();
    }
  });

  test('garbage registers give a one-frame stack that says where unwinding stopped', async () => {
    const { core, binary } = threadsCore('O2');
    const first = notes(core).find((n) => n.type === NT_PRSTATUS);
    assert.ok(first);
    const damaged = damagedCopy(core, (b) => {
      b.writeBigUInt64LE(0x4141414141414141n, first.descOffset + REG_OFFSETS.rip);
      b.writeBigUInt64LE(0x10n, first.descOffset + REG_OFFSETS.rsp);
      b.writeBigUInt64LE(0xdeadbeefn, first.descOffset + REG_OFFSETS.rbp);
    });
    const started = Date.now();
    const { target } = await openCore(damaged, { binary });
    try {
      const frames = target.analysis.threads[0].frames;
      assert.strictEqual(frames[0].pc, '0x4141414141414141');
      assert.strictEqual(codeFrames(frames).length, 1);
      assert.match(frames[frames.length - 1].function, /^stack ends here: /);
      // The other threads are untouched and still complete.
      assert.ok(target.analysis.threads.slice(1).every((t) => t.frames.some((f) => f.function === 'start_thread')));
      assert.ok(Date.now() - started < 10_000);
    } finally {
      await target.dispose();
    }
  });

  test('random damage to the notes never escapes as anything but a DumpError', async () => {
    const { core } = threadsCore('O0');
    const note = segments(core).find((s) => s.type === 'NOTE');
    assert.ok(note);
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 25; round++) {
      const damaged = damagedCopy(core, (b) => {
        for (let i = 0; i < 16; i++) b[note.offset + random(note.fileSize)] = random(256);
      });
      try {
        const { target } = await openCore(damaged);
        await target.dispose();
      } catch (error) {
        assert.ok(error instanceof DumpError, `round ${round}: ${(error as Error).stack}`);
      }
      removeDamagedCopies();
    }
  });

  test('an executable with another build-id is refused by name, with both build-ids', async () => {
    const dir = makeTempDir('salvage-mismatch-');
    const binary = compileFixture('threads', 'O0', dir);
    const core = crashForCore(binary);
    const good = path.join(makeTempDir('salvage-good-'), 'threads');
    fs.copyFileSync(binary, good);
    // Same code, another build-id, at the path the core recorded.
    compileFixture('threads', 'O0', dir, ['-Wl,--build-id=0x1234abcd']);
    const { target, warnings } = await openCore(core);
    try {
      const exe = target.modules().find((m) => m.path === binary);
      assert.strictEqual(exe?.status, 'mismatched');
      assert.ok(
        warnings.some((w) => w.includes(`${binary} does not match: its build-id is 1234abcd, the core's threads had ${exe?.buildId}`)),
        warnings.join('\n'),
      );
      assert.ok(
        target.analysis.threads[0].frames.every((f) => f.function !== 'crash_now'),
        'a wrong binary is not used to name frames',
      );
    } finally {
      await target.dispose();
    }
    const fixed = await openCore(core, { binary: good });
    try {
      const gdb = gdbView(good, core);
      assert.deepStrictEqual(
        codeFrames(fixed.target.analysis.threads[0].frames).map((f) => f.function),
        gdb.threads.get(fixed.target.analysis.crashingThreadId)?.map((f) => f.name),
      );
    } finally {
      await fixed.target.dispose();
    }
  });

  test('an unusable copy on the search path is skipped with a reason, and the right file is used', async () => {
    const { core, binary, gdb } = threadsCore('O0');
    const search = makeTempDir('salvage-search-');
    fs.writeFileSync(path.join(search, 'libc.so.6'), Buffer.from('\x7fELF not really'));
    const { target } = await openCore(core, { binary, searchPaths: [search] });
    try {
      const libc = target.modules().find((m) => /libc\.so\.6$/.test(m.path));
      assert.ok(libc);
      assert.strictEqual(libc.status, 'found');
      assert.ok(
        libc.problems.some((p) => p.startsWith(`${path.join(search, 'libc.so.6')} is not a usable ELF file`)),
        libc.problems.join('\n'),
      );
      for (const thread of target.analysis.threads) {
        assert.deepStrictEqual(
          codeFrames(thread.frames).map((f) => f.function),
          gdb.threads.get(thread.id)?.map((f) => f.name),
        );
      }
    } finally {
      await target.dispose();
    }
  });

  test('a missing executable is reported with every place looked in', async () => {
    const dir = makeTempDir('salvage-missing-');
    const binary = compileFixture('threads', 'O0', dir);
    const core = crashForCore(binary);
    fs.rmSync(binary);
    const search = makeTempDir('salvage-empty-');
    const { target, warnings } = await openCore(core, { searchPaths: [search] });
    try {
      const exe = target.modules().find((m) => m.path === binary);
      assert.strictEqual(exe?.status, 'missing');
      assert.ok(
        exe.problems.some((p) => p.includes(`${binary} not found (looked in: ${path.join(search, 'threads')}`)),
        exe.problems.join('\n'),
      );
      assert.ok(
        warnings.some((w) => w.includes(binary) && w.includes('--search')),
        warnings.join('\n'),
      );
    } finally {
      await target.dispose();
    }
  });
});
