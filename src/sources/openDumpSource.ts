// The one way every front end turns what the user typed — a local path or a docker:// URI — into
// the ByteSource the engine reads. A docker:// dump is first copied into the dump store (atomically,
// with progress and cancellation), then read through a FileByteSource over that copy; a core from a
// container also gets that container's binaries (see docker/containerCores.ts) as a search path.
//
// Why a full copy and not ranged reads from the container: the Engine API's archive endpoint has
// no ranges — every request streams the file from its first byte — so random access over it would
// cost O(size) per read. One sequential download (the engine's fastest path) followed by positioned
// reads of the local copy is the range cache, and the copy is reused while the container's file is
// unchanged (size and time checked with a cheap stat), and kept for Reveal / offline use.

import type { ByteSource } from '../engine/bytes/byteSource';
import { sniffDumpKind } from '../engine/dumpKind';
import type { DumpFiles } from '../engine/dumpFiles';
import type { OpenOptions } from '../engine/dumpTarget';
import { type DumpMetadata, defaultStoreDir } from './dumpStore';
import { isDockerUri, parseDockerUri } from './dumpUri';
import { FileByteSource } from './local/fileByteSource';
import { localFiles } from './local/localFiles';
import { errorMessage } from '../engine/errorMessage';

export type DumpOrigin =
  | { type: 'file'; path: string }
  | {
      type: 'docker';
      uri: string;
      /** The copy in the dump store that is being read. */
      localPath: string;
      metadata: DumpMetadata;
      /** True when the store already held a valid copy. */
      reused: boolean;
    };

export interface OpenSourceOptions {
  /** Dump store folder for docker:// dumps; default defaultStoreDir(). */
  storeDir?: string;
  signal?: AbortSignal;
  /** Download progress of a docker:// dump: bytes so far of total. */
  onProgress?: (progress: { bytes: number; total?: number }) => void;
  /** For a core from a container: also fetch the container's binaries (for stacks; not for a summary). */
  fetchBinaries?: boolean;
}

export interface OpenedDumpSource {
  source: ByteSource;
  origin: DumpOrigin;
  /** What the engine should also be told to open this dump (a container core's binaries). */
  openOptions: Pick<OpenOptions, 'searchPaths'>;
  /** Non-fatal problems met while preparing it (a binary the container no longer has). */
  warnings: string[];
}

/** Copies a docker:// dump into the store (or finds it there); returns the local copy. */
export async function fetchDockerDump(uri: string, options: OpenSourceOptions = {}): Promise<Extract<DumpOrigin, { type: 'docker' }>> {
  // Loaded on demand: opening a local file never pays for loading the Docker client.
  const { fetchToStore, resolveDockerUri } = await import('./docker/dockerDownload');
  const resolved = await resolveDockerUri(parseDockerUri(uri));
  const stored = await fetchToStore(resolved, options.storeDir ?? defaultStoreDir(), { signal: options.signal, onProgress: options.onProgress });
  return { type: 'docker', uri: resolved.uri, localPath: stored.path, metadata: stored.metadata, reused: stored.reused };
}

async function containerSupport(opened: OpenedDumpSource, metadata: DumpMetadata, options: OpenSourceOptions): Promise<void> {
  if ((await sniffDumpKind(opened.source)) !== 'core') return;
  const { containerCoreSupport } = await import('./docker/containerCores');
  try {
    const support = await containerCoreSupport(opened.source, metadata, options.storeDir ?? defaultStoreDir(), options.signal);
    opened.openOptions.searchPaths = support.searchPaths;
    opened.warnings.push(...support.problems);
  } catch (error) {
    // The core is still worth opening: the user's own search paths may hold the binaries.
    opened.warnings.push(`could not fetch the binaries from container ${metadata.container.name}: ${errorMessage(error)}`);
  }
}

/** Opens a dump for reading, wherever it is. The caller closes `source`. */
export async function openDumpSource(pathOrUri: string, options: OpenSourceOptions = {}): Promise<OpenedDumpSource> {
  if (!isDockerUri(pathOrUri)) return { source: await FileByteSource.open(pathOrUri), origin: { type: 'file', path: pathOrUri }, openOptions: {}, warnings: [] };
  const origin = await fetchDockerDump(pathOrUri, options);
  const opened: OpenedDumpSource = { source: await FileByteSource.open(origin.localPath, origin.uri), origin, openOptions: {}, warnings: [] };
  try {
    if (options.fetchBinaries === true) await containerSupport(opened, origin.metadata, options);
  } catch (error) {
    await opened.source.close();
    throw error;
  }
  return opened;
}

/** Opens `pathOrUri`, runs `use`, and always closes the source (withFile for any dump location). */
export async function withDumpSource<T>(pathOrUri: string, use: (source: ByteSource, opened: OpenedDumpSource) => Promise<T>, options: OpenSourceOptions = {}): Promise<T> {
  const opened = await openDumpSource(pathOrUri, options);
  try {
    return await use(opened.source, opened);
  } finally {
    await opened.source.close();
  }
}

/** Search paths for the engine: the ones the dump's origin needs first, then the user's. */
export function mergeSearchPaths(opened: OpenedDumpSource, userPaths: string[] | undefined): string[] | undefined {
  const all = [...(opened.openOptions.searchPaths ?? []), ...(userPaths ?? [])];
  return all.length === 0 ? undefined : all;
}

/**
 * The files the engine reads for this dump: the host's for a local one; for a docker:// one, the
 * container's scripts and maps first, and the store copy when the dump reopens itself by its URI
 * (a session keeps reading a core after `withDumpSource` closed it).
 */
export async function filesOf(opened: OpenedDumpSource, options: { onWarning?: (message: string) => void; signal?: AbortSignal } = {}): Promise<DumpFiles> {
  const origin = opened.origin;
  if (origin.type !== 'docker') return localFiles;
  const { ContainerDumpFiles } = await import('./docker/containerDumpFiles');
  return new ContainerDumpFiles(origin.metadata, { localCopy: origin.localPath, fallback: localFiles, onWarning: options.onWarning, signal: options.signal });
}
