// Worker threads on real cores of the official Node 20, 22, 24 and 26 binaries. The oracle is what
// each worker printed from inside itself (ORACLE-WORKER: its threadId, its name, `new Error().stack`)
// before it blocked in Atomics.wait or V8 aborted on its thread: every worker's JS frames in the core
// equal its printed stack, every thread is named after Node's threadId and name, each isolate's
// census holds the objects that isolate allocated and no other's, and a worker frame's variables are
// read from the worker's own heap.

import * as assert from 'assert';
import * as fs from 'fs';
import type { CrashThread, Frame } from '../../../../src/engine/crash';
import type { CoreTarget } from '../../../../src/engine/core/coreTarget';
import { formatStackLine } from '../../../../src/engine/report/stackLine';
import type { IsolateCensus } from '../../../../src/engine/v8/heapObjects';
import type { NodeMajor } from '../../../support/nodeBinaries';
import { crashFixture, type JsCrash } from '../../../support/v8Cores';
import { crashingJsFrames, framesAsNodePrinted, openJsCore } from '../../../support/v8Stacks';

const MAJORS: NodeMajor[] = [20, 22, 24, 26];

interface PrintedWorker {
  threadId: number;
  name: string;
  count?: number;
  stack?: string;
}

/** What each worker printed about itself, in the order they printed it. */
function printedWorkers(stderr: string): PrintedWorker[] {
  return stderr
    .split('\n')
    .filter((l) => l.startsWith('ORACLE-WORKER '))
    .map((l) => JSON.parse(l.slice('ORACLE-WORKER '.length)) as PrintedWorker);
}

/** The frames of an Error.stack, without its message line. */
function stackFrames(stack: string): string[] {
  return stack
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .map((l) => l.trim().slice(3));
}

/** The 1-based column of `text` on line `line` of the script. */
function columnOf(script: string, line: number, text: string): number {
  const source = fs.readFileSync(script, 'utf8').split('\n')[line - 1] ?? '';
  const at = source.indexOf(text);
  assert.ok(at >= 0, `line ${line} of ${script} holds ${text}`);
  return at + 1;
}

/** `frame` (`name (file:line:column)`) with its column moved to where `text` is on its line. */
function atColumnOf(frame: string, script: string, text: string): string {
  const match = /^(.*):(\d+):(\d+)\)$/.exec(frame);
  assert.ok(match, frame);
  return `${match[1]}:${match[2]}:${columnOf(script, Number(match[2]), text)})`;
}

/** Node's title of a worker, from what the worker said: `[worker ${threadId}] ${name}`. */
function title(worker: PrintedWorker): string {
  return worker.name === '' ? `[worker ${worker.threadId}]` : `[worker ${worker.threadId}] ${worker.name}`;
}

function threadTitled(target: CoreTarget, worker: PrintedWorker): CrashThread {
  const found = target.analysis.threads.filter((t) => t.name.startsWith(`${title(worker)} (tid `));
  assert.strictEqual(found.length, 1, `one thread named ${title(worker)}: ${target.analysis.threads.map((t) => t.name).join(', ')}`);
  return found[0];
}

function jsLines(frames: Frame[]): string[] {
  return frames.filter((f) => f.kind === 'js').map(formatStackLine);
}

async function withCore(crash: JsCrash, check: (target: CoreTarget) => Promise<void>): Promise<void> {
  try {
    const target = await openJsCore(crash);
    try {
      await check(target);
    } finally {
      await target.dispose();
    }
  } finally {
    crash.cleanup();
  }
}

