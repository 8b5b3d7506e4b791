// A ByteSource over a local file: positioned reads through one open descriptor, nothing buffered
// beyond what the caller asked for, so a multi-GB dump costs only the ranges actually read.

import type { promises as fs } from 'fs';
import type { ByteSource } from '../../engine/bytes/byteSource';
import { openRegularFile } from './regularFile';

export class FileByteSource implements ByteSource {
  private constructor(
    readonly name: string,
    readonly size: number,
    private readonly handle: fs.FileHandle,
  ) {}

  /** `name` is what messages call the dump: the path, or the docker:// URI a stored copy came from. */
  static async open(path: string, name = path): Promise<FileByteSource> {
    const { handle, stat } = await openRegularFile(path, name);
    return new FileByteSource(name, stat.size, handle);
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const wanted = Math.max(0, Math.min(length, this.size - offset));
    const buffer = Buffer.alloc(wanted);
    let filled = 0;
    // A positioned read may return fewer bytes than asked (pipes, network file systems): loop.
    while (filled < wanted) {
      const { bytesRead } = await this.handle.read(buffer, filled, wanted - filled, offset + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return filled === wanted ? buffer : buffer.subarray(0, filled);
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

/** Opens `path`, runs `use`, and always closes the file. */
export async function withFile<T>(path: string, use: (source: ByteSource) => Promise<T>): Promise<T> {
  const source = await FileByteSource.open(path);
  try {
    return await use(source);
  } finally {
    await source.close();
  }
}
