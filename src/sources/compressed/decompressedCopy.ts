// A compressed dump, decompressed once into the dump store: a core is read by position, thousands
// of small reads, which no compressed stream can serve. The copy is named by the SHA-256 of the
// compressed bytes, so a second open of the same dump (under any name, from any source) finds it
// and decodes nothing; it appears whole or not at all (writeAtomically), and cancelling removes it.
// Zero blocks stay holes (sparseWriter.ts).

import { promises as fs } from 'fs';
import * as path from 'path';
import type { ByteSource } from '../../engine/bytes/byteSource';
import { writeAtomically } from '../atomicFile';
import { sha256Of } from '../sha256Of';
import { type Compression, decoderFor } from './compression';
import { SparseWriter } from './sparseWriter';

export const DECOMPRESSED_FOLDER = 'decompressed';

export interface DecompressOptions {
  storeDir: string;
  signal?: AbortSignal;
  /** Compressed bytes decoded so far, of all of them. */
  onProgress?: (progress: { bytes: number; total?: number }) => void;
}

/** Names start with the checksum, then say which dump they are (without the compression's extension). */
function copyName(sha256: string, name: string): string {
  const base = path.basename(name).replace(/\.(zst|zstd|lz4|xz)$/i, '');
  return `${sha256}-${base.replace(/[^a-zA-Z0-9_.-]/g, '_').slice(0, 100)}`;
}

/** A copy already made from the same compressed bytes, whatever the dump was called then. */
async function existingCopy(folder: string, sha256: string): Promise<string | undefined> {
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  const name = names.find((n) => n.startsWith(`${sha256}-`));
  return name === undefined ? undefined : path.join(folder, name);
}

/** The path of the decompressed copy of `source`, made now unless the store already holds it. */
export async function decompressedCopy(source: ByteSource, compression: Compression, options: DecompressOptions): Promise<string> {
  const folder = path.join(options.storeDir, DECOMPRESSED_FOLDER);
  const sha256 = await sha256Of(source, options.signal);
  const existing = await existingCopy(folder, sha256);
  if (existing !== undefined) return existing;
  const destination = path.join(folder, copyName(sha256, source.name));
  await fs.mkdir(folder, { recursive: true, mode: 0o700 });
  await writeAtomically(
    destination,
    async (file) => {
      const out = new SparseWriter(file);
      for await (const { bytes, consumed } of decoderFor(compression)(source, options.signal)) {
        await out.write(bytes);
        options.onProgress?.({ bytes: consumed, total: source.size });
      }
      await out.flush();
    },
    options.signal,
  );
  return destination;
}
