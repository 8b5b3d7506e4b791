// How the adapter lets the engine open the files a core refers to (its binaries and libraries, and
// the core itself again, which a session keeps reading for memory): local files, where a missing
// or unreadable one is simply "not there" — the engine then says what it looked for.

import type { ByteSource } from '../../engine/bytes/byteSource';
import { FileByteSource } from '../../sources/local/fileByteSource';

export async function openLocalFile(file: string): Promise<ByteSource | undefined> {
  try {
    return await FileByteSource.open(file);
  } catch {
    return undefined;
  }
}
