// The only door to a Docker Engine: a few read-only requests (list, inspect, changes, stat and read
// through the archive endpoint, events), each returning plain objects and failing with one
// DockerAccessError sentence. Nothing here can create, start, change or remove a container, and
// nothing uses exec: it would not work on stopped containers, and it would run code in them.

import type { IncomingMessage } from 'http';
import type Docker from 'dockerode';
import { connect, describeDockerError, DockerAccessError } from './dockerConnection';
import type { DockerEndpoint } from './dockerEndpoints';

export interface MountInfo {
  type: string;
  /** Path inside the container. */
  destination: string;
  /** Host path (bind) or volume name; shown, never read from the host. */
  source: string;
  writable: boolean;
}

export interface ContainerSummary {
  id: string;
  /** Name without Docker's leading slash. */
  name: string;
  image: string;
  /** created, running, paused, restarting, removing, exited or dead. */
  state: string;
  /** Docker's own one-line status ("Exited (133) 5 minutes ago"). */
  status: string;
  labels: Record<string, string>;
  createdMs: number;
  mounts: MountInfo[];
}

/** How a container was started, as inspect says: what a crash in it leaves behind depends on it. */
export interface ContainerLaunch {
  /** The process's command: Entrypoint then Cmd, the image's where the container set none. */
  entrypoint: string[];
  cmd: string[];
  /** `NAME=value` entries, the image's included. */
  env: string[];
  /** `--rm`: the engine removes the container, its layer with it, when it exits. */
  autoRemove: boolean;
  /** `--restart`: no, always, unless-stopped or on-failure. */
  restartPolicy: string;
  /** `--ulimit core=soft:hard` (-1 is unlimited); undefined when the engine's default applies. */
  coreUlimit?: { soft: number; hard: number };
  /** The host pid of its first process while it runs. */
  pid?: number;
}

export interface ContainerDetails extends ContainerSummary {
  imageId: string;
  /** The host name its processes see (default: the id's first 12 hex digits). */
  hostname: string;
  workingDir: string;
  /** Undefined for a container that never ran. */
  exitCode?: number;
  oomKilled: boolean;
  startedAtMs?: number;
  finishedAtMs?: number;
  /** The engine's error for a container that failed to start. */
  error?: string;
  /** How often its restart policy started it again: each restart followed a death. */
  restartCount: number;
  launch: ContainerLaunch;
}

/** The engine's stat of a path (ContainerPathStat), with Go's FileMode type bits decoded. */
export interface PathStat {
  name: string;
  size: number;
  mtimeMs: number;
  type: 'file' | 'directory' | 'symlink' | 'other';
  /** For a symlink: the engine's resolution of it, an absolute path inside the container. */
  linkTarget: string;
}

export type ChangeKind = 'modified' | 'added' | 'deleted';

export interface ContainerChange {
  path: string;
  kind: ChangeKind;
}

export interface DockerEvent {
  /** create, start, die, destroy, ... */
  action: string;
  containerId: string;
  timeMs: number;
  /** The actor's attributes: a die's exitCode, a kill's signal, the container's labels. */
  attributes: Record<string, string>;
}

/** Go's os.FileMode type bits (io/fs): what the engine's stat header encodes. */
const GO_MODE_DIR = 2 ** 31;
const GO_MODE_SYMLINK = 2 ** 27;
/** Device, named pipe, socket, character device, irregular. */
const GO_MODE_OTHER = [2 ** 26, 2 ** 25, 2 ** 24, 2 ** 21, 2 ** 19];

const CHANGE_KINDS: Record<number, ChangeKind> = { 0: 'modified', 1: 'added', 2: 'deleted' };

