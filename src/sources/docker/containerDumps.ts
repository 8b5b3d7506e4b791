// Finding the dumps of one container — running, exited, created or dead — without exec and without
// touching the host's paths. Where: the files `changes()` reports added or modified in the container's
// writable layer (where cores and reports land), the configured dump paths and the paths a
// `salvage.dumps` label names, and the container's writable mounts (which `changes()` cannot see).
// What: decided by content, from the first bytes of each file's archive stream — one archive per
// folder when several candidates share it, since every archive request costs the engine ~45 ms of CPU.

import * as path from 'path';
import type { DumpKind } from '../../engine/crash';
import { DumpError } from '../../engine/dumpError';
import { containerPath, DumpUriError, formatDockerUri } from '../dumpUri';
import { MIN_DUMP_SIZE, NEVER_DUMPS, SKIPPED_FOLDERS } from '../local/findDumps';
import { type SniffedFile, sniffContainerFile } from './containerFiles';
import type { ContainerChange, ContainerDetails, DockerClient } from './dockerClient';
import { DockerAccessError } from './dockerConnection';
import { scanContainerDirectory } from './directoryScan';

/** The label a container can carry to say where its dumps go: `salvage.dumps=/dumps,/app/heap`. */
export const DUMPS_LABEL = 'salvage.dumps';
/** Default of `salvage.containerDumpPaths`; `${workingDir}` is the container's working directory. */
export const DEFAULT_DUMP_PATHS = ['${workingDir}', '/tmp', '/dumps', '/var/crash'];

export type FoundBy = 'changes' | 'path' | 'label' | 'mount';

export interface ContainerDump {
  /** Absolute path inside the container. */
  path: string;
  kind: Exclude<DumpKind, 'unknown'>;
  size: number;
  mtimeMs: number;
  foundBy: FoundBy;
}

/** Remembers classifications, keyed by container and path, valid while size and time match. */
export type SniffCache = Map<string, SniffedFile>;

export interface DiscoveryOptions {
  /** Folders or files to look in first; `${workingDir}` is expanded. Default DEFAULT_DUMP_PATHS. */
  dumpPaths?: string[];
  /** Most files classified per container (each costs at most one archive request). */
  maxFiles?: number;
  /** Bytes a mount's folder scan may stream before it stops. */
  mountScanBytes?: number;
  cache?: SniffCache;
  signal?: AbortSignal;
}

export interface ContainerDumps {
  dumps: ContainerDump[];
  /** Non-fatal problems: a label that names a relative path, a mount scan cut short. */
  notes: string[];
}

const DEFAULT_MAX_FILES = 200;
const DEFAULT_MOUNT_SCAN_BYTES = 64 * 1024 * 1024;
/**
 * Bytes a folder archive may stream to classify several files at once: streaming 16 MiB costs about
 * what one more archive request does, so a folder led by a big dump wastes at most that.
 */
const FOLDER_SNIFF_BUDGET = 16 * 1024 * 1024;
/** Kernel and device file systems: never dumps, and reading them means nothing. */
const SYSTEM_ROOTS = ['/proc/', '/sys/', '/dev/'];

interface Root {
  path: string;
  foundBy: FoundBy;
}

function under(file: string, folder: string): boolean {
  return folder === '/' || file === folder || file.startsWith(`${folder}/`);
}

/** The configured paths and the label's paths, normalised; bad entries become notes. */
function roots(details: ContainerDetails, dumpPaths: string[], notes: string[]): Root[] {
  const list: Root[] = [];
  const add = (raw: string, foundBy: FoundBy) => {
    try {
      list.push({ path: containerPath(raw.split('${workingDir}').join(details.workingDir), foundBy === 'label' ? `label ${DUMPS_LABEL}` : 'dump path'), foundBy });
    } catch (error) {
      if (!(error instanceof DumpUriError)) throw error;
      notes.push(error.message);
    }
  };
  for (const raw of details.labels[DUMPS_LABEL]?.split(',') ?? []) if (raw.trim() !== '') add(raw.trim(), 'label');
  for (const raw of dumpPaths) add(raw, 'path');
  return list;
}

