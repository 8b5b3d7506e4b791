// One dump file of the store as the catalog records it: who it is (path, size, time, SHA-256),
// which death it belongs to (process id, container, when), and what broke (its signature). Made
// once per file from the dump's own analysis — a core's stacks, a report's exception — and the
// store's sidecar; a heap snapshot is not analysed (what broke is in the core or report beside it).
// A container's death record (deathRecord.ts) is recorded the same way, as kind `death`: it is how
// the catalog knows of deaths that left no dump, and of the exit code of those that did.

import { promises as fs } from 'fs';
import * as path from 'path';
import type { DumpKind } from '../engine/crash';
import { CoreTarget } from '../engine/core/coreTarget';
import { ReportTarget } from '../engine/report/reportTarget';
import { type CrashSignature, crashSignature } from '../engine/signature/crashSignature';
import { errorMessage } from '../engine/errorMessage';
import { readDeathRecord } from '../sources/deathRecord';
import { exitStatusText } from '../sources/docker/exitStatus';
import { type DumpMetadata, storedCopy, storePathFor, SYSROOT_FOLDER } from '../sources/dumpStore';
import { withFile } from '../sources/local/fileByteSource';
import { openTarget } from '../sources/openTarget';
import { sha256Of } from '../sources/sha256Of';
import { COMPOSE_PROJECT_LABEL, COMPOSE_SERVICE_LABEL } from '../sources/docker/composeLabels';

export type IndexedKind = Exclude<DumpKind, 'unknown'>;
/** A dump's kind, or a container's record of a death. */
export type RecordKind = IndexedKind | 'death';

/** The container a dump was copied out of, as it was when the copy was made. */
export interface DumpContainer {
  id: string;
  name: string;
  image: string;
  imageId: string;
  service: string | null;
  project: string | null;
  exitCode: number | null;
  oomKilled: boolean;
  /** ISO time the container's process ended, when it had. */
  finishedAt: string | null;
  /** The Docker endpoint's host. */
  endpoint: string;
  /** Restarts by its policy when collected; null when the store did not record it. */
  restartCount: number | null;
}

/** How the process of a death record ended. */
export interface DeathFacts {
  exitCode: number;
  signal: string | null;
  oomKilled: boolean;
}

export interface IndexedDump {
  path: string;
  size: number;
  mtimeMs: number;
  sha256: string;
  kind: RecordKind;
  /** Where the store's copy came from (a docker:// URI), when it is a copy. */
  originUri: string | null;
  /** The process that died, as the dump records it (a container's own pid namespace). */
  pid: number | null;
  /** When the process died, as near as this dump tells: a report's event time, else the file's time. */
  diedAtMs: number;
  container: DumpContainer | null;
  /** The machine the process ran on, when the dump says. */
  host: string | null;
  nodeVersion: string | null;
  /** "Uncaught TypeError: x is not a function", "Paused on SIGSEGV". */
  description: string | null;
  signature: CrashSignature | null;
  /** Why the dump could not be analysed, as one line: it is listed, never grouped. */
  error: string | null;
  /** A death record's own facts (kind `death` only). */
  death?: DeathFacts;
}

/** The file's identity on disk: a file whose size and time are unchanged is not analysed again. */
export interface FileStamp {
  path: string;
  size: number;
  mtimeMs: number;
}

/** Node's default heap snapshot names: Heap.20261207.130501.4242.0.001.heapsnapshot. */
const SNAPSHOT_PID = /^Heap\.\d{8}\.\d{6}\.(\d+)\.\d+\.\d+\.heapsnapshot$/;

function containerOf(meta: Pick<DumpMetadata, 'container' | 'endpoint'>): DumpContainer {
  const c = meta.container;
  return {
    id: c.id,
    name: c.name,
    image: c.image,
    imageId: c.imageId,
    service: c.labels[COMPOSE_SERVICE_LABEL] ?? null,
    project: c.labels[COMPOSE_PROJECT_LABEL] ?? null,
    exitCode: c.exitCode,
    oomKilled: c.oomKilled,
    finishedAt: c.finishedAt,
    endpoint: meta.endpoint.host,
    restartCount: c.restartCount ?? null,
  };
}

