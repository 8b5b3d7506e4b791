// Writing a file so that it either appears whole or not at all: the bytes go to a temporary name in
// the destination folder (same file system, so the final rename is atomic), are fsynced, then
// renamed over the destination and the folder is fsynced. Any failure or cancellation removes the
// temporary file: a crash can never leave a half-copied dump that looks complete.

import { randomBytes } from 'crypto';
import { promises as fs } from 'fs';
import * as path from 'path';

export interface WrittenFile {
  path: string;
  size: number;
}

/** Suffix of temporary files, so a folder listing (and a human) can tell them apart. */
export const PARTIAL_SUFFIX = '.salvage-partial';

export class AtomicFile {
  /** Bytes the file holds so far: those written and the holes left (skip). */
  private written = 0;

  private constructor(
    readonly destination: string,
    readonly temporary: string,
    private readonly handle: fs.FileHandle,
  ) {}

  /** Opens a new temporary file beside `destination`. Dumps hold secrets: only the owner may read it. */
  static async create(destination: string): Promise<AtomicFile> {
    const dir = path.dirname(destination);
    const temporary = path.join(dir, `.${path.basename(destination)}.${randomBytes(6).toString('hex')}${PARTIAL_SUFFIX}`);
    const handle = await fs.open(temporary, 'wx', 0o600);
    return new AtomicFile(destination, temporary, handle);
  }

  get size(): number {
    return this.written;
  }

  async write(bytes: Uint8Array): Promise<void> {
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await this.handle.write(bytes, offset, bytes.length - offset, this.written + offset);
      offset += bytesWritten;
    }
    this.written += bytes.length;
  }

  /** `length` zero bytes, left as a hole (a sparse file) rather than written: a core is mostly zero pages. */
  skip(length: number): void {
    this.written += length;
  }

  /** Makes the file durable and gives it its final name. */
  async commit(): Promise<WrittenFile> {
    try {
      // A trailing hole has no bytes yet: the size makes it part of the file.
      if ((await this.handle.stat()).size < this.written) await this.handle.truncate(this.written);
      await this.handle.sync();
    } finally {
      await this.handle.close();
    }
    await fs.rename(this.temporary, this.destination);
    await syncFolder(path.dirname(this.destination));
    return { path: this.destination, size: this.written };
  }

  /** Removes the temporary file; safe to call after a failed commit. */
  async abort(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await fs.rm(this.temporary, { force: true });
  }
}

/** fsync of a folder, so a rename survives a power cut; not every platform allows it. */
async function syncFolder(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r').catch(() => undefined);
  if (handle === undefined) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}

/**
 * Runs `produce` against a temporary file and commits it as `destination`; when `produce` throws
 * (or the signal aborts), nothing is left behind and the error is rethrown.
 */
export async function writeAtomically(destination: string, produce: (file: AtomicFile) => Promise<void>, signal?: AbortSignal): Promise<WrittenFile> {
  signal?.throwIfAborted();
  const file = await AtomicFile.create(destination);
  try {
    await produce(file);
    signal?.throwIfAborted();
    return await file.commit();
  } catch (error) {
    await file.abort();
    throw error;
  }
}
