// Real cores for the core tests: C fixture programs compiled with gcc and crashed with core dumps
// enabled, and what gdb says about the same cores — `thread apply all bt` per thread and the
// signal — as the oracle. Nothing here reads a core itself.

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { makeTempDir } from './crashNode';
import { REPO_ROOT } from './repoPaths';

export const C_FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'c');

export type Build = 'O0' | 'O2';

const FLAGS: Record<Build, string[]> = {
  O0: ['-O0', '-g'],
  O2: ['-O2', '-g', '-fomit-frame-pointer'],
};

/** Folders of compiled fixtures and their cores (tens of MB each), removed when the test run ends. */
const made = new Set<string>();
process.on('exit', () => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** Compiles test/fixtures/c/<name>.c into `dir`; extra flags (-D...) make a different build. */
export function compileFixture(name: string, build: Build, dir = makeTempDir('salvage-c-'), extra: string[] = []): string {
  made.add(dir);
  const out = path.join(dir, name);
  const r = spawnSync('gcc', [...FLAGS[build], ...extra, '-pthread', '-o', out, path.join(C_FIXTURES, `${name}.c`)], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`gcc failed: ${r.stderr}`);
  return out;
}

/** Runs `binary` in its folder with core dumps on until it dies; returns the core's path. */
export function crashForCore(binary: string): string {
  const dir = path.dirname(binary);
  for (const f of fs.readdirSync(dir)) if (/^core(\.\d+)?$/.test(f)) fs.rmSync(path.join(dir, f));
  spawnSync('/bin/sh', ['-c', `ulimit -c unlimited && exec "${binary}"`], { cwd: dir, timeout: 30_000 });
  const core = fs.readdirSync(dir).find((f) => /^core(\.\d+)?$/.test(f));
  if (core === undefined) throw new Error(`no core written in ${dir} (core_pattern must be "core", ulimit -c raisable)`);
  made.add(dir);
  return path.join(dir, core);
}

export interface GdbFrame {
  name: string;
  file?: string;
  line?: number;
  /** The "from /lib/..." of a frame without debug info. */
  from?: string;
}

export interface GdbView {
  /** Frames per LWP, innermost first, as `thread apply all bt` printed them. */
  threads: Map<number, GdbFrame[]>;
  signalName: string;
  signo: number;
  code: number;
  /** si_addr as 0x-hex. */
  faultAddress: string;
  raw: string;
}

/** "#3  0x... in name (...) at file.c:12" → its parts; arguments are printed as "(...)" (presence). */
export function parseGdbFrame(line: string): GdbFrame | undefined {
  const m = /^#\d+\s+(?:0x[0-9a-f]+ in )?(.*?)(?: at (\S+):(\d+)| from (\S+))?$/.exec(line.trim());
  if (m === null) return undefined;
  const name = m[1].replace(/ \((\.\.\.)?\)$/, '');
  const frame: GdbFrame = { name };
  if (m[2] !== undefined) {
    frame.file = m[2];
    frame.line = Number(m[3]);
  }
  if (m[4] !== undefined) frame.from = m[4];
  return frame;
}

/** Runs gdb in batch mode on the core: every thread's backtrace and the fatal signal. */
export function gdbView(binary: string, core: string): GdbView {
  const r = spawnSync('gdb', ['-batch', '-nx', '-ex', 'set print frame-arguments presence', '-ex', 'set width 0', '-ex', 'thread apply all bt', '-ex', 'p $_siginfo.si_signo', '-ex', 'p $_siginfo.si_code', '-ex', 'p $_siginfo._sifields._sigfault.si_addr', binary, core], { encoding: 'utf8', timeout: 120_000 });
  const raw = `${r.stdout}\n${r.stderr}`;
  const threads = new Map<number, GdbFrame[]>();
  let current: GdbFrame[] | undefined;
  for (const line of r.stdout.split('\n')) {
    const header = /^Thread \d+ .*\(LWP (\d+)\)\)?:$/.exec(line);
    if (header !== null) {
      current = [];
      threads.set(Number(header[1]), current);
      continue;
    }
    if (current !== undefined && line.startsWith('#')) {
      const frame = parseGdbFrame(line);
      if (frame !== undefined) current.push(frame);
    }
  }
  const printed = [...r.stdout.matchAll(/^\$\d+ = (.*)$/gm)].map((m) => m[1]);
  const signal = /Program terminated with signal (\w+)/.exec(raw);
  if (signal === null || printed.length < 3) throw new Error(`unexpected gdb output:\n${raw}`);
  const address = /0x[0-9a-f]+/.exec(printed[2]);
  return { threads, signalName: signal[1], signo: Number(printed[0]), code: Number(printed[1]), faultAddress: address?.[0] ?? printed[2], raw };
}

export interface CFixtureCore {
  binary: string;
  core: string;
  gdb: GdbView;
}

const cache = new Map<string, CFixtureCore>();

/** The threads fixture built `build`, crashed, and gdb's view of its core (made once per run). */
export function threadsCore(build: Build): CFixtureCore {
  const known = cache.get(build);
  if (known !== undefined) return known;
  const binary = compileFixture('threads', build);
  const core = crashForCore(binary);
  const made = { binary, core, gdb: gdbView(binary, core) };
  cache.set(build, made);
  return made;
}
