// Collecting a Docker engine's crashes into the dump store, before its containers are removed: for
// every container that ever ran, its dumps are copied (a copy still valid is reused), its deaths
// that were crashes are recorded (containerDeaths.ts: many leave no dump), and, when it has either,
// its last log lines are kept. Read-only towards the engine: list, inspect, changes, archive, logs
// and past events. One container that cannot be read is one line in the summary, not a failure.

import * as path from 'path';
import { errorMessage } from '../../engine/errorMessage';
import { writeDeathRecord, recordedDeaths } from '../deathRecord';
import { formatDockerUri } from '../dumpUri';
import { writeStoredLog } from '../storedLog';
import { containerDeaths, SAME_DEATH_MS } from './containerDeaths';
import { findContainerDumps } from './containerDumps';
import { containerLogTail, MAX_LOG_LINES } from './containerLogs';
import { type ContainerDetails, DockerClient } from './dockerClient';
import { containerFacts, fetchToStore } from './dockerDownload';
import { currentEndpoint, type DockerEndpoint, endpointForContext } from './dockerEndpoints';
import { COMPOSE_PROJECT_LABEL } from './composeLabels';

export interface CollectProgress {
  done: number;
  total: number;
  container?: string;
}

export interface CollectOptions {
  /** The Docker context to collect from; the current one when undefined. */
  context?: string;
  /** Only the containers of this compose project. */
  project?: string;
  /** Where to look for dumps in each container (`salvage.containerDumpPaths`). */
  dumpPaths?: string[];
  signal?: AbortSignal;
  onProgress?: (progress: CollectProgress) => void;
}

export interface CollectSummary {
  /** The engine's host. */
  endpoint: string;
  containers: number;
  /** Dumps downloaded in this run, and those whose store copy was still valid. */
  copied: number;
  reused: number;
  /** Deaths recorded for the first time. */
  deaths: number;
  logs: number;
  /** One line per container that could not be read. */
  errors: string[];
}

async function collectContainer(client: DockerClient, endpoint: DockerEndpoint, details: ContainerDetails, deaths: ReturnType<typeof containerDeaths>, storeDir: string, options: CollectOptions, summary: CollectSummary): Promise<void> {
  const { dumps } = await findContainerDumps(client, details, { dumpPaths: options.dumpPaths, signal: options.signal });
  for (const dump of dumps) {
    // Discovery read each dump's size and time from the engine a moment ago: that is its stat.
    const stat = { name: path.posix.basename(dump.path), size: dump.size, mtimeMs: dump.mtimeMs, type: 'file' as const, linkTarget: '' };
    const uri = formatDockerUri({ container: details.name, path: dump.path, context: endpoint.current ? undefined : endpoint.name });
    const stored = await fetchToStore({ client, endpoint, details, path: dump.path, stat, uri }, storeDir, { signal: options.signal });
    if (stored.reused) summary.reused++;
    else summary.copied++;
  }
  const known = await recordedDeaths(storeDir, details);
  for (const death of deaths) {
    if (known.some((ms) => Math.abs(ms - death.atMs) <= SAME_DEATH_MS)) continue;
    await writeDeathRecord(storeDir, { endpoint: { context: endpoint.name, host: endpoint.host }, container: containerFacts(details), diedAt: new Date(death.atMs).toISOString(), exitCode: death.exitCode, signal: death.signal, oomKilled: death.oomKilled });
    summary.deaths++;
  }
  if (dumps.length === 0 && deaths.length === 0) return;
  const lines = await containerLogTail(client, details.id, MAX_LOG_LINES, options.signal);
  await writeStoredLog(storeDir, { container: { id: details.id, name: details.name, labels: details.labels }, collectedAt: new Date().toISOString(), lines });
  summary.logs++;
}

/** Copies the dumps, deaths and logs of every container of one engine into the store. */
export async function collectFromDocker(storeDir: string, options: CollectOptions = {}): Promise<CollectSummary> {
  const endpoint = options.context === undefined ? await currentEndpoint() : await endpointForContext(options.context);
  const client = await DockerClient.open(endpoint);
  const all = await client.listContainers(options.signal);
  const containers = options.project === undefined ? all : all.filter((c) => c.labels[COMPOSE_PROJECT_LABEL] === options.project);
  const oldest = Math.min(Date.now(), ...containers.map((c) => c.createdMs));
  const events = await client.pastDeathEvents(oldest, Date.now(), options.signal);
  const summary: CollectSummary = { endpoint: endpoint.host, containers: containers.length, copied: 0, reused: 0, deaths: 0, logs: 0, errors: [] };
  for (const [done, container] of containers.entries()) {
    options.signal?.throwIfAborted();
    options.onProgress?.({ done, total: containers.length, container: container.name });
    try {
      const details = await client.inspect(container.id, options.signal);
      // A container that never ran has nothing of a death.
      if (details.startedAtMs === undefined) continue;
      await collectContainer(client, endpoint, details, containerDeaths(details, events), storeDir, options, summary);
    } catch (error) {
      options.signal?.throwIfAborted();
      summary.errors.push(`${container.name}: ${errorMessage(error)}`);
    }
  }
  options.onProgress?.({ done: containers.length, total: containers.length });
  return summary;
}