/** Files of the writable layer worth classifying: the leaves of the change tree, minus what is never a dump. */
function changedFiles(changes: ContainerChange[]): string[] {
  const kept = changes.filter((c) => c.kind !== 'deleted').map((c) => c.path);
  const folders = new Set(kept.map((p) => path.posix.dirname(p)));
  return kept.filter((p) => {
    if (folders.has(p) || SYSTEM_ROOTS.some((r) => p.startsWith(r))) return false;
    if (p.split('/').some((segment) => SKIPPED_FOLDERS.has(segment))) return false;
    return !NEVER_DUMPS.test(path.posix.basename(p));
  });
}

class ContainerScan {
  readonly dumps = new Map<string, ContainerDump>();
  readonly notes: string[] = [];
  private readonly cache: SniffCache;

  constructor(
    private readonly client: DockerClient,
    private readonly details: ContainerDetails,
    private readonly options: DiscoveryOptions,
  ) {
    this.cache = options.cache ?? new Map<string, SniffedFile>();
  }

  private label(file: string): string {
    return formatDockerUri({ container: this.details.name, path: file });
  }

  private key(file: string): string {
    return `${this.details.id}:${file}`;
  }

  /** Lists `file` when what its head said makes it a dump. */
  private list(file: string, sniffed: SniffedFile, foundBy: FoundBy): void {
    if (sniffed.kind !== 'unknown' && sniffed.size >= MIN_DUMP_SIZE) this.dumps.set(file, { path: file, kind: sniffed.kind, size: sniffed.size, mtimeMs: sniffed.mtimeMs, foundBy });
  }

  private record(file: string, sniffed: SniffedFile, foundBy: FoundBy): void {
    this.cache.set(this.key(file), sniffed);
    this.list(file, sniffed, foundBy);
  }

  /** Skips files that vanished or are links or folders: they are not errors. */
  private async skippingGone(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      if (error instanceof DumpError || (error instanceof DockerAccessError && error.reason === 'notFound')) return;
      throw error;
    }
  }

  /** True when the file's earlier classification still holds: a stat (a HEAD request) costs a tenth of reading the head. */
  async revalidate(file: string, foundBy: FoundBy): Promise<boolean> {
    if (this.dumps.has(file)) return true;
    const cached = this.cache.get(this.key(file));
    if (cached === undefined) return false;
    let valid = false;
    await this.skippingGone(async () => {
      const stat = await this.client.stat(this.details.id, file, this.options.signal);
      // Tar headers carry whole seconds; the stat has nanoseconds.
      valid = stat !== undefined && stat.size === cached.size && Math.floor(stat.mtimeMs / 1000) * 1000 === cached.mtimeMs;
    });
    if (valid) this.record(file, cached, foundBy);
    return valid;
  }

  /** Classifies one file from the head of its own archive. */
  async classify(file: string, foundBy: FoundBy): Promise<void> {
    if (await this.revalidate(file, foundBy)) return;
    const ref = { client: this.client, container: this.details.id, path: file, label: this.label(file) };
    await this.skippingGone(async () => this.record(file, await sniffContainerFile(ref, this.options.signal), foundBy));
  }

  /**
   * Classifies several files of one folder from a single archive of the folder, read only until all
   * of them have passed (or the budget is spent); returns those it saw. Whatever it could not see is
   * left to `classify`, so a folder that turns out to be big costs at most the budget.
   */
  async classifyFolder(folder: string, files: ReadonlyMap<string, FoundBy>): Promise<Set<string>> {
    const seen = new Set<string>();
    await this.skippingGone(async () => {
      const scan = await scanContainerDirectory(this.client, this.details.id, folder, this.label(folder), { budgetBytes: FOLDER_SNIFF_BUDGET, wanted: new Set(files.keys()) }, this.options.signal);
      for (const f of scan.files) {
        const foundBy = files.get(f.path);
        if (foundBy === undefined) continue;
        this.record(f.path, { kind: f.kind, size: f.size, mtimeMs: f.mtimeMs }, foundBy);
        seen.add(f.path);
      }
    });
    return seen;
  }

  async scanMount(folder: string): Promise<void> {
    const budget = this.options.mountScanBytes ?? DEFAULT_MOUNT_SCAN_BYTES;
    try {
      const scan = await scanContainerDirectory(this.client, this.details.id, folder, this.label(folder), { budgetBytes: budget }, this.options.signal);
      // Not cached: a mount is re-read whole each time, and may hold thousands of files.
      for (const f of scan.files) if (!this.dumps.has(f.path)) this.list(f.path, f, 'mount');
      if (scan.truncated) this.notes.push(`${folder}: scan stopped after ${Math.round(budget / 1048576)} MiB; later files were not looked at`);
    } catch (error) {
      if (error instanceof DockerAccessError && error.reason === 'notFound') return;
      if (!(error instanceof DumpError)) throw error;
      this.notes.push(error.message);
    }
  }
}

