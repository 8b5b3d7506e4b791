// The files of a dump copied out of a container: the scripts and source maps its frames name are
// read from that container (running or stopped, through the archive endpoint), where the paths it
// recorded (/app/dist/main.js) are true, and only then from the host (localRoot, overrides). A
// TypeScript service whose .js.map files sit beside its .js in the image gets its TypeScript
// positions with no checkout. Binaries come as search paths (containerCores.ts); the dump itself
// reopens as its store copy.

import type { ByteSource } from '../../engine/bytes/byteSource';
import type { DumpFiles } from '../../engine/dumpFiles';
import { formatDockerUri } from '../dumpUri';
import type { ContainerOrigin } from '../dumpStore';
import { FileByteSource } from '../local/fileByteSource';
import { MAX_TEXT_BYTES } from '../local/localFiles';
import { readContainerText } from './containerFiles';
import { DockerClient } from './dockerClient';
import { DockerAccessError } from './dockerConnection';
import { endpointForContext } from './dockerEndpoints';

export interface ContainerDumpFilesOptions {
  /** The store copy being read, which `open(uri)` reopens. */
  localCopy: string;
  /** Where paths the container does not have are looked for: the host's files. */
  fallback: DumpFiles;
  /** Said once when the container cannot be read at all (the engine went away, permission). */
  onWarning?: (message: string) => void;
  signal?: AbortSignal;
}

export class ContainerDumpFiles implements DumpFiles {
  private client: Promise<DockerClient> | undefined;
  private readonly texts = new Map<string, Promise<string | undefined>>();
  private unreadable = false;

  constructor(
    private readonly metadata: ContainerOrigin,
    private readonly options: ContainerDumpFilesOptions,
  ) {}

  open(path: string): Promise<ByteSource | undefined> {
    if (path === this.metadata.uri) return FileByteSource.open(this.options.localCopy, this.metadata.uri);
    return this.options.fallback.open(path);
  }

  readText(path: string): Promise<string | undefined> {
    let text = this.texts.get(path);
    if (text === undefined) {
      text = this.readTextOnce(path);
      this.texts.set(path, text);
    }
    return text;
  }

  async exists(path: string): Promise<boolean> {
    const inContainer = await this.fromContainer(path, async (client, container) => (await client.stat(container, path, this.options.signal))?.type === 'file');
    return inContainer === true || this.options.fallback.exists(path);
  }

  private async readTextOnce(path: string): Promise<string | undefined> {
    const label = formatDockerUri({ container: this.metadata.container.name, path, context: this.metadata.endpoint.context });
    const text = await this.fromContainer(path, (client, container) => readContainerText({ client, container, path, label }, MAX_TEXT_BYTES, this.options.signal));
    return text ?? this.options.fallback.readText(path);
  }

  /** Runs `read` against the container for an absolute path; undefined when the container has no such file. */
  private async fromContainer<T>(path: string, read: (client: DockerClient, container: string) => Promise<T>): Promise<T | undefined> {
    if (!path.startsWith('/') || this.unreadable) return undefined;
    try {
      this.client ??= endpointForContext(this.metadata.endpoint.context).then((endpoint) => DockerClient.open(endpoint));
      return await read(await this.client, this.metadata.container.id);
    } catch (error) {
      // No such file, or one the single-file reader refuses (a link, a device): the host may have it.
      if (!(error instanceof DockerAccessError) || error.reason === 'notFound') return undefined;
      // The container is gone or Docker cannot be reached: say so once, then use the host's files only.
      this.unreadable = true;
      this.options.onWarning?.(`scripts and source maps are not read from container ${this.metadata.container.name}: ${error.message}`);
      return undefined;
    }
  }
}
