// What the service printed before it died, in the Debug Console beside its dump: a dump that came
// from a container (docker://, or a host:// core its handler caught from one) brings the container's last log lines, each on its own stream's
// colour, after one line saying whose they are and when the container ended. Read-only, and after
// the stop, so a slow or unreachable engine never holds up the session.

import { OutputEvent } from '@vscode/debugadapter';
import { errorMessage } from '../engine/errorMessage';
import { isDockerUri } from '../sources/dumpUri';
import { isHostUri } from '../sources/host/hostUri';

function ended(exitCode: number | undefined, finishedAtMs: number | undefined): string {
  if (exitCode === undefined || finishedAtMs === undefined) return 'still running';
  return `exited ${exitCode} at ${new Date(finishedAtMs).toISOString()}`;
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
    return [header, ...log.lines.map((l) => new OutputEvent(`${l.text}\n`, l.stream))];
  } catch (error) {
    return [new OutputEvent(`Salvage: the container's log could not be read: ${errorMessage(error)}\n`, 'console')];
  }
}
