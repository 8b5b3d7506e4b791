// What the service printed before it died, in the Debug Console beside its dump: a dump that came
// from a container (docker://, or a host:// core its handler caught from one) brings the container's last log lines, each on its own stream's
// colour, after one line saying whose they are and when the container ended. Read-only, and after
// the stop, so a slow or unreachable engine never holds up the session. A crash of the catalog
// brings the lines the store kept (up to its death, and its compose neighbours' of the minute
// before), shown the same way and as a scope of every frame.

import { OutputEvent } from '@vscode/debugadapter';
import type { CrashLog, CrashLogs } from '../catalog/crashLogs';
import { errorMessage } from '../engine/errorMessage';
import type { Inspectable, InspectableScope } from '../engine/inspectable';
import type { ContainerLogLine } from '../sources/docker/containerLogs';
import { isDockerUri } from '../sources/dumpUri';
import { isHostUri } from '../sources/host/hostUri';

function ended(exitCode: number | undefined, finishedAtMs: number | undefined): string {
  if (exitCode === undefined || finishedAtMs === undefined) return 'still running';
  return `exited ${exitCode} at ${new Date(finishedAtMs).toISOString()}`;
}

function lineEvents(lines: readonly ContainerLogLine[]): OutputEvent[] {
  return lines.map((l) => new OutputEvent(`${l.text}\n`, l.stream));
}

function whose(log: CrashLog): string {
  return log.container.service === null ? `container ${log.container.name}` : `${log.container.service} (container ${log.container.name})`;
}

/** The console's lines for a crash of the catalog: its container's last lines, then each neighbour's. */
export function crashLogEvents(logs: CrashLogs): OutputEvent[] {
  if (logs.own === null) return [new OutputEvent("Salvage: the store has no log of this crash's container (`salvage index --docker` keeps one when it collects a container)\n", 'console')];
  const own = logs.own;
  const events = [new OutputEvent(`Salvage: the last ${own.lines.length} lines ${whose(own)} logged before it died (kept by the store at ${own.collectedAt}):\n`, 'console'), ...lineEvents(own.lines)];
  for (const n of logs.neighbours) events.push(new OutputEvent(`Salvage: what ${whose(n)} logged in the minute before:\n`, 'console'), ...lineEvents(n.lines));
  return events;
}

function lineItems(log: CrashLog): Inspectable[] {
  return log.lines.map((l, i): Inspectable => ({ name: `${String(i + 1).padStart(4)} ${l.time.slice(11, 23)}`, value: l.text, type: l.stream }));
}

/** The crash's log as a scope: its container's lines, then each compose neighbour's, expandable. */
export function crashLogScope(logs: CrashLogs): InspectableScope {
  const own = logs.own;
  return {
    name: own === null ? 'Container log: none kept' : `Container log: ${own.container.name} (last ${own.lines.length} lines)`,
    expensive: true,
    variables: () => [...(own === null ? [] : lineItems(own)), ...logs.neighbours.map((n): Inspectable => ({ name: whose(n), value: `${n.lines.length} lines in the minute before`, children: () => lineItems(n) }))],
  };
}

/** The console's lines for `dump`'s container (`lines` of them, default 100); none for a dump of no container, or for 0. */
export async function containerLogEvents(dump: string, lines?: number): Promise<OutputEvent[]> {
  if (!(isDockerUri(dump) || isHostUri(dump)) || lines === 0) return [];
  try {
    // Loaded for container dumps only: the Docker client is not needed otherwise.
    const { containerLogOf, DEFAULT_LOG_LINES, NoContainerError } = await import('../sources/docker/containerLogs');
    const log = await containerLogOf(dump, { tail: lines ?? DEFAULT_LOG_LINES }).catch((error: unknown) => {
      // A host process's core has no container, and so no log: nothing to say.
      if (error instanceof NoContainerError) return undefined;
      throw error;
    });
    if (log === undefined) return [];
    const c = log.container;
    const header = new OutputEvent(`Salvage: the last ${log.lines.length} lines container ${c.name} logged (${ended(c.exitCode, c.finishedAtMs)}; \`salvage logs ${c.name}\`):\n`, 'console');
    return [header, ...lineEvents(log.lines)];
  } catch (error) {
    return [new OutputEvent(`Salvage: the container's log could not be read: ${errorMessage(error)}\n`, 'console')];
  }
}
