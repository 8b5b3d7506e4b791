// The async callers of a crash, rebuilt from the heap: for each shape of test/fixtures/js-frames/
// asyncCallers.js (an HTTP middleware chain on loopback, awaits 5 deep after warm-up, Promise.all,
// an async generator under `for await`, a promise rejected from a timer), under Node 20, 22, 24 and
// 26 and every tier each offers, the crashing thread's JavaScript frames — live ones, then the
// `async` ones after the label — equal the Error.stack the program printed as it died, `at async`
// lines included. Then, on one core: the suspended functions' arguments are the values they were
// called with, the CLI's JSON says `"kind": "async"`, and the debug adapter shows the label.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import { ASYNC_CALLERS_LABEL } from '../../../../src/engine/v8/async/asyncCallers';
import { formatStackLine } from '../../../../src/engine/report/stackLine';
import type { CoreTarget } from '../../../../src/engine/core/coreTarget';
import { isJavaScriptFrame } from '../../../../src/engine/crash';
import { NODE_MAJORS, type NodeMajor } from '../../../support/nodeBinaries';
import { TIER_FLAGS, tiersOf } from '../../../support/nodeTiers';
import { ADAPTER, CLI } from '../../../support/repoPaths';
import { crashFixture, type JsCrash } from '../../../support/v8Cores';
import { openJsCore } from '../../../support/v8Stacks';

const SHAPES = ['http', 'nested', 'all', 'generator', 'timer'] as const;
/** Node 18 is past its end of life and not a target of this work (the issue names 20 to 26). */
const MAJORS = NODE_MAJORS.filter((m): m is Exclude<NodeMajor, 18> => m !== 18);

function crashShape(major: NodeMajor, shape: string, flags: string[] = []): JsCrash {
  return crashFixture(major, 'asyncCallers.js', { nodeArgs: flags, env: { SALVAGE_SHAPE: shape }, errorStackOracle: true });
}

function crashingFrames(target: CoreTarget) {
  return target.analysis.threads.find((t) => t.id === target.analysis.crashingThreadId)?.frames ?? [];
}

suite('async callers rebuilt from the heap equal the `at async` lines Node printed (version × shape × tier)', function () {
  this.timeout(120_000);
  for (const major of MAJORS) {
    for (const shape of SHAPES) {
      for (const tier of tiersOf(major)) {
        test(`Node ${major} · ${shape} · ${tier}`, async () => {
          const crash = crashShape(major, shape, TIER_FLAGS[tier][major] ?? []);
          try {
            assert.ok(
              crash.oracle.some((l) => l.startsWith('async ')),
              `Node printed async frames:\n${crash.stderr}`,
            );
            const target = await openJsCore(crash);
            try {
              const frames = crashingFrames(target);
              assert.deepStrictEqual(frames.filter(isJavaScriptFrame).map(formatStackLine), crash.oracle);
              // The rebuilt frames come after the label, and only there.
              const label = frames.findIndex((f) => f.kind === 'marker' && f.function === ASYNC_CALLERS_LABEL);
              assert.ok(label > 0, 'the async callers label');
              assert.ok(frames.slice(label + 1).every((f) => f.kind === 'async') && frames.slice(0, label).every((f) => f.kind !== 'async'), frames.map((f) => `${f.kind} ${f.function}`).join('\n'));
            } finally {
              await target.dispose();
            }
          } finally {
            crash.cleanup();
          }
        });
      }
    }
  }
});

suite('async callers: their values, the CLI JSON and the debug session (Node 24, nested awaits)', function () {
  this.timeout(120_000);
  let crash: JsCrash;

  suiteSetup(() => {
    crash = crashShape(24, 'nested');
    assert.ok(crash.core, crash.stderr);
  });

  suiteTeardown(() => crash?.cleanup());

  test("each suspended function's arguments are the values it was called with (level1(0, true) … level4(3, true))", async () => {
    const target = await openJsCore(crash);
    try {
      const thread = target.analysis.threads.find((t) => t.id === target.analysis.crashingThreadId);
      assert.ok(thread);
      const frames = thread.frames;
      for (const [name, n] of [
        ['level4', 3],
        ['level3', 2],
        ['level2', 1],
        ['level1', 0],
      ] as const) {
        const index = frames.findIndex((f) => f.kind === 'async' && f.function === name);
        assert.ok(index > 0, name);
        const scopes = target.scopes(thread.id, index);
        const args = scopes.find((s) => s.name === 'Arguments');
        assert.ok(args, `${name}: scopes ${scopes.map((s) => s.name).join(', ')}`);
        const values = (await args.variables()).map((v) => `${v.name}=${v.value}`);
        assert.deepStrictEqual(values, [`n=${n}`, 'crash=true'], name);
      }
    } finally {
      await target.dispose();
    }
  });

  test('salvage stack --json marks them "kind": "async", after the label', () => {
    const r = spawnSync(process.execPath, [CLI, 'stack', crash.core ?? '', '--binary', crash.binary, '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.strictEqual(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout) as { threads: { frames: { kind: string; function: string; file?: string; line?: number }[] }[] };
    const frames = json.threads[0].frames;
    const label = frames.findIndex((f) => f.kind === 'marker' && f.function === ASYNC_CALLERS_LABEL);
    assert.deepStrictEqual(
      frames.slice(label + 1).map((f) => `${f.kind} ${f.function}`),
      ['async level4', 'async level3', 'async level2', 'async level1', 'async nestedShape'],
    );
  });

  test('the debug session shows the label, then the async frames with their sources', async () => {
    const dc = new DebugClient(process.execPath, ADAPTER, 'salvage');
    await dc.start();
    try {
      const [, , stopped] = await Promise.all([dc.configurationSequence(), dc.launch({ dump: crash.core, binary: crash.binary }), dc.waitForEvent('stopped')]);
      const frames = (await dc.stackTraceRequest({ threadId: stopped.body.threadId as number })).body.stackFrames;
      const label = frames.findIndex((f) => f.name === ASYNC_CALLERS_LABEL);
      assert.ok(label > 0, frames.map((f) => f.name).join('\n'));
      assert.strictEqual(frames[label].presentationHint, 'label');
      const after = frames.slice(label + 1, label + 3);
      assert.deepStrictEqual(
        after.map((f) => [f.name, f.source?.path, f.line]),
        [
          ['async level4', crash.script, 67],
          ['async level3', crash.script, 71],
        ],
      );
    } finally {
      await dc.stop();
    }
  });
});
