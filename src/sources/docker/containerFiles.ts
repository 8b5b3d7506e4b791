// Reading one file of a container through the archive endpoint: its first bytes (to classify it),
// or all of it into a local file, atomically. The tar stream is read by the strict single-file
// reader, so a link, a device, a second entry or a name that climbs out is refused, never written.

import { createHash } from 'crypto';
import type { IncomingMessage } from 'http';
import * as path from 'path';
import type { DumpKind } from '../../engine/crash';
import { detectDumpKind, SNIFF_LENGTH } from '../../engine/dumpKind';
import { type WrittenFile, writeAtomically } from '../atomicFile';
import { extractSingleFile, readSingleFileHead, type TarFile, type TarHead } from '../tar/singleFileTar';
import type { DockerClient } from './dockerClient';
import { DockerAccessError } from './dockerConnection';

export interface ContainerFileRef {
  client: DockerClient;
  /** Container id (preferred: stable while names change) or name. */
  container: string;
  /** Absolute path inside the container. */
  path: string;
  /** How to name it in messages: a docker:// URI. */
  label: string;
}

export interface Progress {
  bytes: number;
  /** From the tar header; known once the first block has arrived. */
  total?: number;
}

export interface DownloadOptions {
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
}

export interface DownloadedFile extends WrittenFile {
  /** Lower-case hex SHA-256 of the bytes received. */
  sha256: string;
  file: TarFile;
}

/** Reads the first `length` content bytes, then drops the stream: classification costs kilobytes. */
export async function readHead(ref: ContainerFileRef, length: number, signal?: AbortSignal): Promise<TarHead> {
  const stream = await ref.client.archive(ref.container, ref.path, signal);
  try {
    return await readSingleFileHead(stream, ref.label, path.posix.basename(ref.path), length);
  } finally {
    stream.destroy();
  }
}

export interface SniffedFile {
  kind: DumpKind;
  size: number;
  mtimeMs: number;
}

/** The kind of dump at `ref.path`, decided by content (the engine's detectDumpKind). */
export async function sniffContainerFile(ref: ContainerFileRef, signal?: AbortSignal): Promise<SniffedFile> {
  const { file, head } = await readHead(ref, SNIFF_LENGTH, signal);
  return { kind: detectDumpKind(head), size: file.size, mtimeMs: file.mtimeMs };
}

async function copyInto(stream: IncomingMessage, ref: ContainerFileRef, destination: string, options: DownloadOptions): Promise<DownloadedFile> {
  let file: TarFile | undefined;
  const hash = createHash('sha256');
  const written = await writeAtomically(
    destination,
    async (out) => {
      file = await extractSingleFile(stream, ref.label, path.posix.basename(ref.path), async (bytes, entry) => {
        hash.update(bytes);
        await out.write(bytes);
        options.onProgress?.({ bytes: out.size, total: entry.size });
      });
      if (out.size !== file.size) throw new DockerAccessError(`${ref.label}: received ${out.size} of ${file.size} bytes`, 'engine');
    },
    options.signal,
  );
  if (file === undefined) throw new DockerAccessError(`${ref.label}: the archive held no file`, 'engine');
  return { ...written, sha256: hash.digest('hex'), file };
}

/**
 * Copies the file to `destination` (temporary name, fsync, rename): on any failure or cancellation
 * no file is left behind. A connection that breaks mid-way is reported as such.
 */
export async function downloadContainerFile(ref: ContainerFileRef, destination: string, options: DownloadOptions = {}): Promise<DownloadedFile> {
  const stream = await ref.client.archive(ref.container, ref.path, options.signal);
  try {
    return await copyInto(stream, ref, destination, options);
  } catch (error) {
    if (options.signal?.aborted) throw new DockerAccessError(`${ref.label}: download cancelled`, 'engine');
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || (error instanceof Error && error.message === 'aborted')) {
      throw new DockerAccessError(`${ref.label}: the connection to Docker at ${ref.client.endpoint.host} broke during the download`, 'unreachable');
    }
    throw error;
  } finally {
    stream.destroy();
  }
}

/**
 * The whole of a small text file (a script, a source map), decoded as UTF-8; undefined when it is
 * larger than `maxBytes`, so a container cannot make Salvage hold more than that for one file.
 */
export async function readContainerText(ref: ContainerFileRef, maxBytes: number, signal?: AbortSignal): Promise<string | undefined> {
  const stream = await ref.client.archive(ref.container, ref.path, signal);
  const chunks: Uint8Array[] = [];
  let tooLarge = false;
  try {
    await extractSingleFile(stream, ref.label, path.posix.basename(ref.path), async (bytes, entry) => {
      if (entry.size > maxBytes) {
        tooLarge = true;
        stream.destroy();
        return;
      }
      chunks.push(Uint8Array.prototype.slice.call(bytes));
    });
  } catch (error) {
    if (tooLarge) return undefined;
    throw error;
  } finally {
    stream.destroy();
  }
  return tooLarge ? undefined : Buffer.concat(chunks).toString('utf8');
}
