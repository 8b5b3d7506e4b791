// Opening a local file that claims to be a dump — or a binary a core needs — without ever
// blocking: a container decides what its files are, and a FIFO named `core` would make a plain
// open wait forever for a writer (a character device such as /dev/zero would be read forever). The
// file is opened non-blocking and checked on the descriptor itself, so nothing swapped in between
// a check and the open gets through; anything but a regular file is refused in one line.

import { constants, promises as fs, type Stats } from 'fs';
import { DumpError } from '../../engine/dumpError';

const NON_BLOCKING_READ = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY;

export interface OpenedFile {
  handle: fs.FileHandle;
  stat: Stats;
}

function whatItIs(stat: Stats): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isDirectory()) return 'a directory';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'not a file';
}

/** Opens `path` for reading if it is a regular file; a DumpError naming `name` otherwise. */
export async function openRegularFile(path: string, name = path): Promise<OpenedFile> {
  const handle = await fs.open(path, NON_BLOCKING_READ);
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new DumpError(name, `not a regular file (${whatItIs(stat)}): only regular files are read`);
    return { handle, stat };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
