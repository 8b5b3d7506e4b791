// Cores this host's crash handler caught: when the kernel's core_pattern pipes cores to
// systemd-coredump, a crashing container leaves nothing in its own file system and its core is in
// the host's store. Listing reads the store and ties each core to its container; opening one
// (`host:///var/lib/systemd/coredump/core.…`) decompresses it into the dump store and, when its
// container is still known to this host's engine, reads the binaries, scripts and source maps from
// that container, as for a core found inside it. Nothing on the host is ever written.

import { errorMessage } from '../../engine/errorMessage';
import { openDecompressed } from '../compressed/openDecompressed';
import type { DumpLister, DumpSource, ListSettings, OpenedDumpSource, OpenSourceOptions } from '../dumpSource';
import { type ContainerOrigin, defaultStoreDir } from '../dumpStore';
import { FileByteSource } from '../local/fileByteSource';
import { localFiles } from '../local/localFiles';
import type { SourceListing } from '../dump';
import { containerOf, type ContainerLink, hostContainers } from './containerLinks';
import { readCorePattern } from './corePattern';
import { HOST_SOURCE, hostPlace } from './hostPlaces';
import { HOST_SCHEME, isHostUri, parseHostUri } from './hostUri';
import { listSystemdCores, readHostCore, SYSTEMD_COREDUMP_DIR } from './systemdCoredumpStore';

function originOf(location: string, link: ContainerLink): ContainerOrigin {
  return { uri: location, endpoint: { context: link.endpoint.name }, container: { id: link.container.id, name: link.container.name } };
}

/** The container's binaries as search paths and its scripts and maps as the dump's files. */
async function fromContainer(opened: OpenedDumpSource, location: string, link: ContainerLink, options: OpenSourceOptions): Promise<OpenedDumpSource> {
  const origin = originOf(location, link);
  const [{ containerCoreSupport }, { ContainerDumpFiles }] = await Promise.all([import('../docker/containerCores'), import('../docker/containerDumpFiles')]);
  try {
    const support = await containerCoreSupport(opened.source, origin, options.storeDir ?? defaultStoreDir(), options.signal);
    opened.searchPaths.push(...support.searchPaths);
    opened.warnings.push(...support.problems);
  } catch (error) {
    opened.warnings.push(`could not fetch the binaries from container ${link.container.name}: ${errorMessage(error)}`);
  }
  const localCopy = opened.localPath;
  return { ...opened, files: async (files = {}) => new ContainerDumpFiles(origin, { localCopy, fallback: localFiles, onWarning: files.onWarning, signal: files.signal }) };
}

class HostStoreLister implements DumpLister {
  constructor(private readonly settings: ListSettings) {}

  async list(options: { signal?: AbortSignal } = {}): Promise<SourceListing> {
    const problems: string[] = [];
    const pattern = await readCorePattern();
    let cores: Awaited<ReturnType<typeof listSystemdCores>> = [];
    try {
      cores = await listSystemdCores(SYSTEMD_COREDUMP_DIR, options.signal);
    } catch (error) {
      problems.push(`${SYSTEMD_COREDUMP_DIR} cannot be read: ${errorMessage(error)}`);
    }
    const engines = cores.length === 0 ? [] : await hostContainers(this.settings.docker, problems, options.signal);
    const place = hostPlace(
      pattern,
      cores.map((core) => ({ core, link: containerOf(core, engines) })),
      problems,
    );
    return { source: HOST_SOURCE, places: [place], errors: [] };
  }
}

export const hostSource: DumpSource = {
  name: HOST_SOURCE,
  scheme: HOST_SCHEME,

  owns: isHostUri,

  async open(location: string, options: OpenSourceOptions = {}): Promise<OpenedDumpSource> {
    const file = parseHostUri(location);
    const stored = { source: await FileByteSource.open(file, location), localPath: file, searchPaths: [], warnings: [], files: async () => localFiles };
    const opened = await openDecompressed(stored, options);
    if (options.fetchBinaries !== true) return opened;
    try {
      const core = await readHostCore(file, options.signal);
      const problems: string[] = [];
      const link = core === undefined ? undefined : containerOf(core, await hostContainers('current', problems, options.signal));
      opened.warnings.push(...problems);
      return link === undefined ? opened : await fromContainer(opened, location, link, options);
    } catch (error) {
      await opened.source.close();
      throw error;
    }
  },

  lister(settings: ListSettings): DumpLister | undefined {
    return settings.docker === 'off' && settings.hostStore !== true ? undefined : new HostStoreLister(settings);
  },
};
