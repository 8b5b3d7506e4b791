// Real heap snapshots for the heap tests, written by the fixture programs of test/fixtures/heap run
// as child processes, and the outside oracles they are checked against: what the fixture says it
// did (record counts, its pid), Node's own JSON.parse of the file, and @memlab/core's analysis.

import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { ByteSource } from '../../src/engine/bytes/byteSource';
import { makeTempDir } from './crashNode';
import { REPO_ROOT } from './repoPaths';

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'heap');

export interface LeakSnapshots {
  dir: string;
  /** After `records` records. */
  before: string;
  /** After `more` further records, from the same process (when asked for). */
  after?: string;
  pid: number;
  records: number;
  more: number;
}

const leakRuns = new Map<string, LeakSnapshots>();

/** Runs the leaky-cache service once per (records, more) per test run. */
export function leakyCacheSnapshots(records: number, more?: number): LeakSnapshots {
  const key = `${records}:${more ?? ''}`;
  const cached = leakRuns.get(key);
  if (cached !== undefined) return cached;
  const dir = makeTempDir('salvage-heap-');
  const args = [path.join(FIXTURES, 'leakyCache.js'), dir, String(records), ...(more === undefined ? [] : [String(more)])];
  const out = JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8', timeout: 60_000 })) as { pid: number; records: number; more: number };
  const run: LeakSnapshots = { dir, before: path.join(dir, 'before.heapsnapshot'), pid: out.pid, records: out.records, more: out.more };
  if (more !== undefined) run.after = path.join(dir, 'after.heapsnapshot');
  leakRuns.set(key, run);
  return run;
}

/** A snapshot holding strings that are hard to escape (see fixtures/heap/strings.js). */
export function trickyStringsSnapshot(): string {
  const file = path.join(makeTempDir('salvage-heap-'), 'strings.heapsnapshot');
  execFileSync(process.execPath, [path.join(FIXTURES, 'strings.js'), file], { timeout: 60_000 });
  return file;
}

/** The snapshot as Node's JSON.parse reads it: the parser's oracle (fine for small files). */
export interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]]; edge_fields: string[] }; node_count: number; edge_count: number };
  nodes: number[];
  edges: number[];
  strings: string[];
}

export function readRawSnapshot(file: string): RawSnapshot {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as RawSnapshot;
}

export interface MemlabNodes {
  id: number[];
  selfSize: number[];
  retainedSize: number[];
  dominatorId: number[];
  name: string[];
  type: string[];
}

export interface MemlabReferrer {
  fromId: number;
  fromName: string;
  type: string;
  name: string;
}

export interface MemlabAnalysis {
  nodes: MemlabNodes;
  referrers: Record<string, MemlabReferrer[] | null>;
  /** Ids of the nodes the root references (the GC roots and user roots). */
  rootReferences: number[];
}

/** @memlab/core's own analysis of `file`, computed in a child process. */
export function memlabAnalysis(file: string, referrersOf: number[] = []): MemlabAnalysis {
  const result = spawnSync(process.execPath, ['--max-old-space-size=4096', path.join(FIXTURES, 'memlabOracle.js'), file, referrersOf.join(',')], {
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`memlab failed on ${file}: ${result.stderr}`);
  return JSON.parse(result.stdout) as MemlabAnalysis;
}

/**
 * A ByteSource over bytes in memory that returns at most `maxRead` bytes per read, so a parser
 * sees the file cut at arbitrary places (mid-number, mid-escape, mid-UTF-8 sequence).
 */
export class MemoryByteSource implements ByteSource {
  reads = 0;

  constructor(
    readonly name: string,
    private readonly bytes: Uint8Array,
    private readonly maxRead = Number.MAX_SAFE_INTEGER,
  ) {}

  get size(): number {
    return this.bytes.length;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    this.reads++;
    const end = Math.min(this.bytes.length, offset + Math.min(length, this.maxRead));
    return this.bytes.subarray(Math.min(offset, end), end);
  }

  async close(): Promise<void> {}
}

/** The bundled heap analysis worker (built by `npm run build`, as the adapter ships it). */
export const HEAP_WORKER = path.join(REPO_ROOT, 'dist', 'heapWorker.js');

/** A source whose every read waits `delayMs` first: a slow disk or network, so a load can be caught midway. */
export class SlowByteSource extends MemoryByteSource {
  constructor(
    name: string,
    bytes: Uint8Array,
    maxRead: number,
    private readonly delayMs: number,
  ) {
    super(name, bytes, maxRead);
  }

  override async read(offset: number, length: number): Promise<Uint8Array> {
    await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    return super.read(offset, length);
  }
}