/** Docker's zero time ("0001-01-01T00:00:00Z") means "never". */
function time(value: string | undefined): number | undefined {
  if (value === undefined || value.startsWith('0001-')) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

function goModeType(mode: number): PathStat['type'] {
  // Go modes use bits above 2^31: JavaScript's bitwise operators are 32-bit signed, so divide instead.
  const has = (bit: number) => Math.floor(mode / bit) % 2 === 1;
  if (has(GO_MODE_DIR)) return 'directory';
  if (has(GO_MODE_SYMLINK)) return 'symlink';
  return GO_MODE_OTHER.some(has) ? 'other' : 'file';
}

function mountsOf(mounts: Array<{ Type?: string; Destination: string; Source: string; Name?: string; RW: boolean }> | undefined): MountInfo[] {
  return (mounts ?? []).map((m) => ({ type: m.Type ?? 'bind', destination: m.Destination, source: m.Name ?? m.Source, writable: m.RW }));
}

function launchOf(c: Docker.ContainerInspectInfo): ContainerLaunch {
  const core = (c.HostConfig.Ulimits ?? []).find((u) => u.Name === 'core');
  const words = (value: string | string[] | null | undefined) => (value === null || value === undefined ? [] : typeof value === 'string' ? [value] : value);
  return {
    entrypoint: words(c.Config.Entrypoint),
    cmd: words(c.Config.Cmd),
    env: c.Config.Env ?? [],
    autoRemove: c.HostConfig.AutoRemove === true,
    restartPolicy: c.HostConfig.RestartPolicy?.Name || 'no',
    ...(core?.Soft === undefined || core.Hard === undefined ? {} : { coreUlimit: { soft: core.Soft, hard: core.Hard } }),
    ...(c.State.Running && c.State.Pid > 0 ? { pid: c.State.Pid } : {}),
  };
}

export class DockerClient {
  private constructor(
    readonly endpoint: DockerEndpoint,
    private readonly docker: Docker,
  ) {}

  static async open(endpoint: DockerEndpoint): Promise<DockerClient> {
    return new DockerClient(endpoint, await connect(endpoint));
  }

  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw describeDockerError(error, this.endpoint);
    }
  }

  async listContainers(signal?: AbortSignal): Promise<ContainerSummary[]> {
    const list = await this.call(() => this.docker.listContainers({ all: true, abortSignal: signal }));
    return list.map((c) => ({
      id: c.Id,
      name: (c.Names[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
      image: c.Image,
      state: c.State,
      status: c.Status,
      labels: c.Labels ?? {},
      createdMs: c.Created * 1000,
      mounts: mountsOf(c.Mounts),
    }));
  }

  async inspect(container: string, signal?: AbortSignal): Promise<ContainerDetails> {
    const c = await this.call(() => this.docker.getContainer(container).inspect({ abortSignal: signal }));
    const ran = time(c.State.StartedAt) !== undefined;
    return {
      id: c.Id,
      name: c.Name.replace(/^\//, ''),
      image: c.Config.Image,
      imageId: c.Image,
      hostname: c.Config.Hostname,
      state: c.State.Status,
      status: c.State.Status,
      labels: c.Config.Labels ?? {},
      createdMs: Date.parse(c.Created),
      // `--tmpfs` mounts are not among Mounts; what is written there is gone when the container stops.
      mounts: [...mountsOf(c.Mounts), ...Object.keys(c.HostConfig.Tmpfs ?? {}).map((destination) => ({ type: 'tmpfs', destination, source: 'tmpfs', writable: true }))],
      workingDir: c.Config.WorkingDir || '/',
      exitCode: ran ? c.State.ExitCode : undefined,
      oomKilled: c.State.OOMKilled,
      startedAtMs: time(c.State.StartedAt),
      finishedAtMs: time(c.State.FinishedAt),
      error: c.State.Error === '' ? undefined : c.State.Error,
      restartCount: c.RestartCount ?? 0,
      launch: launchOf(c),
    };
  }

  /** Files added, changed or deleted in the container's writable layer (not in volumes). */
  async changes(container: string, signal?: AbortSignal): Promise<ContainerChange[]> {
    const list: unknown = await this.call(() => this.docker.getContainer(container).changes({ abortSignal: signal }));
    // An unchanged layer is the body `null`, which docker-modem hands over as a Buffer, not as JSON.
    if (!Array.isArray(list)) return [];
    return (list as Array<{ Path: string; Kind: number }>).map((c) => ({ path: c.Path, kind: CHANGE_KINDS[c.Kind] ?? 'modified' }));
  }

  /** Stat of a path through the archive endpoint (HEAD); undefined when the path does not exist. */
  async stat(container: string, path: string, signal?: AbortSignal): Promise<PathStat | undefined> {
    let response: IncomingMessage;
    try {
      response = (await this.docker.getContainer(container).infoArchive({ path, abortSignal: signal })) as IncomingMessage;
    } catch (error) {
      const failure = describeDockerError(error, this.endpoint);
      // HEAD answers 404 without a body for a missing container and a missing path alike.
      if (failure.reason === 'notFound') return this.inspect(container, signal).then(() => undefined);
      throw failure;
    }
    response.resume();
    const header = response.headers['x-docker-container-path-stat'];
    if (typeof header !== 'string') throw new DockerAccessError(`Docker at ${this.endpoint.host} sent no stat for ${path}`, 'engine');
    const raw = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as { name: string; size: number; mode: number; mtime: string; linkTarget: string };
    return { name: raw.name, size: raw.size, mtimeMs: Date.parse(raw.mtime), type: goModeType(raw.mode), linkTarget: raw.linkTarget };
  }

  /**
   * The tar stream of `path` (the archive endpoint, read-only). The caller must consume or destroy it.
   * A missing container or path is a notFound DockerAccessError in the engine's words.
   */
  async archive(container: string, path: string, signal?: AbortSignal): Promise<IncomingMessage> {
    return this.call(async () => (await this.docker.getContainer(container).getArchive({ path, abortSignal: signal })) as IncomingMessage);
  }

  /** The last `tail` lines of the container's log, stdout and stderr, with timestamps: the engine's own bytes. */
  async logs(container: string, tail: number, signal?: AbortSignal): Promise<Buffer> {
    const body: unknown = await this.call(() => this.docker.getContainer(container).logs({ follow: false, stdout: true, stderr: true, timestamps: true, tail, abortSignal: signal }));
    // docker-modem hands a finished (not followed) response over as a Buffer; a string only if it decoded one.
    return Buffer.isBuffer(body) ? body : Buffer.from(typeof body === 'string' ? body : '');
  }

  /**
   * Container events (create, start, die, destroy) as they happen, until `signal` aborts; with
   * `sinceMs`, those since then first (the engine replays them), so none is lost before the stream opens.
   */
  async *events(signal: AbortSignal, sinceMs?: number): AsyncGenerator<DockerEvent> {
    const filters: Docker.GetEventsOptions['filters'] = { type: ['container'], event: ['create', 'start', 'die', 'destroy', 'rename'] };
    const since = sinceMs === undefined ? undefined : Math.floor(sinceMs / 1000);
    yield* this.eventStream({ filters, since, abortSignal: signal });
  }

  /**
   * The container deaths the engine still remembers (die, oom, kill, stop events between the two
   * times: it keeps the last few hundred events of every kind), oldest first.
   */
  async pastDeathEvents(sinceMs: number, untilMs: number, signal?: AbortSignal): Promise<DockerEvent[]> {
    const filters: Docker.GetEventsOptions['filters'] = { type: ['container'], event: ['die', 'oom', 'kill', 'stop'] };
    const events: DockerEvent[] = [];
    for await (const event of this.eventStream({ filters, since: Math.floor(sinceMs / 1000), until: Math.ceil(untilMs / 1000), abortSignal: signal })) events.push(event);
    return events;
  }

  private async *eventStream(options: Docker.GetEventsOptions & { abortSignal?: AbortSignal }): AsyncGenerator<DockerEvent> {
    const stream = (await this.call(() => this.docker.getEvents(options))) as IncomingMessage;
    let pending = '';
    try {
      for await (const chunk of stream) {
        pending += String(chunk);
        let newline: number;
        while ((newline = pending.indexOf('\n')) >= 0) {
          const line = pending.slice(0, newline);
          pending = pending.slice(newline + 1);
          const event = parseEvent(line);
          if (event !== undefined) yield event;
        }
      }
    } finally {
      stream.destroy();
    }
  }
}

function parseEvent(line: string): DockerEvent | undefined {
  try {
    const e = JSON.parse(line) as { Action?: string; status?: string; id?: string; Actor?: { ID?: string; Attributes?: Record<string, string> }; timeNano?: number; time?: number };
    const containerId = e.Actor?.ID ?? e.id;
    const action = e.Action ?? e.status;
    if (containerId === undefined || action === undefined) return undefined;
    return { action, containerId, timeMs: e.timeNano !== undefined ? Math.floor(e.timeNano / 1e6) : (e.time ?? 0) * 1000, attributes: e.Actor?.Attributes ?? {} };
  } catch {
    return undefined;
  }
}
