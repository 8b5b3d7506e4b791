// The one owner of every reason the Docker part of the Dumps view refreshes: the Refresh command,
// settings changes, each endpoint's event stream (a container created, started, dead, renamed or
// destroyed: that one container is re-read, debounced), a slow poll as a backup for events missed
// while a stream was down, and a full refresh after a stream reconnects. Nothing else triggers one.

import * as vscode from 'vscode';
import { DockerClient } from '../../sources/docker/dockerClient';
import { type DockerEndpoint, listEndpoints } from '../../sources/docker/dockerEndpoints';
import type { DockerCatalog } from './dockerCatalog';
import { affectsDocker, dockerEnabled } from './dockerSettings';
import { errorMessage } from '../../engine/errorMessage';

export type DockerRefreshReason = 'activation' | 'command' | 'settings' | 'poll' | 'reconnect';

/** The backup poll: events are the real trigger, so this can be slow. */
const POLL_MS = 60_000;
const EVENT_DEBOUNCE_MS = 400;
const SETTINGS_DEBOUNCE_MS = 300;
const RETRY_FIRST_MS = 2_000;
const RETRY_MAX_MS = 60_000;
const CLOCK_SLACK_MS = 5_000;

export class DockerRefreshManager implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  private watchers = new AbortController();
  private watched = '';
  /** Set by the first refresh: before the view is seen, nothing asks the engine anything. */
  private poll: NodeJS.Timeout | undefined;
  private settingsTimer: NodeJS.Timeout | undefined;
  private readonly containerTimers = new Map<string, NodeJS.Timeout>();
  private pending: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(
    private readonly catalog: DockerCatalog,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!affectsDocker(e) || this.poll === undefined) return;
        clearTimeout(this.settingsTimer);
        this.settingsTimer = setTimeout(() => void this.refresh('settings'), SETTINGS_DEBOUNCE_MS);
      }),
    );
  }

  /** Re-reads every endpoint; resolves when the catalog holds the result. Refreshes never overlap. */
  refresh(reason: DockerRefreshReason): Promise<void> {
    this.poll ??= setInterval(() => void this.refresh('poll'), POLL_MS);
    this.pending = this.pending.then(() => this.refreshNow(reason)).catch((error: unknown) => this.log.error(`Docker refresh failed: ${String(error)}`));
    return this.pending;
  }

  private async refreshNow(reason: DockerRefreshReason): Promise<void> {
    if (this.disposed) return;
    if (!dockerEnabled()) {
      this.stopWatching();
      this.catalog.clear();
      return;
    }
    const endpoints = await listEndpoints();
    this.log.info(`listing dumps in Docker containers (${reason}): ${endpoints.map((e) => `${e.name}=${e.host}`).join(', ')}`);
    // A few seconds early, in case the engine's clock is behind ours: a replayed event only re-reads one container.
    const listedSinceMs = Date.now() - CLOCK_SLACK_MS;
    await vscode.window.withProgress({ location: { viewId: 'salvage.dumps' } }, () => this.catalog.refreshAll(endpoints));
    // Watch what is shown: an endpoint hidden because nothing listens there is left to the poll.
    this.watch(this.catalog.current.filter((s) => s.error === undefined).map((s) => s.endpoint), listedSinceMs);
  }

  private stopWatching(): void {
    this.watchers.abort();
    this.watchers = new AbortController();
    this.watched = '';
  }

  /** Follows the endpoints' events; a listing can take seconds, so they start from when it began. */
  private watch(endpoints: DockerEndpoint[], sinceMs: number): void {
    const key = endpoints.map((e) => e.host).join('\n');
    if (key === this.watched) return;
    this.stopWatching();
    this.watched = key;
    for (const endpoint of endpoints) void this.follow(endpoint, sinceMs, this.watchers.signal);
  }

  /** Follows one endpoint's events until aborted, reconnecting with a growing delay. */
  private async follow(endpoint: DockerEndpoint, sinceMs: number, signal: AbortSignal): Promise<void> {
    let delay = RETRY_FIRST_MS;
    let reconnecting = false;
    while (!signal.aborted) {
      try {
        const client = await DockerClient.open(endpoint);
        const events = client.events(signal, reconnecting ? undefined : sinceMs);
        // Events that happened while the stream was down are lost: catch up once it is back.
        if (reconnecting) void this.refresh('reconnect');
        for await (const event of events) {
          delay = RETRY_FIRST_MS;
          if (event.action === 'destroy') this.catalog.removeContainer(endpoint, event.containerId);
          else this.scheduleContainer(endpoint, event.containerId);
        }
      } catch (error) {
        if (signal.aborted) return;
        this.log.warn(`Docker events from ${endpoint.host} stopped: ${errorMessage(error)}; retrying in ${delay / 1000} s`);
      }
      reconnecting = true;
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, RETRY_MAX_MS);
    }
  }

  private scheduleContainer(endpoint: DockerEndpoint, containerId: string): void {
    const key = `${endpoint.host}\n${containerId}`;
    clearTimeout(this.containerTimers.get(key));
    this.containerTimers.set(
      key,
      setTimeout(() => {
        this.containerTimers.delete(key);
        this.pending = this.pending.then(() => this.catalog.refreshContainer(endpoint, containerId)).catch((error: unknown) => this.log.warn(`Docker container ${containerId.slice(0, 12)}: ${String(error)}`));
      }, EVENT_DEBOUNCE_MS),
    );
  }

  dispose(): void {
    this.disposed = true;
    this.stopWatching();
    clearInterval(this.poll);
    clearTimeout(this.settingsTimer);
    for (const timer of this.containerTimers.values()) clearTimeout(timer);
    for (const s of this.subscriptions) s.dispose();
  }
}