suite('worker threads: each thread its own JS frames, name and isolate (Node 20–26)', function () {
  this.timeout(120_000);
  for (const major of MAJORS) {
    test(`Node ${major} · workers.js: three workers blocked in Atomics.wait, the main thread aborting`, async () => {
      const crash = crashFixture(major, 'workers.js');
      const workers = printedWorkers(crash.stderr);
      assert.strictEqual(workers.length, 3, crash.stderr);
      assert.deepStrictEqual(workers.map((w) => w.threadId).sort(), [1, 2, 3]);
      await withCore(crash, async (target) => {
        // The main thread: named main, its frames the ones Node printed as it aborted.
        const crashing = target.analysis.threads[0];
        assert.strictEqual(crashing.id, target.analysis.crashingThreadId);
        assert.strictEqual(crashing.name, `main (tid ${crashing.id}, SIGABRT)`);
        assert.deepStrictEqual(await framesAsNodePrinted(target, crash), crash.oracle);

        const census = await target.census();
        assert.ok(census);
        const main = census.isolates.find((i) => i.name === 'main');
        assert.ok(main, `an isolate named main: ${census.isolates.map((i) => i.name).join(', ')}`);
        assert.ok(main.threads.includes(crashing.id));
        assert.strictEqual(main.constructors.find((c) => c.name === 'MainOnly')?.count, 700);
        assert.strictEqual(
          main.constructors.find((c) => c.name === 'WorkerOnly'),
          undefined,
        );

        for (const worker of workers) {
          const thread = threadTitled(target, worker);
          // Its JS frames: Atomics.wait, spin at the call of wait, inner at the call of spin, then
          // the stack the worker printed from inner (whose top frame is where the Error was made).
          const printed = stackFrames(worker.stack ?? '');
          assert.match(printed[0], /^inner \(/);
          const spinLine = fs
            .readFileSync(crash.script, 'utf8')
            .split('\n')
            .findIndex((l) => l.includes('Atomics.wait(cell'));
          const expected = ['Atomics.wait (<anonymous>)', `spin (${crash.script}:${spinLine + 1}:${columnOf(crash.script, spinLine + 1, 'wait(cell')})`, atColumnOf(printed[0], crash.script, 'spin(new'), ...printed.slice(1)];
          const frames = jsLines(thread.frames);
          assert.deepStrictEqual(frames.slice(0, expected.length), expected);
          // Past what Error.stack shows, only the message port's dispatch that ran the worker's script.
          assert.ok(
            frames.slice(expected.length).every((f) => f.includes('(node:internal/')),
            frames.slice(expected.length).join('\n'),
          );
          assert.deepStrictEqual(thread.warnings ?? [], []);

          // Its isolate: its own WorkerOnly objects, none of the main thread's.
          const isolate: IsolateCensus | undefined = census.isolates.find((i) => i.threads.includes(thread.id));
          assert.ok(isolate, `the isolate of ${thread.name}`);
          assert.strictEqual(isolate.name, title(worker));
          const own = isolate.constructors.find((c) => c.name === 'WorkerOnly')?.count ?? 0;
          assert.ok(own >= (worker.count ?? 0), `${isolate.name}: ${own} WorkerOnly objects, at least ${worker.count}`);
          assert.strictEqual(
            isolate.constructors.find((c) => c.name === 'MainOnly'),
            undefined,
          );

          // inner's closure is read from the worker's heap: its `name` is this worker's.
          const innerIndex = thread.frames.findIndex((f) => f.kind === 'js' && f.function === 'inner');
          const variables = (await Promise.all(target.scopes(thread.id, innerIndex).map(async (scope) => scope.variables()))).flat();
          assert.strictEqual(variables.find((v) => v.name === 'name')?.value, JSON.stringify(worker.name), variables.map((v) => `${v.name}=${v.value}`).join(', '));
        }
        // Per isolate, every object once: the isolates' counts add up to the whole census.
        assert.strictEqual(
          census.isolates.reduce((n, i) => n + i.objects, 0),
          census.objects,
        );
        // Node's own threads by their role.
        const names = target.analysis.threads.map((t) => t.name);
        assert.ok(
          names.some((n) => n.startsWith('V8 platform worker (tid ')),
          names.join(', '),
        );
        assert.ok(
          names.some((n) => n.startsWith('inspector io (tid ')),
          names.join(', '),
        );
      });
    });

    test(`Node ${major} · workerAbort.js: V8 aborts on the worker's own thread`, async () => {
      const crash = crashFixture(major, 'workerAbort.js', { nodeArgs: ['--allow-natives-syntax'] });
      const [worker] = printedWorkers(crash.stderr);
      assert.ok(worker?.stack !== undefined, crash.stderr);
      await withCore(crash, async (target) => {
        const crashing = target.analysis.threads[0];
        assert.strictEqual(crashing.id, target.analysis.crashingThreadId);
        assert.strictEqual(crashing.name, `${title(worker)} (tid ${crashing.id}, SIGTRAP)`);
        assert.notStrictEqual(crashing.id, target.analysis.process?.pid);
        // The worker's frames: its printed stack, the top frame at the %AbortJS call.
        const printed = stackFrames(worker.stack ?? '');
        assert.deepStrictEqual(crashingJsFrames(target).map(formatStackLine), [atColumnOf(printed[0], crash.script, '%AbortJS'), ...printed.slice(1)]);
        assert.match(target.analysis.threads.find((t) => t.id === target.analysis.process?.pid)?.name ?? '', /^main \(tid \d+\)$/);
      });
    });

    test(`Node ${major} · workerThrows.js: a worker's uncaught error under --abort-on-uncaught-exception aborts the main thread`, async () => {
      const crash = crashFixture(major, 'workerThrows.js');
      const [worker] = printedWorkers(crash.stderr);
      assert.deepStrictEqual(worker, { threadId: 1, name: 'thrower' }, crash.stderr);
      assert.ok(crash.oracle.length >= 2, crash.stderr);
      await withCore(crash, async (target) => {
        const crashing = target.analysis.threads[0];
        assert.strictEqual(crashing.name, `main (tid ${crashing.id}, SIGTRAP)`);
        assert.deepStrictEqual(await framesAsNodePrinted(target, crash), crash.oracle);
        assert.strictEqual(target.analysis.description, 'Uncaught RangeError: negative total -1');
      });
    });
  }
});