/** Groups files by their folder; files at the root stay alone (an archive of "/" is the whole file system). */
function byFolder(files: ReadonlyMap<string, FoundBy>): Map<string, Map<string, FoundBy>> {
  const groups = new Map<string, Map<string, FoundBy>>();
  for (const [file, foundBy] of files) {
    const folder = path.posix.dirname(file);
    const key = folder === '/' ? file : folder;
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = new Map<string, FoundBy>()));
    group.set(file, foundBy);
  }
  return groups;
}

/** Classifies the candidates: cached ones by a stat, then one archive per folder holding several, then one per file. */
async function classifyCandidates(scan: ContainerScan, candidates: ReadonlyMap<string, FoundBy>): Promise<void> {
  const unread = new Map<string, FoundBy>();
  for (const [file, foundBy] of candidates) if (!(await scan.revalidate(file, foundBy))) unread.set(file, foundBy);
  for (const [folder, group] of byFolder(unread)) {
    const seen = group.size > 1 ? await scan.classifyFolder(folder, group) : new Set<string>();
    for (const [file, foundBy] of group) if (!seen.has(file)) await scan.classify(file, foundBy);
  }
}

/** The dumps of one container, newest first (then by path). */
export async function findContainerDumps(client: DockerClient, details: ContainerDetails, options: DiscoveryOptions = {}): Promise<ContainerDumps> {
  const scan = new ContainerScan(client, details, options);
  const rootList = roots(details, options.dumpPaths ?? DEFAULT_DUMP_PATHS, scan.notes);
  const mounts = details.mounts.filter((m) => m.writable);
  const inMount = (p: string) => mounts.some((m) => under(p, m.destination));
  // Files in the layer under a dump path or label path first, so the per-container cap keeps them.
  const files = changedFiles(await client.changes(details.id, options.signal)).filter((p) => !inMount(p));
  const rank = (p: string) => (rootList.some((r) => under(p, r.path)) ? 0 : 1);
  files.sort((a, b) => rank(a) - rank(b));
  const candidates = new Map(files.slice(0, options.maxFiles ?? DEFAULT_MAX_FILES).map((file) => [file, rootList.find((r) => under(file, r.path))?.foundBy ?? 'changes'] as const));
  await classifyCandidates(scan, candidates);
  // A label may name a single file, possibly in the image or a mount: look at it directly.
  for (const root of rootList.filter((r) => r.foundBy === 'label' && !inMount(r.path))) {
    const stat = await client.stat(details.id, root.path, options.signal);
    if (stat?.type === 'file') await scan.classify(root.path, 'label');
  }
  for (const mount of mounts) await scan.scanMount(mount.destination);
  // Tar times have whole seconds: ties are common, and the order must not depend on request timing.
  return { dumps: [...scan.dumps.values()].sort((a, b) => b.mtimeMs - a.mtimeMs || a.path.localeCompare(b.path)), notes: scan.notes };
}
