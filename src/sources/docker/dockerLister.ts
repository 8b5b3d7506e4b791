// The dumps of every container of the chosen Docker endpoints, and then their changes: each
// endpoint's event stream (a container created, started, dead, renamed or destroyed: that one
// container is re-read, debounced), a slow poll as a backup for events missed while a stream was
// down, and a full listing after a stream reconnects. Classifications are cached in the dump store
// between runs, so a listing re-reads only files that changed.

import { errorMessage } from '../../engine/errorMessage';
import type { ListingError, SourceListing } from '../dump';
import type { DumpLister, ListOptions, ListSettings } from '../dumpSource';
import { storedCopy, storePathFor } from '../dumpStore';
import { DEFAULT_DUMP_PATHS, type SniffCache } from './containerDumps';
import { DockerClient } from './dockerClient';
import { type DockerEndpoint, endpointsFor } from './dockerEndpoints';
import { type EndpointListing, type ExploredContainer, exploreContainer, exploreEndpoint } from './dockerExplorer';
import { DOCKER_SOURCE, endpointPlace, endpointPlaceId } from './dockerPlaces';
import { loadSniffCache, saveSniffCache } from './sniffCacheFile';

/** How often a first listing that is filling in is shown again. */
const PARTIAL_UPDATE_MS = 250;
/** The backup poll: events are the real trigger, so this can be slow. */
const POLL_MS = 60_000;
const EVENT_DEBOUNCE_MS = 400;
const RETRY_FIRST_MS = 2_000;
const RETRY_MAX_MS = 60_000;
/** Events are asked for from a little before a listing began, in case the engine's clock is behind ours. */
const CLOCK_SLACK_MS = 5_000;

type Exploring = { done: number; total: number };

export class DockerLister implements DumpLister {
  private listings: EndpointListing[] = [];
  private exploring = new Map<string, Exploring>();
  /** Store copies present, by `containerId:path`. */
  private copies = new Map<string, string>();
  private cache: SniffCache | undefined;
  private listedSinceMs = 0;
  /** Listings and container updates, one at a time. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly settings: ListSettings) {}

  private get dumpPaths(): string[] {
    return this.settings.containerDumpPaths ?? DEFAULT_DUMP_PATHS;
  }

  private endpoints(): Promise<DockerEndpoint[]> {
    const { docker } = this.settings;
    return docker === 'off' ? Promise.resolve([]) : endpointsFor(docker);
  }

  /**
   * Whether a listing is worth showing. Browsing every endpoint ('all': the Dumps view), the
   * platform's default socket that the user never chose is only shown when something answers
   * there: people without Docker should not see "Cannot connect". Asked for by name, it always is.
   */
  private shown(listing: EndpointListing): boolean {
    return this.settings.docker !== 'all' || listing.endpoint.explicit || listing.error?.reason !== 'unreachable';
  }

  private listing(): SourceListing {
    const context = { nowMs: Date.now(), localCopy: (c: { id: string }, file: string) => this.copies.get(`${c.id}:${file}`) };
    const errors: ListingError[] = this.listings.flatMap((l) => (l.error === undefined ? [] : [{ place: endpointPlaceId(l.endpoint), message: l.error.message, facts: { context: l.endpoint.name, host: l.endpoint.host } }]));
    return { source: DOCKER_SOURCE, places: this.listings.map((l) => endpointPlace(l, context, this.exploring.get(l.endpoint.host))), errors };
  }

