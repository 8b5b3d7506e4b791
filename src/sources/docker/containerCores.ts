// A core copied out of a container is read with that container's binaries, not the host's: the
// files its NT_FILE note names are fetched from the same container (cached by build-id) and offered
// to the core analysis as a sysroot search path. The analysis itself then checks each file's
// build-id against the one the core recorded, so a container whose files changed since the crash
// is reported, never silently used.

import type { ByteSource } from '../../engine/bytes/byteSource';
import { readCoreModel } from '../../engine/core/coreModel';
import { ElfFile } from '../../engine/elf/elfFile';
import { PagedReader } from '../../engine/elf/pagedReader';
import type { ContainerOrigin } from '../dumpStore';
import { fetchContainerBinaries } from './containerBinaries';
import { DockerClient } from './dockerClient';
import { endpointForContext } from './dockerEndpoints';

export interface ContainerCoreSupport {
  /** Give these to the core analysis as search paths, before any the user chose. */
  searchPaths: string[];
  /** Files that could not be fetched, in words. */
  problems: string[];
  /** Files fetched (or found in the build-id cache). */
  fetched: number;
}

/** The paths of the files the core's process had mapped (NT_FILE), in note order, without repeats. */
export async function mappedFiles(core: ByteSource): Promise<string[]> {
  // The reader is not closed here: it would close `core`, which belongs to the caller.
  const model = await readCoreModel(await ElfFile.open(new PagedReader(core)));
  return [...new Set(model.mappings.map((m) => m.path))];
}

/** Fetches the binaries a container's core needs from the container the metadata names. */
export async function containerCoreSupport(core: ByteSource, metadata: ContainerOrigin, storeDir: string, signal?: AbortSignal): Promise<ContainerCoreSupport> {
  const paths = await mappedFiles(core);
  const client = await DockerClient.open(await endpointForContext(metadata.endpoint.context));
  const result = await fetchContainerBinaries(client, { id: metadata.container.id, name: metadata.container.name }, paths, storeDir, signal);
  const usable = result.files.filter((f) => f.localPath !== undefined);
  return { searchPaths: [result.sysroot], problems: result.files.flatMap((f) => (f.problem === undefined ? [] : [f.problem])), fetched: usable.length };
}
