// `salvage doctor` and Check Crash Capture: for the host and each container of the chosen Docker
// endpoints, whether its next crash will leave a core, a report and a heap snapshot, and where.
// Only reads: the kernel's settings, the engine's inspect, a stat through the archive endpoint
// (a core_pattern folder), and /proc/PID/limits of a running container's first process on this host.

import { promises as fs } from 'fs';
import { errorMessage } from '../../engine/errorMessage';
import type { ContainerDetails, DockerClient } from '../docker/dockerClient';
import type { DockerEndpoint } from '../docker/dockerEndpoints';
import type { CorePattern } from '../host/corePattern';
import { type CaptureCheck, captureChecks, coreFolder, type ContainerCaptureFacts } from './captureChecks';
import { type CaptureFix, captureFix } from './captureFix';
import { type HostCapture, remoteHostCapture, thisHostCapture } from './hostCapture';
import { type NodeLaunch, nodeLaunch } from './nodeFlags';

/** Inspecting is one request per container: an engine with more is checked for its first ones. */
const MAX_CONTAINERS = 300;

export interface ContainerCapture {
  context: string;
  container: { id: string; name: string; image: string; state: string };
  checks: CaptureCheck[];
  fix?: CaptureFix;
}

export interface CaptureReport {
  /** This host first, then each other host an endpoint is on. */
  hosts: HostCapture[];
  containers: ContainerCapture[];
  /** Containers left out because nothing in them runs Node (unless asked for by name). */
  skipped: Array<{ context: string; name: string; image: string }>;
  /** Endpoints that could not be asked, one sentence each. */
  problems: string[];
}

export interface CaptureOptions {
  /** Docker endpoints, as `ls` takes them; 'off' checks only the host. */
  docker: 'off' | 'current' | 'all' | string[];
  /** Only these containers (name or id prefix), checked whatever they run. */
  containers?: string[];
  signal?: AbortSignal;
}

/** The soft "Max core file size" of a process (-1: unlimited); undefined when it cannot be read. */
async function coreLimitOf(pid: number): Promise<number | undefined> {
  const limits = await fs.readFile(`/proc/${pid}/limits`, 'utf8').catch(() => undefined);
  const soft = /^Max core file size\s+(\S+)/m.exec(limits ?? '')?.[1];
  return soft === undefined ? undefined : soft === 'unlimited' ? -1 : Number(soft);
}

/** Whether `folder` exists in the container; undefined when the engine cannot say. */
async function folderExists(client: DockerClient, container: string, folder: string, signal?: AbortSignal): Promise<boolean | undefined> {
  try {
    const stat = await client.stat(container, folder, signal);
    return stat !== undefined && (stat.type === 'directory' || stat.type === 'symlink');
  } catch {
    return undefined;
  }
}

async function factsOf(client: DockerClient, details: ContainerDetails, node: NodeLaunch, pattern: CorePattern | undefined, local: boolean, signal?: AbortSignal): Promise<ContainerCaptureFacts> {
  const pid = details.launch.pid;
  const measuredCoreLimit = local && pid !== undefined ? await coreLimitOf(pid) : undefined;
  const absolute = pattern !== undefined && !pattern.piped && pattern.pattern.startsWith('/');
  const coreFolderExists = absolute ? await folderExists(client, details.id, coreFolder(pattern, details).folder, signal) : undefined;
  return { details, node, ...(measuredCoreLimit === undefined ? {} : { measuredCoreLimit }), ...(coreFolderExists === undefined ? {} : { coreFolderExists }) };
}

function wanted(details: ContainerDetails, node: NodeLaunch, names: string[] | undefined): boolean {
  if (names !== undefined) return names.some((n) => n === details.name || details.id.startsWith(n));
  return node.runsNode || /(^|\/)node(:|$)/.test(details.image);
}

async function checkEndpoint(endpoint: DockerEndpoint, host: HostCapture, report: CaptureReport, options: CaptureOptions): Promise<void> {
  const { DockerClient } = await import('../docker/dockerClient');
  const { isLocalEndpoint } = await import('../docker/dockerEndpoints');
  const client = await DockerClient.open(endpoint);
  const listed = (await client.listContainers(options.signal)).slice(0, MAX_CONTAINERS);
  for (const summary of listed) {
    const details = await client.inspect(summary.id, options.signal).catch(() => undefined);
    if (details === undefined) continue;
    const node = nodeLaunch(details.launch);
    if (!wanted(details, node, options.containers)) {
      report.skipped.push({ context: endpoint.name, name: details.name, image: details.image });
      continue;
    }
    const facts = await factsOf(client, details, node, host.pattern, isLocalEndpoint(endpoint), options.signal);
    const checks = captureChecks(host.pattern, facts);
    const fix = captureFix(host.pattern, facts, checks);
    report.containers.push({ context: endpoint.name, container: { id: details.id, name: details.name, image: details.image, state: details.state }, checks, ...(fix === undefined ? {} : { fix }) });
  }
}

export async function checkCrashCapture(options: CaptureOptions): Promise<CaptureReport> {
  const thisHost = await thisHostCapture();
  const report: CaptureReport = { hosts: [thisHost], containers: [], skipped: [], problems: [] };
  if (options.docker === 'off') return report;
  const { endpointsFor, isLocalEndpoint } = await import('../docker/dockerEndpoints');
  const endpoints = await endpointsFor(options.docker);
  for (const endpoint of endpoints) {
    let host = thisHost;
    if (!isLocalEndpoint(endpoint)) {
      host = report.hosts.find((h) => h.host === endpoint.host) ?? (await remoteHostCapture(endpoint, options.signal));
      if (!report.hosts.includes(host)) report.hosts.push(host);
    }
    try {
      await checkEndpoint(endpoint, host, report, options);
    } catch (error) {
      report.problems.push(`${endpoint.name} (${endpoint.host}): ${errorMessage(error)}`);
    }
  }
  const missing = options.containers?.filter((n) => !report.containers.some((c) => c.container.name === n || c.container.id.startsWith(n))) ?? [];
  report.problems.push(...missing.map((n) => `no container "${n}" on ${endpoints.map((e) => e.name).join(', ')}`));
  return report;
}
