// The policy for copying one file out of a container: the archive must hold exactly one entry, a
// regular file with the name asked for. Anything else — a second entry, a link, a device, a
// directory, another name — rejects the whole archive before a byte of it is used.

import { DumpError } from '../../engine/dumpError';
import { type TarEntry, TarParser } from './tarParser';

export interface TarFile {
  name: string;
  size: number;
  mode: number;
  mtimeMs: number;
}

const NOT_A_FILE: Record<Exclude<TarEntry['type'], 'file'>, string> = {
  hardlink: 'a hard link',
  symlink: 'a symbolic link',
  chardev: 'a character device',
  blockdev: 'a block device',
  directory: 'a directory',
  fifo: 'a FIFO',
};

function describe(entry: TarEntry): string {
  if (entry.type === 'file') return 'a regular file';
  const link = entry.type === 'symlink' || entry.type === 'hardlink' ? ` to ${JSON.stringify(entry.linkName)}` : '';
  return `${NOT_A_FILE[entry.type]}${link}`;
}

class SingleFileReader {
  private file: TarEntry | undefined;
  private received = 0;
  private pending: Uint8Array[] = [];
  readonly parser: TarParser;

  constructor(
    private readonly archiveName: string,
    private readonly expectedName: string,
  ) {
    this.parser = new TarParser(archiveName, {
      entry: (entry) => this.onEntry(entry),
      data: (bytes) => {
        this.received += bytes.length;
        this.pending.push(bytes);
      },
    });
  }

  get entry(): TarEntry | undefined {
    return this.file;
  }

  get bytesReceived(): number {
    return this.received;
  }

  private onEntry(entry: TarEntry): void {
    const fail = (problem: string): never => {
      throw new DumpError(this.archiveName, problem, entry.offset);
    };
    if (this.file !== undefined) fail(`the archive holds more than the one file asked for (also ${JSON.stringify(entry.name)})`);
    if (entry.type !== 'file') fail(`${JSON.stringify(entry.name)} is ${describe(entry)}; only regular files are read`);
    if (entry.name !== this.expectedName) fail(`the archive holds ${JSON.stringify(entry.name)}, not the file asked for (${JSON.stringify(this.expectedName)})`);
    this.file = entry;
  }

  /** Feeds a chunk; returns the content slices it held (views into `chunk`). */
  push(chunk: Uint8Array): Uint8Array[] {
    this.parser.push(chunk);
    const out = this.pending;
    this.pending = [];
    return out;
  }

  result(): TarFile {
    this.parser.finish();
    if (this.file === undefined) throw new DumpError(this.archiveName, 'the archive holds no file', 0);
    const { name, size, mode, mtimeMs } = this.file;
    return { name, size, mode, mtimeMs };
  }
}

/**
 * Copies the one regular file `expectedName` out of a tar stream into `write`, chunk by chunk (the
 * stream's own backpressure applies). Throws DumpError for any archive that is not exactly that.
 */
export async function extractSingleFile(archive: AsyncIterable<Uint8Array>, archiveName: string, expectedName: string, write: (bytes: Uint8Array, file: TarFile) => Promise<void>): Promise<TarFile> {
  const reader = new SingleFileReader(archiveName, expectedName);
  for await (const chunk of archive) {
    for (const slice of reader.push(chunk)) {
      const entry = reader.entry;
      if (entry !== undefined) await write(slice, entry);
    }
    if (reader.parser.done) break;
  }
  return reader.result();
}

export interface TarHead {
  file: TarFile;
  /** The first bytes of the file's content: up to the length asked for, fewer for a short file. */
  head: Uint8Array;
}

/**
 * Reads only the header and first `length` content bytes of the one file, then stops: the caller
 * destroys the stream, so classifying a multi-GB core costs a few kilobytes.
 */
export async function readSingleFileHead(archive: AsyncIterable<Uint8Array>, archiveName: string, expectedName: string, length: number): Promise<TarHead> {
  const reader = new SingleFileReader(archiveName, expectedName);
  const head = new Uint8Array(length);
  let filled = 0;
  for await (const chunk of archive) {
    for (const slice of reader.push(chunk)) {
      const take = Math.min(slice.length, length - filled);
      head.set(slice.subarray(0, take), filled);
      filled += take;
    }
    const entry = reader.entry;
    if (entry !== undefined && filled >= Math.min(length, entry.size)) {
      return { file: { name: entry.name, size: entry.size, mode: entry.mode, mtimeMs: entry.mtimeMs }, head: head.subarray(0, filled) };
    }
    if (reader.parser.done) break;
  }
  const file = reader.result();
  return { file, head: head.subarray(0, filled) };
}
