// A container's last log lines before its death, as the Engine API's logs endpoint gives them
// (read-only; any log driver the engine can read back: json-file, local, journald): what the
// service printed just before the crash, shown beside its dumps. Without a TTY the engine
// multiplexes stdout and stderr into frames — a stream byte, three zero bytes, a big-endian size,
// the payload — and with timestamps each line starts with its RFC 3339 time and a space.

import { containerName, isDockerUri, parseDockerUri } from '../dumpUri';
import { isHostUri } from '../host/hostUri';
import { type ContainerDetails, DockerClient } from './dockerClient';
import type { DockerEndpoint } from './dockerEndpoints';

/** Lines a crash view shows by default: enough for the lead-up, small enough to read. */
export const DEFAULT_LOG_LINES = 100;
/** The most asked for at once: the engine sends them in one response. */
export const MAX_LOG_LINES = 10_000;
const STREAMS = ['stdin', 'stdout', 'stderr'] as const;

export interface ContainerLogLine {
  stream: 'stdout' | 'stderr';
  /** When the engine received it (RFC 3339, nanoseconds). */
  time: string;
  /** The line as the service wrote it, without its newline. */
  text: string;
}

function isMultiplexed(bytes: Buffer): boolean {
  return bytes.length >= 8 && bytes[0] <= 2 && bytes[1] === 0 && bytes[2] === 0 && bytes[3] === 0;
}

/** Each frame's payload and its stream; a TTY container's log is one stream, stdout. */
function payloads(bytes: Buffer): Array<{ stream: 'stdout' | 'stderr'; payload: Buffer }> {
  if (!isMultiplexed(bytes)) return [{ stream: 'stdout', payload: bytes }];
  const out: Array<{ stream: 'stdout' | 'stderr'; payload: Buffer }> = [];
  for (let offset = 0; offset + 8 <= bytes.length;) {
    const size = bytes.readUInt32BE(offset + 4);
    const stream = STREAMS[bytes[offset]] === 'stderr' ? 'stderr' : 'stdout';
    out.push({ stream, payload: bytes.subarray(offset + 8, Math.min(bytes.length, offset + 8 + size)) });
    offset += 8 + size;
  }
  return out;
}

/** The log's lines, oldest first, from the engine's response with timestamps. */
export function parseContainerLog(bytes: Buffer): ContainerLogLine[] {
  const lines: ContainerLogLine[] = [];
  for (const { stream, payload } of payloads(bytes)) {
    const text = payload.toString('utf8');
    for (const line of text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n')) {
      const space = line.indexOf(' ');
      const stamped = space > 0 && /^\d{4}-\d\d-\d\dT/.test(line);
      lines.push({ stream, time: stamped ? line.slice(0, space) : '', text: stamped ? line.slice(space + 1) : line });
    }
  }
  return lines;
}

/** The container's last `tail` lines (of both streams), oldest first. */
export async function containerLogTail(client: DockerClient, container: string, tail = DEFAULT_LOG_LINES, signal?: AbortSignal): Promise<ContainerLogLine[]> {
  return parseContainerLog(await client.logs(container, Math.min(Math.max(1, Math.floor(tail)), MAX_LOG_LINES), signal));
}

/** A host core of no container the engines know: it has no log to show. */
export class NoContainerError extends Error {}

export interface ContainerLog {
  endpoint: DockerEndpoint;
  container: ContainerDetails;
  lines: ContainerLogLine[];
}

/** The log of a container named, of the one a dump's docker:// location is in, or of the one a host:// core came from. */
export async function containerLogOf(given: string, options: { context?: string; tail?: number; signal?: AbortSignal } = {}): Promise<ContainerLog> {
  if (isHostUri(given)) {
    const { hostCoreContainer } = await import('../host/hostSource');
    const link = await hostCoreContainer(given, options.signal);
    if (link === undefined) throw new NoContainerError(`${given}: this core is of no container the engines know (a host process, or a removed container): it has no container log`);
    const client = await DockerClient.open(link.endpoint);
    return { endpoint: link.endpoint, container: link.container, lines: await containerLogTail(client, link.container.id, options.tail, options.signal) };
  }
  const uri = isDockerUri(given) ? parseDockerUri(given) : undefined;
  const { resolveContainer } = await import('./dockerDownload');
  const { client, endpoint, details } = await resolveContainer(uri?.container ?? containerName(given), options.context ?? uri?.context, given);
  return { endpoint, container: details, lines: await containerLogTail(client, details.id, options.tail, options.signal) };
}
