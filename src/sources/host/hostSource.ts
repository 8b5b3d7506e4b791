// Cores a host's crash handler caught: when the kernel's core_pattern pipes cores to
// systemd-coredump, a crashing container leaves nothing in its own file system and its core is in
// the host's store. Listing reads this machine's store and, for each ssh:// Docker endpoint asked
// for, that host's store over the same ssh; each core is tied to its container. Opening one
// (`host:///var/lib/…`, `host://CONTEXT/var/lib/…`) copies it from an ssh host into the dump
// store, decompresses it there and, when its container is still known, reads the binaries, scripts
// and source maps from that container, as for a core found inside it. Nothing on a host is written.

import { promises as fs } from 'fs';
import * as path from 'path';
import { errorMessage } from '../../engine/errorMessage';
import { openDecompressed } from '../compressed/openDecompressed';
import type { DockerEndpoint } from '../docker/dockerEndpoints';
import type { SourceListing } from '../dump';
import type { DumpLister, DumpSource, ListSettings, OpenedDumpSource, OpenSourceOptions } from '../dumpSource';
import { type ContainerOrigin, defaultStoreDir } from '../dumpStore';
import { FileByteSource } from '../local/fileByteSource';
import { localFiles } from '../local/localFiles';
import { containerOf, type ContainerLink, containersOf, hostContainers, type HostContainers } from './containerLinks';
import { apportStore } from './apportStore';
import { type CorePattern, readCorePattern } from './corePattern';
import type { HostAccess } from './hostAccess';
import type { HostCore, HostCoreStore } from './hostCore';
import { HOST_SOURCE, hostPlace, type StoreHost } from './hostPlaces';
import { HOST_SCHEME, isHostUri, parseHostUri } from './hostUri';
import { localHostAccess } from './localHostAccess';
import { SshHostAccess, sshHostAccessOf } from './sshHostAccess';
import { patternCoreStore } from './patternCoreStore';
import { systemdCoredumpStore } from './systemdCoredumpStore';

/** Where copies of ssh hosts' cores are kept in the dump store. */
const HOSTS_FOLDER = 'hosts';

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

/** A host whose store is read, how, and which engines' containers may have crashed there. */
interface StoreReader {
  host: StoreHost;
  access: HostAccess;
  engines(problems: string[], signal?: AbortSignal): Promise<HostContainers[]>;
}

/** The ssh endpoint of a context, as a store reader; a clear Error when it is not ssh://. */
async function sshReader(endpoint: DockerEndpoint): Promise<StoreReader | undefined> {
  const access = await sshHostAccessOf(endpoint);
  if (access === undefined) return undefined;
  return { host: { context: endpoint.name, label: endpoint.host }, access, engines: (problems, signal) => containersOf([endpoint], problems, signal) };
}

function localReader(settings: ListSettings['docker']): StoreReader {
  return { host: { label: 'this host' }, access: localHostAccess, engines: (problems, signal) => hostContainers(settings, problems, signal) };
}

async function readerFor(context: string | undefined): Promise<StoreReader> {
  if (context === undefined) return localReader('current');
  const { endpointForContext } = await import('../docker/dockerEndpoints');
  const endpoint = await endpointForContext(context);
  const reader = await sshReader(endpoint);
  if (reader === undefined) throw new Error(`host://${context}/…: context ${context} is ${endpoint.host}, not an ssh:// endpoint: only this host's and ssh hosts' crash stores can be read`);
  return reader;
}

/** The stores a host may hold cores in: each handler's (cores stay after the pattern changes), and core_pattern's own folder. */
function coreStores(pattern: CorePattern | undefined): HostCoreStore[] {
  const folder = pattern === undefined ? undefined : patternCoreStore(pattern);
  return [systemdCoredumpStore, apportStore, ...(folder === undefined ? [] : [folder])];
}

