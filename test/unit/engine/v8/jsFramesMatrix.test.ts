// The JS-frame support matrix: fixture programs crashed by the official Node 18, 20, 22, 24 and
// 26 binaries under each tier flag the version accepts, one test per cell. The oracle is the stack
// Node itself printed as it died: every JS frame Salvage reads from the core must equal it —
// function, script, line and column. Cells that force optimization also check, from V8's own
// --trace-opt output, that the code really was optimized, and that Salvage decoded that tier.
// Excluded cells are listed with the reason in EXCLUDED, never skipped silently.

import * as assert from 'assert';
import { NODE_MAJORS, type NodeMajor } from '../../../support/nodeBinaries';
import { TIER_FLAGS, type Tier, tiersOf } from '../../../support/nodeTiers';
import { crashFixture } from '../../../support/v8Cores';
import { framesAsNodePrinted, openJsCore, tiersSeen } from '../../../support/v8Stacks';

interface Fixture {
  file: string;
  /** Which way of the fixture runs (its SALVAGE_SHAPE), shown as `file:shape`. */
  shape?: string;
  args?: string[];
  env?: Record<string, string>;
  /** Compare with the Error.stack the fixture printed (see JsCrashOptions.errorStackOracle). */
  errorStackOracle?: boolean;
  /** With default tiers, V8 replaces the running frame by Turbofan code (--trace-osr says so) and the core shows it. */
  osr?: boolean;
  /** The tier the fixture forces with natives syntax, checked in the core and in --trace-opt. */
  forces?: { tier: 'turbofan' | 'maglev'; traced: RegExp };
}

const FIXTURES: Fixture[] = [
  { file: 'callbacks.js' },
  { file: 'classes.js' },
  // Classes and functions renamed with defineProperty, as zod and other factories do.
  { file: 'renamedFunctions.js' },
  { file: 'evalCode.js' },
  { file: 'esm.mjs' },
  // Node 18 prints no JS stack on process.abort(): these print `new Error().stack` first (v8Oracle.ts).
  { file: 'asyncAbort.js', env: { SALVAGE_PRINT_STACK: '1' } },
  { file: 'abortTimer.js', env: { SALVAGE_PRINT_STACK: '1' } },
  // Hot code, then the input nobody expected: frames resumed in the interpreter after an eager or a lazy deopt.
  { file: 'deoptEager.js' },
  { file: 'deoptLazy.js' },
  // Every builtin that calls back into JavaScript, in one stack, warmed up first.
  { file: 'builtinChain.js' },
  // Node internals calling user code asynchronously, then vm, eval, new Function and a generator.
  { file: 'asyncChain.js', env: { SALVAGE_PRINT_STACK: '1' }, errorStackOracle: true },
  ...['timer', 'fs', 'stream', 'promise', 'static'].map((shape) => ({ file: 'nodeCallbacks.js', shape, env: { SALVAGE_SHAPE: shape, SALVAGE_PRINT_STACK: '1' } })),
  { file: 'osrLoop.js', args: ['--trace-osr'], osr: true },
  { file: 'inlined.js', args: ['--allow-natives-syntax', '--trace-opt'], forces: { tier: 'turbofan', traced: /(completed compiling|optimizing) [^\n]*total[^\n]*TURBOFAN/ } },
  { file: 'inlinedMaglev.js', args: ['--allow-natives-syntax', '--maglev', '--trace-opt'], forces: { tier: 'maglev', traced: /completed compiling[^\n]*total[^\n]*MAGLEV/ } },
];

/** Cells not run, and why. */
const EXCLUDED: { major: NodeMajor; file?: string; tier?: Tier; why: string }[] = [
  { major: 18, file: 'inlinedMaglev.js', why: 'V8 10.2 has no %OptimizeMaglevOnNextCall' },
  { major: 20, file: 'inlinedMaglev.js', why: 'Node 20 prints "Maglev is not enabled.": no Maglev code to read' },
  { major: 22, file: 'inlinedMaglev.js', why: 'Node 22 prints "Maglev is not enabled.": no Maglev code to read' },
];

function excluded(major: NodeMajor, file: string, tier: Tier): boolean {
  return EXCLUDED.some((e) => e.major === major && (e.file === undefined || e.file === file) && (e.tier === undefined || e.tier === tier));
}

suite('JS frames from Node cores equal the stack Node printed (version × fixture × tier)', function () {
  this.timeout(120_000);
  for (const major of NODE_MAJORS) {
    for (const fixture of FIXTURES) {
      for (const tier of tiersOf(major)) {
        const flags = TIER_FLAGS[tier][major] ?? [];
        if (excluded(major, fixture.file, tier)) continue;
        test(`Node ${major} · ${fixture.file}${fixture.shape === undefined ? '' : `:${fixture.shape}`} · ${tier}`, async () => {
          const crash = crashFixture(major, fixture.file, { nodeArgs: [...(fixture.args ?? []), ...flags], env: fixture.env, errorStackOracle: fixture.errorStackOracle });
          try {
            assert.ok(crash.oracle.length >= 2, `Node printed a stack:\n${crash.stderr}`);
            const target = await openJsCore(crash);
            try {
              assert.deepStrictEqual(await framesAsNodePrinted(target, crash), crash.oracle);
              // No frame of V8's code is left undecoded or named after an unrelated symbol.
              const crashing = target.analysis.threads.find((t) => t.id === target.analysis.crashingThreadId);
              assert.deepStrictEqual(crashing?.warnings ?? [], []);
              assert.deepStrictEqual(crashing?.frames.filter((f) => f.function === '_fini') ?? [], []);
              const tiers = tiersSeen(target);
              if (tier === 'sparkplug') assert.ok(tiers.has('baseline'), `Sparkplug frames decoded (saw ${[...tiers].join(', ')})`);
              if (fixture.osr === true && tier === 'default') {
                assert.match(crash.stdout, /OSR - entry/, 'V8 traced the on-stack replacement');
                assert.ok(tiers.has('turbofan'), `the OSR frame decoded as Turbofan (saw ${[...tiers].join(', ')})`);
              }
              if (fixture.forces !== undefined) {
                assert.match(crash.stdout, fixture.forces.traced, 'V8 traced the optimization');
                assert.ok(tiers.has(fixture.forces.tier), `${fixture.forces.tier} frames decoded (saw ${[...tiers].join(', ')})`);
              }
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
