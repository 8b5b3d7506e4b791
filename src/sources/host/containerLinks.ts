// Which container a core caught by a host's handler came from. Where the journal gave the control
// group the process ran in, the container's id says it outright. Else the handler records the host name
// of the crashed process's UTS namespace: a container's own, by default its id's first 12 hex
// digits, or what `--hostname` set. Several containers may share a name (one restarted, compose
// replicas with a fixed hostname): the one alive when the process died wins, then the one that
// ended closest to it. Only the engines of the store's host are asked: for this machine's store its
// unix or npipe sockets, for an ssh host's store that ssh endpoint; another host's containers
// cannot have crashed there.

import { errorMessage } from '../../engine/errorMessage';
import type { ContainerDetails } from '../docker/dockerClient';
import type { DockerEndpoint } from '../docker/dockerEndpoints';
import type { ListSettings } from '../dumpSource';
import type { HostCore } from './hostCore';

/** Inspecting is one request per container: past this many, cores are matched by id prefix only. */
const MAX_INSPECTED = 300;
/** A core is written as the process dies; the engine notes the container's end a moment later. */
const END_SLACK_MS = 60_000;

export interface HostContainers {
  endpoint: DockerEndpoint;
  containers: ContainerDetails[];
}

export interface ContainerLink {
  endpoint: DockerEndpoint;
  container: ContainerDetails;
}

/** This host's engines among those the setting names. */
export async function localEndpoints(docker: ListSettings['docker']): Promise<DockerEndpoint[]> {
  const { endpointsFor, isLocalEndpoint } = await import('../docker/dockerEndpoints');
  return docker === 'off' ? [] : (await endpointsFor(docker)).filter(isLocalEndpoint);
}

/** The containers of these engines, inspected; an engine that cannot be reached is a problem, not a failure. */
export async function containersOf(endpoints: readonly DockerEndpoint[], problems: string[], signal?: AbortSignal): Promise<HostContainers[]> {
  const { DockerClient } = await import('../docker/dockerClient');
  const found: HostContainers[] = [];
  for (const endpoint of endpoints) {
    try {
      const client = await DockerClient.open(endpoint);
      const listed = await client.listContainers(signal);
      const containers = await Promise.all(listed.slice(0, MAX_INSPECTED).map((c) => client.inspect(c.id, signal).catch(() => undefined)));
      found.push({ endpoint, containers: containers.filter((c): c is ContainerDetails => c !== undefined) });
    } catch (error) {
      problems.push(`containers of ${endpoint.name} (${endpoint.host}) could not be listed, so cores are not tied to them: ${errorMessage(error)}`);
    }
  }
  return found;
}

/** The containers of this host's engines among those the setting names. */
export async function hostContainers(docker: ListSettings['docker'], problems: string[], signal?: AbortSignal): Promise<HostContainers[]> {
  const endpoints = await localEndpoints(docker).catch((error: unknown) => {
    problems.push(`cores are not tied to containers: ${errorMessage(error)}`);
    return [];
  });
  return containersOf(endpoints, problems, signal);
}

function distance(core: HostCore, c: ContainerDetails): number {
  const started = c.startedAtMs ?? -Infinity;
  const ended = c.finishedAtMs === undefined || c.state === 'running' ? Infinity : c.finishedAtMs + END_SLACK_MS;
  if (core.timeMs >= started && core.timeMs <= ended) return 0;
  return Math.min(Math.abs(core.timeMs - started), Math.abs(core.timeMs - (c.finishedAtMs ?? started)));
}

/** The container `core` came from, or undefined when it belongs to none known (a host process, a removed container). */
export function containerOf(core: HostCore, engines: readonly HostContainers[]): ContainerLink | undefined {
  if (core.containerId !== undefined) {
    for (const { endpoint, containers } of engines) {
      const container = containers.find((c) => c.id === core.containerId);
      if (container !== undefined) return { endpoint, container };
    }
  }
  const hostname = core.hostname;
  if (hostname === undefined || hostname === '') return undefined;
  const candidates = engines.flatMap(({ endpoint, containers }) => containers.filter((c) => c.hostname === hostname).map((container) => ({ endpoint, container })));
  return candidates.sort((a, b) => distance(core, a.container) - distance(core, b.container))[0];
}
