// The crash lab (bench/jsframes): real npm libraries, warmed until their functions are optimized and
// inlined, made to throw deep inside at a seeded point, crashed with --abort-on-uncaught-exception.
// One case is one core, whose crashing thread's JS frames are compared frame by frame with the stack
// Node printed as it aborted. Shared by the lab's script (every case) and the CI sample test (a few).

import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { NodeMajor } from './nodeBinaries';
import { TIER_FLAGS, type Tier } from './nodeTiers';
import { REPO_ROOT } from './repoPaths';
import { crashFixture } from './v8Cores';
import { framesAsNodePrinted, openJsCore, tiersSeen } from './v8Stacks';

const LAB = path.join(REPO_ROOT, 'bench', 'jsframes');

/** The scenarios, one per library style: bench/jsframes/scenarios/<name>.js. */
export const LAB_LIBRARIES = ['acorn', 'handlebars', 'marked', 'typescript', 'findMyWay', 'zod', 'dayjs'] as const;
export type LabLibrary = (typeof LAB_LIBRARIES)[number];

export interface LabCase {
  major: NodeMajor;
  tier: Tier;
  library: LabLibrary;
  seed: number;
}

export interface LabResult {
  frames: number;
  exact: number;
  /** Every frame that differs from Node's (`#index expected … got …`), and every frame misnamed or undecoded. */
  misses: string[];
  /** The tiers the core's JS frames ran in. */
  tiers: string[];
  seconds: number;
}

/** The lab's node_modules, installed with `npm ci` from bench/jsframes/lab-deps once per lockfile. */
export function labModules(): string {
  const target = path.join(REPO_ROOT, '.cache', 'crashlab');
  const lock = fs.readFileSync(path.join(LAB, 'lab-deps', 'package-lock.json'), 'utf8');
  const stamp = path.join(target, 'installed-lock.json');
  if (!fs.existsSync(stamp) || fs.readFileSync(stamp, 'utf8') !== lock) {
    fs.mkdirSync(target, { recursive: true });
    for (const f of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(LAB, 'lab-deps', f), path.join(target, f));
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: target, stdio: ['ignore', 'ignore', 'inherit'] });
    fs.writeFileSync(stamp, lock);
  }
  return path.join(target, 'node_modules');
}

/** Crashes one case, compares its core with what Node printed, and deletes the core. */
export async function runLabCase(c: LabCase, modules: string): Promise<LabResult> {
  const started = Date.now();
  const crash = crashFixture(c.major, path.join(LAB, 'scenarios', `${c.library}.js`), {
    inPlace: true,
    nodeArgs: TIER_FLAGS[c.tier][c.major] ?? [],
    env: { SALVAGE_LAB_MODULES: modules, SALVAGE_SEED: String(c.seed) },
    timeoutMs: 180_000,
  });
  try {
    if (crash.core === undefined) return failed(`no core was written: ${lastLine(crash.stderr)}`, crash.oracle.length, started);
    if (crash.oracle.length === 0) return failed(`Node printed no stack: ${lastLine(crash.stderr)}`, 0, started);
    const target = await openJsCore(crash).catch((e: unknown) => e as Error);
    if (target instanceof Error) return failed(`the core did not open: ${target.message}`, crash.oracle.length, started);
    try {
      const got = await framesAsNodePrinted(target, crash);
      const misses: string[] = [];
      let exact = 0;
      for (let i = 0; i < Math.max(got.length, crash.oracle.length); i++) {
        if (got[i] === crash.oracle[i]) exact++;
        else misses.push(`#${i} expected ${crash.oracle[i] ?? '(none)'} got ${got[i] ?? '(none)'}`);
      }
      const thread = target.analysis.threads.find((t) => t.id === target.analysis.crashingThreadId);
      for (const w of thread?.warnings ?? []) misses.push(`warning: ${w}`);
      for (const f of thread?.frames ?? []) if (f.function === '_fini' || f.undecoded !== undefined) misses.push(`misnamed or undecoded: ${f.function}`);
      return { frames: crash.oracle.length, exact: Math.min(exact, crash.oracle.length), misses, tiers: [...tiersSeen(target)].sort(), seconds: (Date.now() - started) / 1000 };
    } finally {
      await target.dispose();
    }
  } finally {
    crash.cleanup();
  }
}

/** A case whose core could not be compared: none of its frames counts as exact. */
function failed(why: string, frames: number, started: number): LabResult {
  return { frames, exact: 0, misses: [why], tiers: [], seconds: (Date.now() - started) / 1000 };
}

function lastLine(text: string): string {
  return text.trim().split('\n').pop() ?? '(nothing on stderr)';
}
