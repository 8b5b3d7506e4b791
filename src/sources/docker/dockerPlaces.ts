// A Docker endpoint's listing as places and dumps (dump.ts): endpoint → compose project → container
// → dumps, each with the words and icon a list shows. Pure functions of the data, so `salvage ls`
// and the Dumps view say the same things and tests read them directly.

import * as path from 'path';
import { formatAge } from '../../engine/format';
import type { Dump, DumpPlace, IconSpec } from '../dump';
import { formatDockerUri } from '../dumpUri';
import type { ContainerDump } from './containerDumps';
import type { EndpointListing, ExploredContainer } from './dockerExplorer';
import type { DockerEndpoint } from './dockerEndpoints';
import { exitStatus } from './exitStatus';
import { COMPOSE_PROJECT_LABEL } from './composeLabels';

export const DOCKER_SOURCE = 'docker';

type Container = ExploredContainer['container'];

/** The docker:// URI of a container's dump: the context is named unless it is the current one. */
function dockerDumpUri(endpoint: DockerEndpoint, container: string, file: string): string {
  return formatDockerUri({ container, path: file, context: endpoint.current ? undefined : endpoint.name });
}

/** Did it end badly? Such containers are listed even without dumps: their absence is news too. */
function endedBadly(c: Container): boolean {
  const status = exitStatus(c);
  return c.state === 'dead' || status.oomKilled || (status.exitCode ?? 0) !== 0;
}

/** One icon per container state; a crash (non-zero exit, signal, OOM, dead) stands out in red. */
function containerIcon(c: Container): IconSpec {
  if (c.state === 'running') return { id: 'vm-running', color: 'charts.green' };
  if (c.state === 'paused') return { id: 'debug-pause', color: 'charts.yellow' };
  if (c.state === 'restarting') return { id: 'sync', color: 'charts.yellow' };
  if (endedBadly(c)) return { id: 'vm-outline', color: 'errorForeground' };
  return { id: 'vm-outline' };
}

/** "exited 133 (SIGTRAP) · node-mini · 5 min ago" */
function containerDescription(c: Container, nowMs: number): string {
  const parts = [exitStatus(c).text, c.image];
  const when = c.state === 'running' ? c.startedAtMs : (c.finishedAtMs ?? c.createdMs);
  if (when !== undefined && !Number.isNaN(when)) parts.push(formatAge(when, nowMs));
  return parts.join(' · ');
}

function containerTooltipLines(explored: ExploredContainer): string[] {
  const c = explored.container;
  const status = exitStatus(c);
  const lines = [`**${c.name}** — ${status.text}`, '', `image \`${c.image}\`, id \`${c.id.slice(0, 12)}\``];
  if (c.finishedAtMs !== undefined) lines.push(`finished ${new Date(c.finishedAtMs).toISOString()}`);
  if (status.oomKilled) lines.push('killed by the kernel for using too much memory (OOMKilled)');
  if (c.error !== undefined) lines.push(`engine error: ${c.error}`);
  const project = c.labels[COMPOSE_PROJECT_LABEL];
  if (project !== undefined) lines.push(`compose project \`${project}\``);
  for (const note of explored.notes) lines.push(`- ${note}`);
  return lines;
}

const FOUND_BY: Record<ContainerDump['foundBy'], string> = {
  changes: 'a file added in the container',
  path: 'in a dump path (salvage.containerDumpPaths)',
  label: 'named by the salvage.dumps label',
  mount: 'in a volume or bind mount',
};

/** What `salvage ls --json` says of a container (documented in the README). */
function containerFacts(c: Container): Record<string, unknown> {
  const status = exitStatus(c);
  return {
    id: c.id,
    name: c.name,
    image: c.image,
    state: c.state,
    exitCode: status.exitCode ?? null,
    signal: status.signal ?? null,
    oomKilled: c.oomKilled,
    finishedAt: c.finishedAtMs === undefined ? null : new Date(c.finishedAtMs).toISOString(),
    composeProject: c.labels[COMPOSE_PROJECT_LABEL] ?? null,
  };
}

