// The executable and libraries a core from a container needs, fetched from that same container
// (paths from the core's NT_FILE note). Each file's build-id is read from the first 64 KiB of its
// archive stream, so a file already cached under that build-id costs one short request; others are
// downloaded once into `<store>/build-id/<id>/<name>`, verified, and hard-linked into a per-container
// sysroot (`<store>/sysroot/<name>-<id12>/usr/bin/node`) that the core analysis searches.

import { randomBytes } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';
import { DumpError } from '../../engine/dumpError';
import { errorMessage } from '../../engine/errorMessage';
import { ELF_MAGIC } from '../../engine/elf/elfConstants';
import { ElfFile } from '../../engine/elf/elfFile';
import { buildIdFromHead } from '../../engine/elf/buildIdFromHead';
import { PagedReader } from '../../engine/elf/pagedReader';
import { BUILD_ID_FOLDER, FILES_FOLDER, storePathFor, SYSROOT_FOLDER } from '../dumpStore';
import { containerPath, formatDockerUri } from '../dumpUri';
import { FileByteSource } from '../local/fileByteSource';
import { downloadContainerFile, readHead } from './containerFiles';
import type { DockerClient } from './dockerClient';
import { DockerAccessError } from './dockerConnection';

/** Enough for the ELF header, the program headers and the build-id note of any common binary. */
const HEAD_LENGTH = 64 * 1024;

export interface BinaryRequest {
  /** Path inside the container, as the core recorded it. */
  path: string;
  /** The build-id the core says the file must have, when known. */
  buildId?: string;
}

export interface FetchedBinary {
  path: string;
  /** The verified local copy; undefined when the file could not be used (see `problem`). */
  localPath?: string;
  buildId?: string;
  /** True when the copy came from the build-id cache without a download. */
  reused: boolean;
  problem?: string;
}

export interface ContainerBinaries {
  /** Folder mirroring the container's paths: give it to the core analysis as a search path. */
  sysroot: string;
  files: FetchedBinary[];
}

async function fileBuildId(file: string): Promise<string | undefined> {
  const reader = new PagedReader(await FileByteSource.open(file));
  try {
    return await (await ElfFile.open(reader)).buildId();
  } finally {
    await reader.close();
  }
}

async function exists(file: string): Promise<boolean> {
  return (await fs.stat(file).catch(() => undefined))?.isFile() === true;
}

/** Hard-links `target` at `link` (replacing what is there), copying when links are not possible. */
async function linkInto(target: string, link: string): Promise<void> {
  await fs.mkdir(path.dirname(link), { recursive: true });
  const temporary = `${link}.${randomBytes(4).toString('hex')}.salvage-partial`;
  try {
    await fs.link(target, temporary).catch(() => fs.copyFile(target, temporary));
    await fs.rename(temporary, link);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

/** Pseudo paths in NT_FILE that are no file in the container ("[vdso]", "/dev/zero", memfd:...). */
function fetchable(file: string): boolean {
  return file.startsWith('/') && !file.startsWith('/dev/') && !file.startsWith('/proc/') && !file.startsWith('/memfd:') && !file.startsWith('/SYSV');
}

class BinaryFetcher {
  constructor(
    private readonly client: DockerClient,
    private readonly container: { id: string; name: string },
    private readonly storeDir: string,
    private readonly signal: AbortSignal | undefined,
  ) {}

  async fetch(request: BinaryRequest): Promise<FetchedBinary> {
    const label = formatDockerUri({ container: this.container.name, path: request.path });
    const ref = { client: this.client, container: this.container.id, path: request.path, label };
    try {
      const { head } = await readHead(ref, HEAD_LENGTH, this.signal);
      // Data files are mapped too (ICU tables, locale archives): not binaries, nothing to fetch.
      if (!ELF_MAGIC.every((b, i) => head[i] === b)) return { path: request.path, reused: false };
      const headId = buildIdFromHead(head, label);
      if (request.buildId !== undefined && headId !== undefined && headId !== request.buildId) {
        return { path: request.path, buildId: headId, reused: false, problem: `${label} has build-id ${headId}, but the core's process had ${request.buildId}: the container's file changed since the crash` };
      }
      const cached = headId === undefined ? storePathFor(path.join(this.storeDir, FILES_FOLDER), this.container, request.path) : path.join(this.storeDir, BUILD_ID_FOLDER, headId, path.posix.basename(request.path));
      const reused = headId !== undefined && (await exists(cached));
      if (!reused) {
        await fs.mkdir(path.dirname(cached), { recursive: true });
        await downloadContainerFile(ref, cached, { signal: this.signal });
        const downloadedId = await fileBuildId(cached);
        if (downloadedId !== headId) {
          await fs.rm(cached, { force: true });
          return { path: request.path, reused: false, problem: `${label} changed while it was copied (build-id ${String(headId)}, then ${String(downloadedId)})` };
        }
      }
      return { path: request.path, localPath: cached, buildId: headId, reused };
    } catch (error) {
      if (error instanceof DumpError || (error instanceof DockerAccessError && error.reason === 'notFound')) {
        return { path: request.path, reused: false, problem: error.message };
      }
      throw error;
    }
  }
}

/**
 * Fetches each requested file from the container (deduplicated; pseudo paths skipped) and links the
 * usable ones into the container's sysroot. Files that cannot be used are returned with a problem.
 */
export async function fetchContainerBinaries(client: DockerClient, container: { id: string; name: string }, requests: Array<string | BinaryRequest>, storeDir: string, signal?: AbortSignal): Promise<ContainerBinaries> {
  const sysroot = storePathFor(path.join(storeDir, SYSROOT_FOLDER), container, '/');
  const fetcher = new BinaryFetcher(client, container, storeDir, signal);
  const seen = new Set<string>();
  const files: FetchedBinary[] = [];
  for (const raw of requests) {
    const request = typeof raw === 'string' ? { path: raw } : raw;
    const recorded = request.path.replace(/ \(deleted\)$/, '');
    if (!fetchable(recorded) || seen.has(recorded)) continue;
    seen.add(recorded);
    let file: string;
    try {
      // Paths come from the core: a crafted one must not place a link outside the sysroot.
      file = containerPath(recorded, 'mapped file path');
    } catch (error) {
      files.push({ path: recorded, reused: false, problem: errorMessage(error) });
      continue;
    }
    const fetched = await fetcher.fetch({ ...request, path: file });
    if (fetched.localPath !== undefined) await linkInto(fetched.localPath, path.join(sysroot, ...file.split('/').filter((s) => s !== '')));
    files.push(fetched);
  }
  return { sysroot, files };
}
