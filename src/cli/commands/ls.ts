// `salvage ls [DIR]... [--docker] [--context NAME]... [--all-contexts] [--depth N] [--json]`: the
// dumps found by content in local folders and in Docker containers, running or stopped — the same
// search the Dumps view runs. Without DIR and without --docker it lists the current folder.

import { formatBytes } from '../../engine/format';
import type { ContainerDump } from '../../sources/docker/containerDumps';
import { currentEndpoint, type DockerEndpoint, endpointForContext, listEndpoints } from '../../sources/docker/dockerEndpoints';
import { type EndpointListing, type ExploredContainer, exploreEndpoint } from '../../sources/docker/dockerExplorer';
import { exitStatus } from '../../sources/docker/exitStatus';
import { loadSniffCache, saveSniffCache } from '../../sources/docker/sniffCacheFile';
import { defaultStoreDir } from '../../sources/dumpStore';
import { formatDockerUri } from '../../sources/dumpUri';
import { findDumps, type FoundDump } from '../../sources/local/findDumps';
import { parseArgs, UsageError } from '../args';
import type { Output } from '../output';

const USAGE = 'usage: salvage ls [DIR]... [--docker] [--context NAME]... [--all-contexts] [--depth N] [--json]';
const COMPOSE_PROJECT = 'com.docker.compose.project';

/** One dump in `salvage ls --json` (documented in the README). */
export interface ListedDump {
  /** A local path, or a docker:// URI accepted by every other verb. */
  location: string;
  source: 'local' | 'docker';
  kind: string;
  size: number;
  mtime: string;
  docker?: {
    context: string;
    host: string;
    path: string;
    foundBy: string;
    container: { id: string; name: string; image: string; state: string; exitCode: number | null; signal: string | null; oomKilled: boolean; finishedAt: string | null; composeProject: string | null };
  };
}

export function dockerDumpUri(endpoint: DockerEndpoint, container: string, path: string): string {
  return formatDockerUri({ container, path, context: endpoint.current ? undefined : endpoint.name });
}

function localItem(dump: FoundDump): ListedDump {
  return { location: dump.path, source: 'local', kind: dump.kind, size: dump.size, mtime: new Date(dump.mtimeMs).toISOString() };
}

function dockerItem(endpoint: DockerEndpoint, explored: ExploredContainer, dump: ContainerDump): ListedDump {
  const c = explored.container;
  const status = exitStatus(c);
  return {
    location: dockerDumpUri(endpoint, c.name, dump.path),
    source: 'docker',
    kind: dump.kind,
    size: dump.size,
    mtime: new Date(dump.mtimeMs).toISOString(),
    docker: {
      context: endpoint.name,
      host: endpoint.host,
      path: dump.path,
      foundBy: dump.foundBy,
      container: {
        id: c.id,
        name: c.name,
        image: c.image,
        state: c.state,
        exitCode: status.exitCode ?? null,
        signal: status.signal ?? null,
        oomKilled: c.oomKilled,
        finishedAt: c.finishedAtMs === undefined ? null : new Date(c.finishedAtMs).toISOString(),
        composeProject: c.labels[COMPOSE_PROJECT] ?? null,
      },
    },
  };
}

async function endpointsFor(contexts: string[] | undefined, all: boolean): Promise<DockerEndpoint[]> {
  if (all) return listEndpoints();
  if (contexts !== undefined) return Promise.all(contexts.map((c) => endpointForContext(c)));
  return [await currentEndpoint()];
}

/** Every endpoint's containers and dumps, reusing (and then saving) what earlier runs classified. */
async function listDocker(endpoints: DockerEndpoint[]): Promise<EndpointListing[]> {
  const store = defaultStoreDir();
  const cache = await loadSniffCache(store);
  const listings = await Promise.all(endpoints.map((e) => exploreEndpoint(e, { cache })));
  // A store that cannot be written (read-only home) only costs speed next time.
  await saveSniffCache(store, cache).catch(() => undefined);
  return listings;
}

function dumpLine(d: ListedDump): string {
  return `    ${d.kind.padEnd(12)} ${formatBytes(d.size).padStart(10)}  ${d.mtime.slice(0, 16).replace('T', ' ')}  ${d.location}`;
}

function printListing(local: Array<{ folder: string; dumps: FoundDump[] }>, docker: EndpointListing[], out: Output): void {
  for (const { folder, dumps } of local) {
    out.line(`${folder}: ${dumps.length === 0 ? 'no dumps' : ''}`.trimEnd());
    for (const d of dumps) out.line(dumpLine(localItem(d)));
  }
  for (const listing of docker) {
    const withDumps = listing.containers.filter((c) => c.dumps.length > 0);
    out.line(`docker ${listing.endpoint.name} (${listing.endpoint.host}): ${listing.containers.length} containers, ${withDumps.length} with dumps`);
    // A container that could not be read (a dead one whose layer is half removed) is shown with why.
    for (const explored of listing.containers.filter((c) => c.dumps.length > 0 || c.error !== undefined)) {
      const c = explored.container;
      const project = c.labels[COMPOSE_PROJECT];
      out.line(`  ${project === undefined ? '' : `${project}/`}${c.name}  ${exitStatus(c).text}  ${c.image}`);
      for (const d of explored.dumps) out.line(dumpLine(dockerItem(listing.endpoint, explored, d)));
      if (explored.error !== undefined) out.line(`    cannot read its files: ${explored.error}`);
    }
  }
}

export async function lsCommand(argv: string[], out: Output): Promise<number> {
  const args = parseArgs(argv, { flags: ['json', 'docker', 'all-contexts'], options: ['context', 'depth'] });
  const depth = Number(args.options.get('depth')?.at(-1) ?? 3);
  if (!Number.isInteger(depth) || depth < 0 || depth > 16) throw new UsageError(`--depth wants a whole number from 0 to 16\n${USAGE}`);
  const contexts = args.options.get('context');
  const wantDocker = args.flags.has('docker') || args.flags.has('all-contexts') || contexts !== undefined;
  const folders = args.positionals.length === 0 && !wantDocker ? ['.'] : args.positionals;
  const local = await Promise.all(folders.map(async (folder) => ({ folder, dumps: await findDumps(folder, { depth }) })));
  const explored = wantDocker ? await listDocker(await endpointsFor(contexts, args.flags.has('all-contexts'))) : [];
  // The platform's default socket, never chosen by the user, is only worth an error when it exists.
  const docker = explored.filter((l) => l.endpoint.explicit || l.endpoint.current || l.error?.reason !== 'unreachable');
  const errors = docker.filter((l) => l.error !== undefined);
  if (args.flags.has('json')) {
    const dumps = [...local.flatMap((l) => l.dumps.map(localItem)), ...docker.flatMap((l) => l.containers.flatMap((c) => c.dumps.map((d) => dockerItem(l.endpoint, c, d))))];
    const unreadable = docker.flatMap((l) => l.containers.filter((c) => c.error !== undefined).map((c) => ({ context: l.endpoint.name, host: l.endpoint.host, container: c.container.name, message: c.error })));
    out.json({ dumps, errors: [...errors.map((l) => ({ context: l.endpoint.name, host: l.endpoint.host, message: l.error?.message })), ...unreadable] });
  } else {
    printListing(local, docker.filter((l) => l.error === undefined), out);
  }
  for (const l of errors) out.error(l.error?.message ?? 'unknown error');
  return errors.length > 0 ? 1 : 0;
}
