// Dumps inside Docker containers, running or stopped: `docker://CONTAINER/path[?context=NAME]`.
// Opening one copies it into the dump store (atomically, with progress and cancellation) and reads
// that copy; a core also gets the container's binaries as a search path; its scripts and source
// maps are read from the container. Listing explores every container of the chosen endpoints
// (dockerLister.ts).
//
// Why a full copy and not ranged reads from the container: the Engine API's archive endpoint has
// no ranges — every request streams the file from its first byte — so random access over it would
// cost O(size) per read. One sequential download (the engine's fastest path) followed by positioned
// reads of the local copy is the range cache, and the copy is reused while the container's file is
// unchanged (size and time checked with a cheap stat), and kept for Reveal / offline use.
//
// The Docker client is loaded only when a docker:// dump is opened or listed: opening a local file
// never pays for it.

import { sniffDumpKind } from '../../engine/dumpKind';
import { errorMessage } from '../../engine/errorMessage';
import { openDecompressed } from '../compressed/openDecompressed';
import type { DumpLister, DumpSource, ListSettings, OpenedDumpSource, OpenSourceOptions } from '../dumpSource';
import { defaultStoreDir, type DumpMetadata } from '../dumpStore';
import { DOCKER_SCHEME, isDockerUri, parseDockerUri } from '../dumpUri';
import { FileByteSource } from '../local/fileByteSource';
import { localFiles } from '../local/localFiles';
import { DOCKER_SOURCE } from './dockerPlaces';

/** Adds the container's binaries to a core's search paths; a failure is a warning, not a refusal. */
async function addContainerBinaries(opened: OpenedDumpSource, metadata: DumpMetadata, storeDir: string, signal?: AbortSignal): Promise<void> {
  if ((await sniffDumpKind(opened.source)) !== 'core') return;
  const { containerCoreSupport } = await import('./containerCores');
  try {
    const support = await containerCoreSupport(opened.source, metadata, storeDir, signal);
    opened.searchPaths.push(...support.searchPaths);
    opened.warnings.push(...support.problems);
  } catch (error) {
    // The core is still worth opening: the user's own search paths may hold the binaries.
    opened.warnings.push(`could not fetch the binaries from container ${metadata.container.name}: ${errorMessage(error)}`);
  }
}

export const dockerSource: DumpSource = {
  name: DOCKER_SOURCE,
  scheme: DOCKER_SCHEME,

  owns: isDockerUri,

  async open(location: string, options: OpenSourceOptions = {}): Promise<OpenedDumpSource> {
    const { fetchToStore, resolveDockerUri } = await import('./dockerDownload');
    const storeDir = options.storeDir ?? defaultStoreDir();
    const resolved = await resolveDockerUri(parseDockerUri(location));
    const stored = await fetchToStore(resolved, storeDir, { signal: options.signal, onProgress: options.onProgress });
    const { metadata } = stored;
    const copied: OpenedDumpSource = {
      source: await FileByteSource.open(stored.path, resolved.uri),
      localPath: stored.path,
      searchPaths: [],
      warnings: [],
      // The container's scripts and maps first; the store copy when the dump reopens itself by its URI.
      files: async (files = {}) => {
        const { ContainerDumpFiles } = await import('./containerDumpFiles');
        return new ContainerDumpFiles(metadata, { localCopy: stored.path, fallback: localFiles, onWarning: files.onWarning, signal: files.signal });
      },
    };
    // Decompressed here, not only by openDumpSource after: a compressed core needs the container's binaries too.
    const opened = await openDecompressed(copied, options);
    try {
      if (options.fetchBinaries === true) await addContainerBinaries(opened, metadata, storeDir, options.signal);
    } catch (error) {
      await opened.source.close();
      throw error;
    }
    return opened;
  },

  lister(settings: ListSettings): DumpLister | undefined {
    if (settings.docker === 'off') return undefined;
    return new LazyDockerLister(settings);
  },
};

/** Loads the lister (and with it the Docker client) on first use. */
class LazyDockerLister implements DumpLister {
  private lister: Promise<DumpLister> | undefined;

  constructor(private readonly settings: ListSettings) {}

  private load(): Promise<DumpLister> {
    this.lister ??= import('./dockerLister').then(({ DockerLister }) => new DockerLister(this.settings));
    return this.lister;
  }

  async list(options?: Parameters<DumpLister['list']>[0]) {
    return (await this.load()).list(options);
  }

  watch(onChange: Parameters<NonNullable<DumpLister['watch']>>[0], onProblem: (message: string) => void): { dispose(): void } {
    let inner: { dispose(): void } | undefined;
    let disposed = false;
    void this.load().then((lister) => {
      if (!disposed) inner = lister.watch?.(onChange, onProblem);
    });
    return {
      dispose: () => {
        disposed = true;
        inner?.dispose();
      },
    };
  }
}
