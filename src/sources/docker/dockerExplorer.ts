// Every container of an endpoint with the dumps found in it: the data behind the Dumps view's
// Docker part and `salvage ls --docker`. Containers are explored a few at a time: the engine
// serialises archive requests per container (its container lock), so parallelism only pays across
// containers, and more than a few only queues up in the daemon.

import { type ContainerDumps, type DiscoveryOptions, findContainerDumps } from './containerDumps';
import { type ContainerDetails, type ContainerSummary, DockerClient } from './dockerClient';
import { DockerAccessError } from './dockerConnection';
import type { DockerEndpoint } from './dockerEndpoints';

export interface ExploredContainer extends ContainerDumps {
  container: ContainerDetails;
  /** Why this container's dumps could not be listed (its layer is gone, the engine refused). */
  error?: string;
}

export interface EndpointListing {
  endpoint: DockerEndpoint;
  containers: ExploredContainer[];
  /** Why the endpoint could not be listed at all (not running, permission denied, ...). */
  error?: DockerAccessError;
}

/** Containers explored at once; measured on a 2-core machine, more only lengthened the daemon's queue. */
export const EXPLORE_CONCURRENCY = 4;

export interface ExploreOptions extends DiscoveryOptions {
  /**
   * Called as each container is explored, with those explored so far (in the order they finished)
   * and how many there are: a first listing can be shown while it fills in.
   */
  onExplored?: (explored: readonly ExploredContainer[], total: number) => void;
}

/** Maps `items` through `work`, at most `limit` at a time, keeping their order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** One container's details and dumps; undefined when it was removed meanwhile. */
export async function exploreContainer(client: DockerClient, container: string, options: DiscoveryOptions = {}): Promise<ExploredContainer | undefined> {
  let details: ContainerDetails;
  try {
    details = await client.inspect(container, options.signal);
  } catch (error) {
    if (error instanceof DockerAccessError && error.reason === 'notFound') return undefined;
    throw error;
  }
  if (details.state === 'removing') return undefined;
  try {
    return { container: details, ...(await findContainerDumps(client, details, options)) };
  } catch (error) {
    if (error instanceof DockerAccessError && error.reason === 'notFound') return undefined;
    // One container the engine cannot read (a dead one whose layer is gone) must not hide the others.
    if (error instanceof DockerAccessError && error.reason === 'engine') {
      const why = details.state === 'dead' ? `a dead container (its removal failed part-way) whose files the engine cannot read: ${error.message}` : error.message;
      return { container: details, dumps: [], notes: [], error: why };
    }
    throw error;
  }
}

/** Every container of the endpoint (running and stopped) with its dumps; failures become `error`. */
export async function exploreEndpoint(endpoint: DockerEndpoint, options: ExploreOptions = {}): Promise<EndpointListing> {
  try {
    const client = await DockerClient.open(endpoint);
    const summaries: ContainerSummary[] = await client.listContainers(options.signal);
    const done: ExploredContainer[] = [];
    const explored = await mapLimit(summaries, EXPLORE_CONCURRENCY, async (s) => {
      const container = await exploreContainer(client, s.id, options);
      if (container !== undefined && options.onExplored !== undefined) {
        done.push(container);
        options.onExplored(done, summaries.length);
      }
      return container;
    });
    return { endpoint, containers: explored.filter((c): c is ExploredContainer => c !== undefined) };
  } catch (error) {
    if (error instanceof DockerAccessError) return { endpoint, containers: [], error };
    throw error;
  }
}
