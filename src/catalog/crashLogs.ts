// What a crashed container printed before it died, and what its compose neighbours printed in the
// same moments ("action in one container will often need to be associated with failures in
// another"), from the logs the store kept when it collected the container (storedLog.ts). A crash
// whose death the store recorded ends at that death; else a moment after its dumps were written
// (Node writes its report, then prints the error).

import type { ContainerLogLine } from '../sources/docker/containerLogs';
import { readStoredLogs, type StoredLog } from '../sources/storedLog';
import type { CrashRecord } from './crashGrouping';
import { COMPOSE_PROJECT_LABEL, COMPOSE_SERVICE_LABEL } from '../sources/docker/composeLabels';

/** Lines shown of the crashed container by default, as `docker logs --tail`. */
export const CRASH_LOG_LINES = 100;
/** The neighbours' lines shown are those of the last minute before the death. */
export const NEIGHBOUR_WINDOW_MS = 60_000;
/** A line stamped a moment after the death the engine saw is still the dying process's. */
const AFTER_DEATH_MS = 50;
/** Without a death record: how long after its dumps the process may still have been printing. */
const AFTER_DUMPS_MS = 2_000;

export interface CrashLog {
  container: { id: string; name: string; service: string | null };
  /** When the store read the log from the engine. */
  collectedAt: string;
  /** Oldest first. */
  lines: ContainerLogLine[];
}

export interface CrashLogs {
  /** The crashed container's last lines up to its death; null when the store has no log of it. */
  own: CrashLog | null;
  /** The other services of its compose project, their lines in the minute before its death. */
  neighbours: CrashLog[];
}

/** The last moment a line may have been written by the process that died. */
export function crashLogEnd(crash: CrashRecord): number {
  return crash.death === null ? crash.diedAtMs + AFTER_DUMPS_MS : crash.death.diedAtMs + AFTER_DEATH_MS;
}

function lineMs(line: ContainerLogLine): number {
  return Date.parse(line.time);
}

function logOf(log: StoredLog, lines: ContainerLogLine[]): CrashLog {
  return { container: { id: log.container.id, name: log.container.name, service: log.container.labels[COMPOSE_SERVICE_LABEL] ?? null }, collectedAt: log.collectedAt, lines };
}

/** The crash's own container's last `lines` lines before its death, and its compose neighbours' of the minute before. */
export async function crashLogs(storeDir: string, crash: CrashRecord, lines = CRASH_LOG_LINES): Promise<CrashLogs> {
  const id = crash.container?.id;
  if (id === undefined) return { own: null, neighbours: [] };
  const end = crashLogEnd(crash);
  const logs = await readStoredLogs(storeDir);
  const mine = logs.find((l) => l.container.id === id);
  const own = mine === undefined ? null : logOf(mine, mine.lines.filter((l) => !(lineMs(l) > end)).slice(-Math.max(0, lines)));
  const project = crash.container?.project ?? null;
  const neighbours =
    project === null
      ? []
      : logs
          .filter((l) => l.container.id !== id && l.container.labels[COMPOSE_PROJECT_LABEL] === project)
          .map((l) => logOf(l, l.lines.filter((line) => lineMs(line) <= end && lineMs(line) >= end - NEIGHBOUR_WINDOW_MS).slice(-Math.max(0, lines))))
          .filter((l) => l.lines.length > 0);
  return { own, neighbours };
}