function containerDump(endpoint: DockerEndpoint, explored: ExploredContainer, dump: ContainerDump, localCopy: string | undefined): Dump {
  const c = explored.container;
  const details = [`found ${FOUND_BY[dump.foundBy]} of container \`${c.name}\``];
  if (localCopy !== undefined) details.push(`downloaded to \`${localCopy}\``);
  return {
    kind: dump.kind,
    size: dump.size,
    mtimeMs: dump.mtimeMs,
    location: dockerDumpUri(endpoint, c.name, dump.path),
    source: DOCKER_SOURCE,
    label: path.posix.basename(dump.path),
    localCopy,
    facts: { context: endpoint.name, host: endpoint.host, path: dump.path, foundBy: dump.foundBy, container: containerFacts(c) },
    details,
  };
}

/** Which containers are listed (dumps, or a bad end, or unreadable), newest first. */
function shownContainers(containers: readonly ExploredContainer[]): ExploredContainer[] {
  const recent = (c: ExploredContainer) => c.container.finishedAtMs ?? c.container.startedAtMs ?? c.container.createdMs;
  return containers.filter((c) => c.dumps.length > 0 || endedBadly(c.container) || c.error !== undefined).sort((a, b) => recent(b) - recent(a));
}

interface PlaceContext {
  nowMs: number;
  /** The store copy of a container's dump, when one was downloaded. */
  localCopy(container: Container, file: string): string | undefined;
}

/** A container's place: another source's dumps of it (its cores a host's handler caught) join it by this id. */
export function containerPlaceId(containerId: string): string {
  return `container:${containerId}`;
}

function containerPlace(endpoint: DockerEndpoint, explored: ExploredContainer, context: PlaceContext): DumpPlace {
  const c = explored.container;
  return {
    id: containerPlaceId(c.id),
    role: 'container',
    label: c.name,
    description: containerDescription(c, context.nowMs),
    icon: containerIcon(c),
    details: containerTooltipLines(explored),
    expanded: explored.dumps.length > 0,
    dumps: explored.dumps.map((d) => containerDump(endpoint, explored, d, context.localCopy(c, d.path))),
    places: [],
    error: explored.error,
    empty: 'No dumps found',
    facts: { context: endpoint.name, host: endpoint.host, container: c.name },
  };
}

/** Compose projects by name (sorted) first, then the containers outside any. */
function containerPlaces(endpoint: DockerEndpoint, containers: readonly ExploredContainer[], context: PlaceContext): DumpPlace[] {
  const byProject = new Map<string, ExploredContainer[]>();
  const loose: ExploredContainer[] = [];
  for (const c of shownContainers(containers)) {
    const project = c.container.labels[COMPOSE_PROJECT_LABEL];
    if (project === undefined) loose.push(c);
    else byProject.set(project, [...(byProject.get(project) ?? []), c]);
  }
  const projects = [...byProject.entries()].sort(([a], [b]) => a.localeCompare(b));
  return [
    ...projects.map(([project, list]): DumpPlace => ({
      id: `project:${endpoint.host}:${project}`,
      role: 'project',
      label: project,
      description: 'compose project',
      icon: { id: 'layers' },
      expanded: true,
      dumps: [],
      places: list.map((c) => containerPlace(endpoint, c, context)),
    })),
    ...loose.map((c) => containerPlace(endpoint, c, context)),
  ];
}

export function endpointPlaceId(endpoint: DockerEndpoint): string {
  return `docker:${endpoint.host}`;
}

/** One endpoint as a place; `exploring` while its first listing fills in. */
export function endpointPlace(listing: EndpointListing, context: PlaceContext, exploring?: { done: number; total: number }): DumpPlace {
  const { endpoint } = listing;
  const withDumps = listing.containers.filter((c) => c.dumps.length > 0).length;
  const counts = exploring === undefined ? `${withDumps} of ${listing.containers.length} containers with dumps` : `looking for dumps: ${exploring.done} of ${exploring.total} containers`;
  return {
    id: endpointPlaceId(endpoint),
    role: 'endpoint',
    label: `Docker: ${endpoint.name}`,
    description: listing.error === undefined ? `${endpoint.host} · ${counts}` : endpoint.host,
    icon: { id: listing.error === undefined ? 'server-environment' : 'debug-disconnect' },
    details: [`${endpoint.host}${endpoint.current ? ' (the current Docker context)' : ` (context ${endpoint.name})`}`],
    expanded: true,
    dumps: [],
    places: listing.error === undefined ? containerPlaces(endpoint, listing.containers, context) : [],
    error: listing.error?.message,
    empty: exploring === undefined ? 'No dumps found in any container' : 'Looking for dumps…',
    facts: { context: endpoint.name, host: endpoint.host },
  };
}
