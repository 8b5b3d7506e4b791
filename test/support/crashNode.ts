// Crashes real Node processes for the tests: every report, snapshot and core a test reads was made
// here by a process that really died. What Node printed on stderr is kept as the tests' oracle.

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface Crash {
  /** Fresh folder the process ran in and wrote its dumps into. */
  dir: string;
  stderr: string;
  exitCode: number | null;
  /** The process id the OS gave the crashed process. */
  pid: number;
  /** The diagnostic report written by --report-uncaught-exception, when one was. */
  reportPath?: string;
}

export interface CrashOptions {
  /** Extra node flags placed before the script. */
  nodeArgs?: string[];
  env?: Record<string, string>;
  /** Write a diagnostic report on the uncaught exception (default true). */
  report?: boolean;
}

const tempDirs: string[] = [];
// Cores are tens of MB each: a test run must not leave its dumps behind in the temp folder.
process.on('exit', () => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder under the OS temp dir, removed when the test process exits. */
export function makeTempDir(prefix = 'salvage-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** Runs `script` (a file path) with node until it dies; returns where its dumps went. */
export function crashNode(script: string, options: CrashOptions = {}): Crash {
  const dir = makeTempDir();
  const reportArgs = options.report === false ? [] : ['--report-uncaught-exception', `--report-directory=${dir}`];
  const result = spawnSync(process.execPath, [...reportArgs, ...(options.nodeArgs ?? []), script], {
    cwd: dir,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const report = fs.readdirSync(dir).find((f) => /^report\..*\.json$/.test(f));
  return {
    dir,
    stderr: result.stderr,
    exitCode: result.status,
    pid: result.pid,
    reportPath: report === undefined ? undefined : path.join(dir, report),
  };
}

/** Runs JavaScript source text as a script file until it dies. */
export function crashNodeSource(source: string, options: CrashOptions = {}): Crash {
  const dir = makeTempDir('salvage-src-');
  const script = path.join(dir, 'crash.js');
  fs.writeFileSync(script, source);
  return crashNode(script, options);
}

/** The `    at ...` lines Node printed for the uncaught error, without the leading "at ". */
export function stderrStackLines(stderr: string): string[] {
  return stderr
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .map((l) => l.trim().replace(/^at /, ''));
}

/** The "TypeError: message" line Node printed for the uncaught error. */
export function stderrErrorLine(stderr: string): string {
  const line = stderr.split('\n').find((l) => /^[A-Za-z_$][\w$]*(Error|Exception)?: /.test(l) || /^Uncaught /.test(l));
  if (line === undefined) throw new Error(`no error line in stderr:\n${stderr}`);
  return line;
}
