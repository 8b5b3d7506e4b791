// Any source's dump may be compressed (a host's crash store keeps cores as .zst; a user moves a
// core as .xz): openDumpSource hands every opened dump through here, and a compressed one comes
// back as its decompressed copy in the store, read like any dump, its name still the one the user
// gave — so messages, the debug session and the core's reopen of itself all say and find it.

import type { ByteSource } from '../../engine/bytes/byteSource';
import type { DumpFiles } from '../../engine/dumpFiles';
import type { OpenedDumpSource, OpenSourceOptions } from '../dumpSource';
import { defaultStoreDir } from '../dumpStore';
import { FileByteSource } from '../local/fileByteSource';
import { type Compression, compressionLabel, detectCompression, MAGIC_LENGTH } from './compression';
import { decompressedCopy } from './decompressedCopy';

async function compressionOf(source: ByteSource): Promise<Compression | undefined> {
  return detectCompression(await source.read(0, MAGIC_LENGTH));
}

/** The dump's own files, where its name now opens the decompressed copy. */
function withCopy(files: DumpFiles, name: string, copy: string): DumpFiles {
  return {
    open: (file) => (file === name ? FileByteSource.open(copy, name) : files.open(file)),
    readText: (file) => files.readText(file),
    exists: (file) => files.exists(file),
  };
}

/** `opened` itself, or — when its bytes are compressed — its decompressed copy (closing `opened.source`). */
export async function openDecompressed(opened: OpenedDumpSource, options: OpenSourceOptions): Promise<OpenedDumpSource> {
  const compressed = opened.source;
  const compression = await compressionOf(compressed).catch(async (error: unknown) => {
    await compressed.close();
    throw error;
  });
  if (compression === undefined) return opened;
  let copy: string;
  try {
    copy = await decompressedCopy(compressed, compression, { storeDir: options.storeDir ?? defaultStoreDir(), signal: options.signal, onProgress: options.onProgress });
  } finally {
    await compressed.close();
  }
  const name = compressed.name;
  return {
    ...opened,
    source: await FileByteSource.open(copy, name),
    localPath: copy,
    compression: compressionLabel(compression),
    files: async (filesOptions) => withCopy(await opened.files(filesOptions), name, copy),
  };
}
