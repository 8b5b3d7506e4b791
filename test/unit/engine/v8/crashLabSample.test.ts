// A sample of the crash lab (bench/jsframes) in every test run: real npm libraries, warmed until V8
// optimizes and inlines them, made to throw deep inside, crashed by official Node binaries. Each
// core's JS frames must equal the stack Node printed as it aborted, with no frame misnamed after an
// ELF symbol or left undecoded. The whole lab (every version × tier × library × seed) is a bench.

import * as assert from 'assert';
import { type LabCase, labModules, runLabCase } from '../../../support/crashLab';

const CASES: LabCase[] = [
  { major: 26, tier: 'default', library: 'handlebars', seed: 1 },
  // zod names its classes with defineProperty: Node 26 prints ZodObject._parse, never _._parse.
  { major: 26, tier: 'default', library: 'zod', seed: 1 },
  { major: 26, tier: 'turbolev', library: 'acorn', seed: 2 },
  { major: 24, tier: 'maglev', library: 'zod', seed: 2 },
  { major: 22, tier: 'sparkplug', library: 'marked', seed: 3 },
  { major: 20, tier: 'turbofan', library: 'findMyWay', seed: 1 },
];

suite('Crash lab sample: real libraries, hot then thrown, equal what Node printed', function () {
  this.timeout(300_000);
  let modules: string;
  suiteSetup(() => {
    modules = labModules();
  });
  for (const c of CASES) {
    test(`Node ${c.major} · ${c.tier} · ${c.library} seed ${c.seed}`, async () => {
      const result = await runLabCase(c, modules);
      assert.ok(result.frames >= 3, `Node printed a deep stack (${result.frames} frames)`);
      assert.deepStrictEqual(result.misses, []);
      assert.strictEqual(result.exact, result.frames);
    });
  }
});
