// The files of a local dump: the host's own disk. Any failure (missing, a folder, a FIFO, no
// permission) is "no file": the engine then says what it looked for and did not find.

import { promises as fs } from 'fs';
import type { ByteSource } from '../../engine/bytes/byteSource';
import type { DumpFiles } from '../../engine/dumpFiles';
import { FileByteSource } from './fileByteSource';
import { openRegularFile } from './regularFile';

/** Scripts and source maps larger than this are not read: no real one is, and a string cannot be much larger. */
export const MAX_TEXT_BYTES = 256 * 1024 * 1024;

export const localFiles: DumpFiles = {
  async open(path: string): Promise<ByteSource | undefined> {
    try {
      return await FileByteSource.open(path);
    } catch {
      return undefined;
    }
  },

  async readText(path: string): Promise<string | undefined> {
    try {
      // Opened as a regular file only: a FIFO named like a source map must not block the read.
      const { handle, stat } = await openRegularFile(path);
      try {
        return stat.size > MAX_TEXT_BYTES ? undefined : await handle.readFile('utf8');
      } finally {
        await handle.close();
      }
    } catch {
      return undefined;
    }
  },

  async exists(path: string): Promise<boolean> {
    try {
      await fs.access(path);
      return true;
    } catch {
      return false;
    }
  },
};
