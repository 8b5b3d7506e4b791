// Real deaths of the crash-catalog fixture service (test/fixtures/crash-catalog: two bugs and a
// leak), for the catalog's tests: the service built as an image build does (its sources copied,
// then compiled), killed with the flags production uses, its dumps left in a folder of the store.

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { compileTs } from './compileTs';
import { stderrStackLines } from './crashNode';
import { REPO_ROOT } from './repoPaths';
import { parseStackPosition } from './sampleCrash';

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'crash-catalog');

export type Bug = 'price' | 'quota' | 'oom';

export interface Death {
  pid: number;
  stderr: string;
  dir: string;
}

/** Builds the fixture service at `into`; returns its compiled entry point. */
export function buildService(into: string): string {
  fs.cpSync(FIXTURE, into, { recursive: true });
  compileTs(into, path.join(into, 'dist'));
  return path.join(into, 'dist', 'main.js');
}

/** Kills the service once with `bug`, run in `dir` with core dumps on (a core is called `core` there). */
export function die(entry: string, bug: Bug, dir: string, nodeArgs: string, env: Record<string, string> = {}): Death {
  fs.mkdirSync(dir, { recursive: true });
  const result = spawnSync('/bin/sh', ['-c', `ulimit -c unlimited && exec "${process.execPath}" ${nodeArgs} "${entry}" ${bug}`], { cwd: dir, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { pid: result.pid, stderr: result.stderr, dir };
}

/** A death that leaves a diagnostic report in `dir`. */
export function dieWithReport(entry: string, bug: Bug, dir: string): Death {
  return die(entry, bug, dir, `--report-uncaught-exception --report-directory=${dir}`);
}

/** A death that leaves a heap snapshot, then a core, in `dir`. */
export function dieWithCoreAndSnapshot(entry: string, bug: Bug, dir: string): Death {
  return die(entry, bug, dir, '--abort-on-uncaught-exception', { SNAPSHOT_FIRST: '1' });
}

/** The signature frames Node's own stack gives: the service's frames, `fn (file.ts)`, the first three. */
export function framesNodePrinted(entry: string, bug: Bug): string[] {
  const run = spawnSync(process.execPath, ['--enable-source-maps', entry, bug], { encoding: 'utf8' });
  return stderrStackLines(run.stderr)
    .map(parseStackPosition)
    .filter((p) => p !== undefined && p.file.endsWith('.ts'))
    .slice(0, 3)
    .map((p) => `${p!.fn} (${path.basename(p!.file)})`);
}
