// The resolver never touches the file system itself: where scripts and maps are read from (local
// disk, a container's file system, a test's in-memory table) is chosen by whoever constructs it.

import { promises as fs } from 'fs';

/** Reads whole text files; resolves `undefined` when the file does not exist or cannot be read. */
export interface TextFileReader {
  readText(path: string): Promise<string | undefined>;
}

/** Reads from the local file system. Any failure (missing, a folder, no permission) is "no file". */
export const nodeFileReader: TextFileReader = {
  async readText(path: string): Promise<string | undefined> {
    try {
      return await fs.readFile(path, 'utf8');
    } catch {
      return undefined;
    }
  },
};

/** Whether `path` exists on the local file system. */
export async function nodeFileExists(path: string): Promise<boolean> {
  try {
    await fs.access(path);
    return true;
  } catch {
    return false;
  }
}
