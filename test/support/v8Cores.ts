// Real cores of the official Node binaries for the JS-frame tests: a fixture program from
// test/fixtures/js-frames runs under Node N with tier flags until it dies with a core, and what Node
// printed about its stack is kept as the oracle. Cores are ~50 MB (sparse, a few MB on disk) and
// written to a temp folder the caller deletes as soon as it has read them.

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { makeTempDir } from './crashNode';
import { type NodeMajor, officialNode } from './nodeBinaries';
import { REPO_ROOT } from './repoPaths';
import { oracleFrames, printedErrorFrames } from './v8Oracle';

export const JS_FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'js-frames');

export interface JsCrash {
  dir: string;
  /** The copy of the fixture that ran (its path is what the frames name). */
  script: string;
  binary: string;
  core: string | undefined;
  stderr: string;
  stdout: string;
  /** The frames Node printed, innermost first, in its own words. */
  oracle: string[];
  /** How the oracle names frames: V8's call-site form (`FROM`, Error.stack) or node's plain abort trace. */
  oracleStyle: 'call-site' | 'plain';
  cleanup(): void;
}

export interface JsCrashOptions {
  nodeArgs?: string[];
  env?: Record<string, string>;
  /** Extra fixture files copied next to the script (modules it imports). */
  companions?: string[];
  /** Run `name` (an absolute path) where it is instead of a copy: for built programs next to their sources. */
  inPlace?: boolean;
  /**
   * Take the `ORACLE` Error.stack the fixture printed even where Node printed its own abort trace:
   * that trace stops at the first frame without a script name (eval code), Error.stack does not.
   */
  errorStackOracle?: boolean;
  /** How long the program may run before it is killed (default 60 s). */
  timeoutMs?: number;
}

/** Runs fixture `name` (or a file path) under official Node `major` with core dumps on. */
export function crashFixture(major: NodeMajor, name: string, options: JsCrashOptions = {}): JsCrash {
  const binary = officialNode(major);
  const dir = makeTempDir(`salvage-js${major}-`);
  const source = path.isAbsolute(name) ? name : path.join(JS_FIXTURES, name);
  const script = options.inPlace === true ? source : path.join(dir, path.basename(source));
  if (script !== source) fs.copyFileSync(source, script);
  for (const c of options.companions ?? []) fs.copyFileSync(path.join(JS_FIXTURES, c), path.join(dir, path.basename(c)));
  const args = ['--abort-on-uncaught-exception', ...(options.nodeArgs ?? []), script].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  const result = spawnSync('/bin/sh', ['-c', `ulimit -c unlimited && exec '${binary}' ${args}`], {
    cwd: dir,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
  });
  const coreName = fs.readdirSync(dir).find((f) => /^core(\.\d+)?$/.test(f));
  const stderr = result.stderr;
  // Node 18 prints no JS stack on process.abort(); such fixtures print one themselves (see v8Oracle).
  const printed = options.errorStackOracle === true ? [] : oracleFrames(stderr);
  const oracle = printed.length > 0 ? printed : printedErrorFrames(stderr, script);
  const oracleStyle = printed.length > 0 && !stderr.split('\n').includes('FROM') ? 'plain' : 'call-site';
  return {
    dir,
    script,
    binary,
    core: coreName === undefined ? undefined : path.join(dir, coreName),
    stderr,
    stdout: result.stdout,
    oracle,
    oracleStyle,
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