async function storeListing(reader: StoreReader, signal?: AbortSignal) {
  const problems: string[] = [];
  const pattern = await readCorePattern(reader.access, signal);
  const cores: HostCore[] = [];
  for (const store of coreStores(pattern)) {
    try {
      cores.push(...(await store.list(reader.access, signal)));
    } catch (error) {
      problems.push(`${store.where} cannot be read: ${errorMessage(error)}`);
    }
  }
  cores.sort((a, b) => b.timeMs - a.timeMs);
  const engines = cores.length === 0 ? [] : await reader.engines(problems, signal);
  return hostPlace(
    reader.host,
    pattern,
    cores.map((core) => ({ core, link: containerOf(core, engines) })),
    problems,
  );
}

class HostStoreLister implements DumpLister {
  constructor(private readonly settings: ListSettings) {}

  /** This machine's store, then each ssh endpoint's host's. */
  private async readers(): Promise<StoreReader[]> {
    const { docker } = this.settings;
    if (docker === 'off') return [localReader(docker)];
    const { endpointsFor } = await import('../docker/dockerEndpoints');
    const endpoints = await endpointsFor(docker).catch(() => []);
    const ssh = await Promise.all(endpoints.map(sshReader));
    return [localReader(docker), ...ssh.filter((r): r is StoreReader => r !== undefined)];
  }

  async list(options: { signal?: AbortSignal } = {}): Promise<SourceListing> {
    const places = await Promise.all((await this.readers()).map((reader) => storeListing(reader, options.signal)));
    return { source: HOST_SOURCE, places, errors: [] };
  }
}

/** What the store that holds `file` recorded of it; undefined when none of the host's stores does. */
async function readHostCore(access: HostAccess, file: string, signal?: AbortSignal): Promise<HostCore | undefined> {
  for (const store of coreStores(await readCorePattern(access, signal))) {
    const core = await store.read(access, file, signal);
    if (core !== undefined) return core;
  }
  return undefined;
}

/** The container a stored core came from, when one of the store host's engines still knows it. */
async function linkOf(reader: StoreReader, file: string, problems: string[], signal?: AbortSignal): Promise<ContainerLink | undefined> {
  const core = await readHostCore(reader.access, file, signal);
  return core === undefined ? undefined : containerOf(core, await reader.engines(problems, signal));
}

/** The container a `host://…` core came from (for its logs); undefined when it is of none known. */
export async function hostCoreContainer(location: string, signal?: AbortSignal): Promise<ContainerLink | undefined> {
  const { context, path: file } = parseHostUri(location);
  return linkOf(await readerFor(context), file, [], signal);
}

/** The stored core itself on this machine; an ssh host's copied into the dump store first (once). */
async function storedCopy(reader: StoreReader, file: string, location: string, options: OpenSourceOptions): Promise<string> {
  if (!(reader.access instanceof SshHostAccess)) return file;
  const core = await reader.access.stat(file, options.signal);
  if (core === undefined) throw new Error(`${location}: no such file on ${reader.host.label}`);
  const { contextDirName } = await import('../docker/dockerEndpoints');
  const destination = path.join(options.storeDir ?? defaultStoreDir(), HOSTS_FOLDER, contextDirName(reader.host.context ?? ''), path.posix.basename(file));
  // A stored core is never rewritten (its name holds its pid and time): a copy of its size is it.
  if ((await fs.stat(destination).catch(() => undefined))?.size === core.size) return destination;
  await fs.mkdir(path.dirname(destination), { recursive: true });
  return (await reader.access.copy(file, core.size, destination, options)).path;
}

export const hostSource: DumpSource = {
  name: HOST_SOURCE,
  scheme: HOST_SCHEME,

  owns: isHostUri,

  async open(location: string, options: OpenSourceOptions = {}): Promise<OpenedDumpSource> {
    const { context, path: file } = parseHostUri(location);
    const reader = await readerFor(context);
    const copy = await storedCopy(reader, file, location, options);
    const stored = { source: await FileByteSource.open(copy, location), localPath: copy, searchPaths: [], warnings: [], files: async () => localFiles };
    const opened = await openDecompressed(stored, options);
    if (options.fetchBinaries !== true) return opened;
    try {
      const problems: string[] = [];
      const link = await linkOf(reader, file, problems, options.signal);
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