/** The container's binaries the store fetched when the core was first opened from its container. */
async function sysrootOf(storeDir: string, meta: DumpMetadata | undefined): Promise<string[]> {
  if (meta === undefined) return [];
  const sysroot = storePathFor(path.join(storeDir, SYSROOT_FOLDER), meta.container, '/');
  return (await fs.stat(sysroot).catch(() => undefined))?.isDirectory() === true ? [sysroot] : [];
}

type Analysed = Pick<IndexedDump, 'pid' | 'host' | 'nodeVersion' | 'description' | 'signature'> & { eventMs?: number };

async function analyse(stamp: FileStamp, kind: IndexedKind, storeDir: string, meta: DumpMetadata | undefined, signal?: AbortSignal): Promise<Analysed> {
  if (kind === 'heapsnapshot') {
    const pid = SNAPSHOT_PID.exec(path.basename(stamp.path));
    return { pid: pid === null ? null : Number(pid[1]), host: null, nodeVersion: null, description: null, signature: null };
  }
  const target = await openTarget(stamp.path, { expect: [kind], storeDir, signal, searchPaths: await sysrootOf(storeDir, meta) });
  try {
    const signature = crashSignature(target.analysis);
    const description = target.analysis.description;
    if (target instanceof ReportTarget) {
      const h = target.report.header;
      const stampMs = Number(h.raw.dumpEventTimeStamp);
      const eventMs = Number.isFinite(stampMs) && stampMs > 0 ? stampMs : Date.parse(h.time);
      return { pid: h.pid, host: h.host, nodeVersion: h.nodeVersion, description, signature, eventMs: Number.isFinite(eventMs) ? eventMs : undefined };
    }
    const pid = target instanceof CoreTarget ? (target.analysis.process?.pid ?? null) : null;
    return { pid, host: null, nodeVersion: null, description, signature };
  } finally {
    await target.dispose();
  }
}

/** Everything the catalog records of one dump file; an unreadable dump is recorded with its error. */
export async function indexDump(stamp: FileStamp, kind: IndexedKind, storeDir: string, signal?: AbortSignal): Promise<IndexedDump> {
  const meta = await storedCopy(stamp.path);
  // The sidecar's checksum was taken as the copy was written; the store's own file is not rehashed.
  const sha256 = meta?.size === stamp.size ? meta.sha256 : await withFile(stamp.path, (source) => sha256Of(source, signal));
  // Inside a container the file's time is the time it was written there; the copy's is the download's.
  const fileMs = meta === undefined ? stamp.mtimeMs : Date.parse(meta.modifiedAt);
  const base = { ...stamp, sha256, kind, originUri: meta?.uri ?? null, container: meta === undefined ? null : containerOf(meta) };
  try {
    const { eventMs, ...facts } = await analyse(stamp, kind, storeDir, meta, signal);
    return { ...base, ...facts, diedAtMs: eventMs ?? fileMs, error: null };
  } catch (error) {
    signal?.throwIfAborted();
    return { ...base, pid: null, diedAtMs: fileMs, host: null, nodeVersion: null, description: null, signature: null, error: errorMessage(error) };
  }
}

/** A death record of the store, as the catalog records it. */
export async function indexDeath(stamp: FileStamp, signal?: AbortSignal): Promise<IndexedDump> {
  const sha256 = await withFile(stamp.path, (source) => sha256Of(source, signal));
  const base = { ...stamp, sha256, kind: 'death' as const, originUri: null, pid: null, host: null, nodeVersion: null, signature: null };
  try {
    const record = await readDeathRecord(stamp.path);
    const death = { exitCode: record.exitCode, signal: record.signal, oomKilled: record.oomKilled };
    const description = exitStatusText('exited', record.exitCode, record.oomKilled);
    return { ...base, diedAtMs: Date.parse(record.diedAt), container: containerOf(record), description, error: null, death };
  } catch (error) {
    return { ...base, diedAtMs: stamp.mtimeMs, container: null, description: null, error: errorMessage(error) };
  }
}
