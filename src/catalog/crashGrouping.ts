// Which dumps are one death. A process that dies leaves up to one core and one report, and any
// number of heap snapshots (--heapsnapshot-near-heap-limit writes them before the end), all with
// its process id and within moments of each other; a container restarted by its policy dies again
// with the same pid (1, usually) seconds later. So dumps of the same container (or of this machine)
// and pid, in time order, join the crash before them when they are within MATCH_WINDOW_MS of its
// last dump and it holds no dump of their kind yet (a second core is a second death); a dump with
// no pid joins the next death of its container within the window, and is a crash of its own
// outside a container; two copies of one file count once. Then each death a container's
// record tells of (oldest first) joins the earliest crash of that container it can end — whose
// dumps are at most DEATH_SLACK_MS after it and MATCH_WINDOW_MS before it, and that has no death yet —
// giving that crash the exit code of that death; a death no crash takes is a crash of its own (an
// OOM kill leaves nothing else), signed by how it ended and where: `OOM kill in cache`.
// Pure: the same dumps always give the same crashes, with ids named by their anchor dump's SHA-256
// (a death record's for a death alone), so a rebuild of the catalog finds every crash under its old id.

import { createHash } from 'crypto';
import type { CrashSignature } from '../engine/signature/crashSignature';
import type { DumpContainer, IndexedDump, IndexedKind } from './indexedDump';
import { deathSignature } from './deathSignature';

/** Long enough for a snapshot written while the heap filled up; shorter than a restart loop's crashes of two kinds. */
export const MATCH_WINDOW_MS = 120_000;
/** A dump may be stamped a moment after the death the engine saw (a file's time rounded up, two clocks). */
export const DEATH_SLACK_MS = 2_000;
/** Kinds a death leaves at most one of. */
const ONE_PER_DEATH: ReadonlySet<string> = new Set(['core', 'report']);
/** The dump that names a crash and says what broke: a core, else a report, else a snapshot. */
const ANCHOR_ORDER: readonly IndexedKind[] = ['core', 'report', 'heapsnapshot'];
/** What a crash's signature says when only heap snapshots are left of it. */
const SNAPSHOT_ONLY = 'heap snapshot only: no core or report of this death';

export interface CrashRecord {
  /** 12 hex digits of the anchor dump's SHA-256. */
  id: string;
  signature: CrashSignature;
  diedAtMs: number;
  pid: number | null;
  container: DumpContainer | null;
  host: string | null;
  nodeVersion: string | null;
  description: string | null;
  /** The anchor first, then the others in time order. */
  dumps: IndexedDump[];
  /** The container's record of this death, when the store has one. */
  death: IndexedDump | null;
}

const SNAPSHOT_ONLY_SIGNATURE: CrashSignature = { text: SNAPSHOT_ONLY, id: createHash('sha256').update(SNAPSHOT_ONLY).digest('hex').slice(0, 16), frames: [] };

function deathKey(dump: IndexedDump): string | undefined {
  return dump.pid === null ? undefined : `${dump.container?.id ?? 'local'}/${dump.pid}`;
}

