// `salvage stack` and `salvage info` run as users run them (dist/cli.js) on real cores of the C
// fixture. Oracle: gdb's view of the same core (threads, functions, signal) and the OS's pid.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { makeTempDir } from '../../support/crashNode';
import { threadsCore } from '../../support/coreFixtures';
import { CLI } from '../../support/repoPaths';

function salvage(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface StackJson {
  signal: { number: number; name: string; code: number; faultAddress: string | null };
  crashingThread: number;
  threads: Array<{ tid: number; name: string; frames: Array<{ kind: string; function: string; module?: string; pc?: string; file?: string; line?: number }> }>;
}

suite('salvage stack / info on a core', () => {
  test("stack --json: the documented shape, with gdb's signal, threads and functions", () => {
    const { core, binary, gdb } = threadsCore('O2');
    const r = salvage('stack', core, '--binary', binary, '--json');
    assert.strictEqual(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as StackJson;
    assert.deepStrictEqual({ number: json.signal.number, name: json.signal.name, code: json.signal.code, faultAddress: json.signal.faultAddress }, { number: gdb.signo, name: gdb.signalName, code: gdb.code, faultAddress: gdb.faultAddress });
    assert.strictEqual(json.crashingThread, json.threads[0].tid);
    assert.deepStrictEqual(new Set(json.threads.map((t) => t.tid)), new Set(gdb.threads.keys()));
    for (const thread of json.threads) {
      const frames = thread.frames.filter((f) => f.kind !== 'marker');
      assert.deepStrictEqual(
        frames.map((f) => f.function),
        gdb.threads.get(thread.tid)?.map((f) => f.name),
      );
      assert.ok(frames.every((f) => f.kind === 'native' && /^0x[0-9a-f]+$/.test(f.pc ?? '') && typeof f.module === 'string'));
    }
    assert.strictEqual(path.basename(json.threads[0].frames[0].file ?? ''), 'threads.c');
  });

  test('stack (text) leads with the signal and lists the crashing thread first', () => {
    const { core, binary } = threadsCore('O0');
    const r = salvage('stack', core, '--binary', binary);
    assert.strictEqual(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.match(lines[0], /^Paused on SIGSEGV: Segmentation fault, address 0x0 not mapped/);
    const firstThread = lines.findIndex((l) => l.startsWith('Thread '));
    assert.match(lines[firstThread + 1], /#0 .* crash_now at .*threads\.c:\d+\s+\[threads\]$/);
  });

  test('info --json: a supported core, with the pid the OS gave the process', () => {
    const { core, gdb } = threadsCore('O0');
    const r = salvage('info', core, '--json');
    assert.strictEqual(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.strictEqual(json.kind, 'core');
    // The process id is the LWP of its main thread, which gdb names in "Current thread is 1 (... (LWP n))".
    const main = /Current thread is 1 \(.*\(LWP (\d+)\)\)/.exec(gdb.raw)?.[1];
    assert.strictEqual(json.facts.pid, main);
    assert.strictEqual(json.facts.threads, String(gdb.threads.size));
    assert.match(json.headline, /^Paused on SIGSEGV/);
  });

  test('bad input: one line on stderr naming the file and the problem, non-zero exit', () => {
    const { core } = threadsCore('O0');
    const dir = makeTempDir();
    const cut = path.join(dir, 'core');
    fs.writeFileSync(cut, fs.readFileSync(core).subarray(0, 100));
    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'not a dump\n');
    const cases: Array<[string[], RegExp]> = [
      [['stack', cut], new RegExp(`^salvage: ${cut}: .*offset \\d+`)],
      [['stack', process.execPath], /not an ELF core/],
      [['stack', text], /not an ELF core/],
      [['stack', path.join(dir, 'missing')], /no such file/],
      [['stack'], /usage/],
      [['stack', core, '--binary', 'a', '--binary', 'b'], /--binary may be given once/],
    ];
    for (const [args, pattern] of cases) {
      const r = salvage(...args);
      assert.notStrictEqual(r.code, 0, args.join(' '));
      assert.match(r.stderr, pattern);
      assert.strictEqual(r.stderr.trim().split('\n').length, 1, `one line: ${r.stderr}`);
    }
  });
});
