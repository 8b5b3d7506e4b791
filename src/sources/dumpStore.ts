// The local dump store: where dumps copied out of containers live, one folder per container that
// mirrors the paths inside it (`<store>/docker/<name>-<id12>/work/core`), each copy with a metadata
// sidecar (`core.salvage.json`) saying where it came from. The sidecar is what makes a copy
// reusable: a later open of the same docker:// URI finds it and skips the download when the
// container's file is unchanged.

import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeAtomically } from './atomicFile';

export const SIDECAR_SUFFIX = '.salvage.json';
/** Store folders of containers' binaries and libraries (containerBinaries.ts), never of dumps. */
export const SYSROOT_FOLDER = 'sysroot';
export const BUILD_ID_FOLDER = 'build-id';
export const FILES_FOLDER = 'files';
const METADATA_VERSION = 1;

/** Everything known about a copied dump's origin (the sidecar's content). */
export interface DumpMetadata {
  salvageMetadata: number;
  /** The docker:// URI the copy was made from. */
  uri: string;
  endpoint: { context: string; host: string };
  container: {
    id: string;
    name: string;
    image: string;
    imageId: string;
    labels: Record<string, string>;
    state: string;
    exitCode: number | null;
    oomKilled: boolean;
    /** ISO time the container's process ended; null when it has not. */
    finishedAt: string | null;
    /** Restarts by its policy so far (absent in sidecars written before it was recorded). */
    restartCount?: number;
  };
  pathInContainer: string;
  size: number;
  /** The file's modification time inside the container (ISO, whole seconds as tar records it). */
  modifiedAt: string;
  sha256: string;
  downloadedAt: string;
}

/** The container a dump came from, as far as reading its files again needs: any dump tied to a container (a core its host's handler caught, too). */
export interface ContainerOrigin {
  /** Where the dump is, as the user opened it: opening it again reopens the local copy. */
  uri: string;
  endpoint: Pick<DumpMetadata['endpoint'], 'context'>;
  container: Pick<DumpMetadata['container'], 'id' | 'name'>;
}

/** The store folder used when no setting names one: $SALVAGE_DUMP_STORE, else the user's cache folder. */
export function defaultStoreDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SALVAGE_DUMP_STORE !== undefined && env.SALVAGE_DUMP_STORE !== '') return env.SALVAGE_DUMP_STORE;
  const cache = env.XDG_CACHE_HOME !== undefined && env.XDG_CACHE_HOME !== '' ? env.XDG_CACHE_HOME : path.join(os.homedir(), '.cache');
  return path.join(cache, 'salvage', 'dumps');
}

/** Folder and file names made safe for any file system: Docker names are already close to it. */
function safeSegment(name: string): string {
  return name.replace(/[^a-zA-Z0-9_.-]/g, '_').replace(/^\.+/, '_') || '_';
}

/** The store's folder (or file) name for a container: its name and the first 12 hex digits of its id. */
export function containerFolderName(container: { id: string; name: string }): string {
  return `${safeSegment(container.name)}-${container.id.slice(0, 12)}`;
}

/** Where the store keeps the copy of `pathInContainer` (an absolute, normalised container path). */
export function storePathFor(storeDir: string, container: { id: string; name: string }, pathInContainer: string): string {
  const segments = pathInContainer
    .split('/')
    .filter((s) => s !== '')
    .map(safeSegment);
  return path.join(storeDir, 'docker', containerFolderName(container), ...segments);
}

export function sidecarPath(file: string): string {
  return file + SIDECAR_SUFFIX;
}

export async function readSidecar(file: string): Promise<DumpMetadata | undefined> {
  try {
    const meta = JSON.parse(await fs.readFile(sidecarPath(file), 'utf8')) as DumpMetadata;
    return meta.salvageMetadata === METADATA_VERSION ? meta : undefined;
  } catch {
    return undefined;
  }
}

export async function writeSidecar(file: string, metadata: Omit<DumpMetadata, 'salvageMetadata'>): Promise<DumpMetadata> {
  const full: DumpMetadata = { salvageMetadata: METADATA_VERSION, ...metadata };
  await writeAtomically(sidecarPath(file), (out) => out.write(Buffer.from(`${JSON.stringify(full, null, 2)}\n`)));
  return full;
}

/** A stored copy that still matches its sidecar (same size on disk), or undefined. */
export async function storedCopy(file: string): Promise<DumpMetadata | undefined> {
  const meta = await readSidecar(file);
  if (meta === undefined) return undefined;
  const stat = await fs.stat(file).catch(() => undefined);
  return stat?.isFile() === true && stat.size === meta.size ? meta : undefined;
}
