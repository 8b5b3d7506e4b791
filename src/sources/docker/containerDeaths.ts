// When a container's process died of something, from what the engine still knows: the state of its
// last death (inspect: FinishedAt, ExitCode, OOMKilled) and, for the deaths before its restart
// policy started it again, the engine's events (`die` with its exit code, `oom` just before it,
// `kill`/`stop` when someone stopped it). A death is a crash unless it was asked for: exit 0, a
// stop (SIGTERM, SIGINT), or any end that a `docker kill`/`stop` came just before. An OOM kill is
// always a crash — it leaves no dump, so this record is all there is of it.

import { constants } from 'os';
import type { ContainerDetails, DockerEvent } from './dockerClient';
import { signalOfExitCode } from './exitStatus';

export interface ContainerDeath {
  atMs: number;
  exitCode: number;
  /** The signal that ended the process (exit codes above 128), by name. */
  signal: string | null;
  oomKilled: boolean;
}

/** Exit codes of a process that was told to stop and did. */
const ASKED_FOR = new Set([0, 128 + constants.signals.SIGTERM, 128 + constants.signals.SIGINT]);
/** An `oom` or a `kill` this close before a `die` belongs to it. */
const CAUSE_WINDOW_MS = 30_000;
/** Two records of one death (the state's FinishedAt and its die event, a death recorded before) are this close. */
export const SAME_DEATH_MS = 2_000;

interface Candidate {
  atMs: number;
  exitCode: number;
  oomKilled: boolean;
  stopped: boolean;
}

function fromEvents(events: readonly DockerEvent[]): Candidate[] {
  const candidates: Candidate[] = [];
  let since = -Infinity;
  for (const die of events.filter((e) => e.action === 'die').sort((a, b) => a.timeMs - b.timeMs)) {
    const before = events.filter((e) => e.timeMs > since && e.timeMs <= die.timeMs && die.timeMs - e.timeMs <= CAUSE_WINDOW_MS);
    const exitCode = Number(die.attributes.exitCode);
    candidates.push({
      atMs: die.timeMs,
      exitCode: Number.isInteger(exitCode) ? exitCode : -1,
      oomKilled: before.some((e) => e.action === 'oom'),
      stopped: before.some((e) => e.action === 'kill' || e.action === 'stop'),
    });
    since = die.timeMs;
  }
  return candidates;
}

/** The crashes among the container's deaths, oldest first; `events` are the engine's, of any container. */
export function containerDeaths(details: ContainerDetails, events: readonly DockerEvent[]): ContainerDeath[] {
  const candidates = fromEvents(events.filter((e) => e.containerId === details.id));
  const last = details.finishedAtMs;
  if (last !== undefined && details.exitCode !== undefined) {
    const known = candidates.find((c) => Math.abs(c.atMs - last) <= SAME_DEATH_MS);
    // The state is sure about an OOM kill; the events may have lost theirs.
    if (known !== undefined) known.oomKilled ||= details.oomKilled;
    else candidates.push({ atMs: last, exitCode: details.exitCode, oomKilled: details.oomKilled, stopped: false });
  }
  return candidates
    .filter((c) => c.oomKilled || (!c.stopped && !ASKED_FOR.has(c.exitCode)))
    .sort((a, b) => a.atMs - b.atMs)
    .map((c) => ({ atMs: c.atMs, exitCode: c.exitCode, signal: signalOfExitCode(c.exitCode) ?? null, oomKilled: c.oomKilled }));
}
