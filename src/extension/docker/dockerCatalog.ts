// What the Docker part of the Dumps view shows, kept apart from how it is shown: per endpoint, its
// containers with their dumps (or why the endpoint cannot be reached). It changes only through
// refreshAll() (everything), refreshContainer() and removeContainer() (one container, from the
// event stream), and announces each change once.

import * as vscode from 'vscode';
import type { SniffCache } from '../../sources/docker/containerDumps';
import { DockerClient } from '../../sources/docker/dockerClient';
import type { DockerEndpoint } from '../../sources/docker/dockerEndpoints';
import { type ExploredContainer, exploreContainer, exploreEndpoint } from '../../sources/docker/dockerExplorer';
import { loadSniffCache, saveSniffCache } from '../../sources/docker/sniffCacheFile';
import { storedCopy, storePathFor } from '../../sources/dumpStore';

export interface EndpointState {
  endpoint: DockerEndpoint;
  containers: ExploredContainer[];
  /** Why the endpoint could not be listed, in one sentence. */
  error?: string;
  /** Set while its first listing fills in: containers explored so far, of how many. */
  exploring?: { done: number; total: number };
}

/** How often a first listing that is filling in updates the view. */
const PARTIAL_UPDATE_MS = 250;

export interface CatalogSettings {
  dumpPaths: string[];
  storeDir: string;
}

/** First listings shown while they fill in, at most every PARTIAL_UPDATE_MS. */
class PartialListings {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly states: EndpointState[],
    private readonly fire: () => void,
  ) {}

  /** A progress callback for `endpoint`, or none when it is already shown (its listing stays until replaced). */
  reporter(endpoint: DockerEndpoint): ((explored: readonly ExploredContainer[], total: number) => void) | undefined {
    if (this.states.some((s) => s.endpoint.host === endpoint.host)) return undefined;
    const state: EndpointState = { endpoint, containers: [], exploring: { done: 0, total: 0 } };
    return (explored, total) => {
      if (!this.states.includes(state)) this.states.push(state);
      state.containers = [...explored];
      state.exploring = { done: explored.length, total };
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.fire();
      }, PARTIAL_UPDATE_MS);
    };
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}

export class DockerCatalog implements vscode.Disposable {
  private states: EndpointState[] = [];
  /** Store copies present, by `containerId:path`, so the view can offer "Reveal downloaded copy". */
  private downloaded = new Map<string, string>();
  /** Classifications (container ids are unique), so a refresh re-reads only files that changed; kept in the store between sessions. */
  private cache: SniffCache | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly settings: () => CatalogSettings) {}

  get current(): readonly EndpointState[] {
    return this.states;
  }

  /** The store copy of a container's dump, when one has been downloaded. */
  downloadedCopy(containerId: string, path: string): string | undefined {
    return this.downloaded.get(`${containerId}:${path}`);
  }

  private async sniffCache(): Promise<SniffCache> {
    this.cache ??= await loadSniffCache(this.settings().storeDir);
    return this.cache;
  }

  /**
   * Re-lists every endpoint. An endpoint shown for the first time fills in as its containers are
   * explored (a first listing reads the head of every candidate file: an archive request, ~45 ms
   * of engine CPU, per container); one already shown keeps its listing until the new one is complete.
   */
  async refreshAll(endpoints: DockerEndpoint[]): Promise<void> {
    const { dumpPaths, storeDir } = this.settings();
    const cache = await this.sniffCache();
    const partial = new PartialListings(this.states, () => this.changed.fire());
    const listings = await Promise.all(endpoints.map((endpoint) => exploreEndpoint(endpoint, { dumpPaths, cache, onExplored: partial.reporter(endpoint) })));
    partial.stop();
    await saveSniffCache(storeDir, cache).catch(() => undefined);
    // The platform's default socket, never chosen by the user, is only worth a node when it answers:
    // people without Docker should not see "Cannot connect" in their Dumps view.
    const visible = listings.filter((l) => l.endpoint.explicit || l.error?.reason !== 'unreachable');
    this.states = visible.map((l) => ({ endpoint: l.endpoint, containers: l.containers, error: l.error?.message }));
    await this.updateDownloaded();
    this.changed.fire();
  }

  /** Re-explores one container after an engine event (die, start, create, rename). */
  async refreshContainer(endpoint: DockerEndpoint, containerId: string): Promise<void> {
    const state = this.states.find((s) => s.endpoint.host === endpoint.host);
    if (state === undefined) return;
    const client = await DockerClient.open(endpoint);
    const explored = await exploreContainer(client, containerId, { dumpPaths: this.settings().dumpPaths, cache: await this.sniffCache() });
    const others = state.containers.filter((c) => c.container.id !== containerId);
    state.containers = explored === undefined ? others : [...others, explored];
    await this.updateDownloaded();
    this.changed.fire();
  }

  removeContainer(endpoint: DockerEndpoint, containerId: string): void {
    const state = this.states.find((s) => s.endpoint.host === endpoint.host);
    if (state === undefined || !state.containers.some((c) => c.container.id === containerId)) return;
    state.containers = state.containers.filter((c) => c.container.id !== containerId);
    this.changed.fire();
  }

  clear(): void {
    if (this.states.length === 0) return;
    this.states = [];
    this.changed.fire();
  }

  /** A download finished: the view can now reveal it. */
  async markDownloaded(): Promise<void> {
    if (await this.updateDownloaded()) this.changed.fire();
  }

  private async updateDownloaded(): Promise<boolean> {
    const { storeDir } = this.settings();
    const found = new Map<string, string>();
    for (const state of this.states) {
      for (const { container, dumps } of state.containers) {
        for (const dump of dumps) {
          const file = storePathFor(storeDir, container, dump.path);
          const meta = await storedCopy(file);
          if (meta?.container.id === container.id) found.set(`${container.id}:${dump.path}`, file);
        }
      }
    }
    const changed = found.size !== this.downloaded.size || [...found.keys()].some((k) => !this.downloaded.has(k));
    this.downloaded = found;
    return changed;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