function byTime(a: IndexedDump, b: IndexedDump): number {
  return a.diedAtMs - b.diedAtMs || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

function first<T>(dumps: readonly IndexedDump[], pick: (d: IndexedDump) => T | null): T | null {
  for (const d of dumps) {
    const value = pick(d);
    if (value !== null) return value;
  }
  return null;
}

/** The container as it was at this death: its record's facts hold the state when it was collected, maybe of a later death. */
function ofDeath(death: IndexedDump): DumpContainer | null {
  if (death.container === null || death.death === undefined) return death.container;
  return { ...death.container, exitCode: death.death.exitCode, oomKilled: death.death.oomKilled, finishedAt: new Date(death.diedAtMs).toISOString() };
}

function crashOf(dumps: IndexedDump[], death: IndexedDump | null): CrashRecord {
  if (dumps.length === 0) {
    if (death === null) throw new Error('a crash needs a dump or a death');
    const { diedAtMs, description } = death;
    return { id: death.sha256.slice(0, 12), signature: deathSignature(death), diedAtMs, pid: null, container: ofDeath(death), host: null, nodeVersion: null, description, dumps: [], death };
  }
  const rank = (d: IndexedDump) => ANCHOR_ORDER.indexOf(d.kind as IndexedKind);
  const ordered = [...dumps].sort((a, b) => rank(a) - rank(b) || byTime(a, b));
  const anchor = ordered[0];
  const report = dumps.find((d) => d.kind === 'report');
  const core = dumps.find((d) => d.kind === 'core');
  // The report and the core of one death agree on their signature; the report knows its time best.
  const teller = report ?? core;
  // A dump's container facts are the container's when it was copied: its last death, not this one.
  const container = death === null ? first(ordered, (d) => d.container) : ofDeath(death);
  return {
    id: anchor.sha256.slice(0, 12),
    signature: teller?.signature ?? (death === null ? SNAPSHOT_ONLY_SIGNATURE : deathSignature(death)),
    diedAtMs: death?.diedAtMs ?? teller?.diedAtMs ?? Math.max(...dumps.map((d) => d.diedAtMs)),
    pid: first(ordered, (d) => d.pid),
    container,
    host: first(ordered, (d) => d.host),
    nodeVersion: first(ordered, (d) => d.nodeVersion),
    description: teller?.description ?? death?.description ?? null,
    dumps: [anchor, ...dumps.filter((d) => d !== anchor).sort(byTime)],
    death,
  };
}

/** The dumps of one death each, in time order. */
function deathsOfDumps(readable: readonly IndexedDump[]): IndexedDump[][] {
  const groups: IndexedDump[][] = [];
  const openByDeath = new Map<string, IndexedDump[]>();
  for (const dump of readable) {
    const key = deathKey(dump);
    const open = key === undefined ? undefined : openByDeath.get(key);
    const joins = open !== undefined && dump.diedAtMs - open[open.length - 1].diedAtMs <= MATCH_WINDOW_MS && !(ONE_PER_DEATH.has(dump.kind) && open.some((d) => d.kind === dump.kind));
    if (joins) {
      open.push(dump);
      continue;
    }
    const group = [dump];
    groups.push(group);
    if (key !== undefined) openByDeath.set(key, group);
  }
  return withPidless(groups);
}

/**
 * A container's dumps that name no process (a heap snapshot written under a name of the service's
 * choosing) join the first death of that container that follows them within the window: in a
 * container, what was written just before a death was written by the process that died.
 */
function withPidless(groups: IndexedDump[][]): IndexedDump[][] {
  const kept: IndexedDump[][] = [];
  for (const group of groups) {
    const id = group[0].container?.id;
    const at = group[0].diedAtMs;
    const alone = group.length === 1 && group[0].pid === null && id !== undefined;
    const into = !alone ? undefined : groups.find((g) => g !== group && g[0].pid !== null && g[0].container?.id === id && g[0].diedAtMs >= at && g[0].diedAtMs - at <= MATCH_WINDOW_MS && !(ONE_PER_DEATH.has(group[0].kind) && g.some((d) => d.kind === group[0].kind)));
    if (into === undefined) kept.push(group);
    else into.push(group[0]);
  }
  return kept;
}

/** Each death record with the dumps it ends (none for a death that left no dump). */
function withDeaths(groups: IndexedDump[][], deaths: readonly IndexedDump[]): Array<{ dumps: IndexedDump[]; death: IndexedDump | null }> {
  type Pairing = { dumps: IndexedDump[]; death: IndexedDump | null; lastMs: number };
  const crashes: Pairing[] = groups.map((dumps) => ({ dumps, death: null, lastMs: Math.max(...dumps.map((d) => d.diedAtMs)) }));
  // Deaths only ever end crashes of their own container, in time order.
  const byContainer = new Map<string, Pairing[]>();
  for (const c of crashes) {
    const id = c.dumps[0].container?.id;
    if (id === undefined) continue;
    const list = byContainer.get(id);
    if (list === undefined) byContainer.set(id, [c]);
    else list.push(c);
  }
  const alone: Pairing[] = [];
  for (const death of deaths) {
    const candidates = death.container === null ? [] : (byContainer.get(death.container.id) ?? []);
    const ends = candidates.find((c) => c.death === null && c.lastMs <= death.diedAtMs + DEATH_SLACK_MS && death.diedAtMs - c.lastMs <= MATCH_WINDOW_MS);
    if (ends !== undefined) ends.death = death;
    else alone.push({ dumps: [], death, lastMs: death.diedAtMs });
  }
  return [...crashes, ...alone];
}

/** The crashes the readable dumps and death records make, newest first. */
export function groupCrashes(dumps: readonly IndexedDump[]): CrashRecord[] {
  // Two copies of one file (the same SHA-256) are one dump.
  const unique = new Map<string, IndexedDump>();
  for (const d of [...dumps].sort(byTime)) if (d.error === null && !unique.has(d.sha256)) unique.set(d.sha256, d);
  const readable = [...unique.values()];
  const groups = deathsOfDumps(readable.filter((d) => d.kind !== 'death'));
  return withDeaths(
    groups,
    readable.filter((d) => d.kind === 'death'),
  )
    .map(({ dumps: members, death }) => crashOf(members, death))
    .sort((a, b) => b.diedAtMs - a.diedAtMs || (a.id < b.id ? -1 : 1));
}