  list(options: ListOptions = {}): Promise<SourceListing> {
    const run = this.queue.then(() => this.listNow(options));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * An endpoint listed for the first time fills in as its containers are explored (a first listing
   * reads the head of every candidate file: an archive request, ~45 ms of engine CPU, per
   * container); one listed before keeps its listing until the new one is complete.
   */
  private async listNow(options: ListOptions): Promise<SourceListing> {
    const endpoints = await this.endpoints();
    this.listedSinceMs = Date.now() - CLOCK_SLACK_MS;
    this.cache ??= await loadSniffCache(this.settings.storeDir);
    const cache = this.cache;
    const before = new Map(this.listings.map((l) => [l.endpoint.host, l]));
    const partial = new Map<string, EndpointListing>();
    let timer: NodeJS.Timeout | undefined;
    const showPartial = () => {
      this.listings = endpoints.flatMap((e) => before.get(e.host) ?? partial.get(e.host) ?? []);
      options.onPartial?.(this.listing());
    };
    const reporter = (endpoint: DockerEndpoint) =>
      before.has(endpoint.host) || options.onPartial === undefined
        ? undefined
        : (explored: readonly ExploredContainer[], total: number) => {
            partial.set(endpoint.host, { endpoint, containers: [...explored] });
            this.exploring.set(endpoint.host, { done: explored.length, total });
            timer ??= setTimeout(() => {
              timer = undefined;
              showPartial();
            }, PARTIAL_UPDATE_MS);
          };
    const listings = await Promise.all(endpoints.map((endpoint) => exploreEndpoint(endpoint, { dumpPaths: this.dumpPaths, cache, signal: options.signal, onExplored: reporter(endpoint) })));
    clearTimeout(timer);
    this.exploring.clear();
    // A store that cannot be written (read-only home) only costs speed next time.
    await saveSniffCache(this.settings.storeDir, cache).catch(() => undefined);
    this.listings = listings.filter((l) => this.shown(l));
    this.copies = new Map(await this.storeCopies(this.listings.flatMap((l) => l.containers)));
    return this.listing();
  }

  /** The store copies of these containers' dumps (one sidecar read per dump), as `containerId:path` → file. */
  private async storeCopies(containers: readonly ExploredContainer[]): Promise<Array<[string, string]>> {
    const found: Array<[string, string]> = [];
    for (const { container, dumps } of containers) {
      for (const dump of dumps) {
        const file = storePathFor(this.settings.storeDir, container, dump.path);
        if ((await storedCopy(file))?.container.id === container.id) found.push([`${container.id}:${dump.path}`, file]);
      }
    }
    return found;
  }

  /** Re-explores one container after an engine event (die, start, create, rename), or drops it (destroy). */
  private async updateContainer(endpoint: DockerEndpoint, containerId: string, destroyed: boolean): Promise<SourceListing | undefined> {
    const listing = this.listings.find((l) => l.endpoint.host === endpoint.host);
    if (listing === undefined) return undefined;
    const explored = destroyed ? undefined : await exploreContainer(await DockerClient.open(endpoint), containerId, { dumpPaths: this.dumpPaths, cache: this.cache });
    const others = listing.containers.filter((c) => c.container.id !== containerId);
    if (explored === undefined && others.length === listing.containers.length) return undefined;
    this.listings = this.listings.map((l) => (l === listing ? { ...l, containers: explored === undefined ? others : [...others, explored] } : l));
    // Only this container's copies can have changed: the others' sidecars are not read again.
    const copies = [...this.copies].filter(([key]) => !key.startsWith(`${containerId}:`));
    this.copies = new Map([...copies, ...(explored === undefined ? [] : await this.storeCopies([explored]))]);
    return this.listing();
  }

  watch(onChange: (listing: SourceListing) => void, onProblem: (message: string) => void): { dispose(): void } {
    const stop = new AbortController();
    const timers = new Map<string, NodeJS.Timeout>();
    const relist = (why: string) =>
      void this.list()
        .then((l) => !stop.signal.aborted && onChange(l))
        .catch((error: unknown) => onProblem(`Docker listing (${why}) failed: ${errorMessage(error)}`));
    const onEvent = (endpoint: DockerEndpoint, containerId: string, destroyed: boolean) => {
      const key = `${endpoint.host}\n${containerId}`;
      clearTimeout(timers.get(key));
      timers.set(
        key,
        setTimeout(() => {
          timers.delete(key);
          const run = this.queue.then(() => this.updateContainer(endpoint, containerId, destroyed));
          this.queue = run.catch(() => undefined);
          run.then((l) => l !== undefined && !stop.signal.aborted && onChange(l)).catch((error: unknown) => onProblem(`Docker container ${containerId.slice(0, 12)}: ${errorMessage(error)}`));
        }, EVENT_DEBOUNCE_MS),
      );
    };
    // Follow what is shown: an endpoint that cannot be reached is left to the poll.
    for (const l of this.listings.filter((x) => x.error === undefined)) void this.follow(l.endpoint, this.listedSinceMs, stop.signal, onEvent, relist, onProblem);
    const poll = setInterval(() => relist('poll'), POLL_MS);
    return {
      dispose: () => {
        stop.abort();
        clearInterval(poll);
        for (const t of timers.values()) clearTimeout(t);
      },
    };
  }

  /** Follows one endpoint's events until aborted, reconnecting with a growing delay. */
  private async follow(endpoint: DockerEndpoint, sinceMs: number, signal: AbortSignal, onEvent: (endpoint: DockerEndpoint, containerId: string, destroyed: boolean) => void, relist: (why: string) => void, onProblem: (message: string) => void): Promise<void> {
    let delay = RETRY_FIRST_MS;
    let reconnecting = false;
    while (!signal.aborted) {
      try {
        const client = await DockerClient.open(endpoint);
        const events = client.events(signal, reconnecting ? undefined : sinceMs);
        // Events that happened while the stream was down are lost: catch up once it is back.
        if (reconnecting) relist('reconnect');
        for await (const event of events) {
          delay = RETRY_FIRST_MS;
          onEvent(endpoint, event.containerId, event.action === 'destroy');
        }
      } catch (error) {
        if (signal.aborted) return;
        onProblem(`Docker events from ${endpoint.host} stopped: ${errorMessage(error)}; retrying in ${delay / 1000} s`);
      }
      reconnecting = true;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, RETRY_MAX_MS);
    }
  }
}
