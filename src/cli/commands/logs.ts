// `salvage logs <container|docker://CONTAINER/path|host://…> [--context NAME] [--tail N] [--json]`:
// the last lines a container logged — what the service printed before it died — read through the
// Engine API, never changing the container. A dump's docker:// location, or a host:// core the
// host's handler caught, names the container it came from.

import { containerLogOf, DEFAULT_LOG_LINES, MAX_LOG_LINES } from '../../sources/docker/containerLogs';
import { parseArgs, UsageError } from '../args';
import type { Output } from '../output';

const USAGE = `usage: salvage logs <container|docker://CONTAINER/path|host://…> [--context NAME] [--tail N] [--json]   (N up to ${MAX_LOG_LINES}, default ${DEFAULT_LOG_LINES})`;

export async function logsCommand(argv: string[], out: Output): Promise<number> {
  const args = parseArgs(argv, { flags: ['json'], options: ['context', 'tail'] });
  if (args.positionals.length !== 1) throw new UsageError(USAGE);
  const tail = Number(args.options.get('tail')?.at(-1) ?? DEFAULT_LOG_LINES);
  if (!Number.isInteger(tail) || tail < 1 || tail > MAX_LOG_LINES) throw new UsageError(`--tail wants a whole number from 1 to ${MAX_LOG_LINES}\n${USAGE}`);
  const { endpoint, container: details, lines } = await containerLogOf(args.positionals[0], { context: args.options.get('context')?.at(-1), tail });
  if (args.flags.has('json')) out.json({ context: endpoint.name, container: { id: details.id, name: details.name, state: details.state, exitCode: details.exitCode ?? null, finishedAt: details.finishedAtMs === undefined ? null : new Date(details.finishedAtMs).toISOString() }, lines });
  else for (const line of lines) out.line(`${line.time} ${line.stream === 'stderr' ? 'err' : 'out'} ${line.text}`);
  return 0;
}
