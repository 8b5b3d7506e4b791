// Real dumps of the other kinds, made by real processes: a heap snapshot from v8.writeHeapSnapshot()
// and a core from a Node process that aborted with core dumps enabled.

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { makeTempDir } from './crashNode';

/** Writes a real heap snapshot from a child Node process; returns its path. */
export function writeHeapSnapshot(dir = makeTempDir()): string {
  const file = path.join(dir, 'heap.heapsnapshot');
  const result = spawnSync(process.execPath, ['-e', `require('v8').writeHeapSnapshot(${JSON.stringify(file)})`], { encoding: 'utf8' });
  if (result.status !== 0 || !fs.existsSync(file)) throw new Error(`no heap snapshot written: ${result.stderr}`);
  return file;
}

/**
 * Aborts a Node process with `ulimit -c unlimited` in `dir`; returns the core's path, or undefined
 * when the machine writes no core there (a core_pattern that pipes to a handler, a hard limit of 0).
 */
export function writeCore(dir = makeTempDir()): string | undefined {
  spawnSync('/bin/sh', ['-c', `ulimit -c unlimited && exec "${process.execPath}" -e "process.abort()"`], { cwd: dir });
  const core = fs.readdirSync(dir).find((f) => /^core(\.\d+)?$/.test(f));
  return core === undefined ? undefined : path.join(dir, core);
}

/** What binutils' readelf says the ELF type of `file` is ("CORE", "EXEC", "DYN"). */
export function readelfType(file: string): string {
  const out = spawnSync('readelf', ['-h', file], { encoding: 'utf8' }).stdout;
  const m = /Type:\s+(\w+)/.exec(out);
  if (m === null) throw new Error(`readelf could not read ${file}`);
  return m[1];
}
