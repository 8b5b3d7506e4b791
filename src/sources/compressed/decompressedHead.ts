// The first bytes a compressed file decompresses to, for telling what kind of dump it holds without
// decoding the rest (a listing sniffs every candidate file).

import type { ByteSource } from '../../engine/bytes/byteSource';
import { type Compression, decoderFor } from './compression';

export async function decompressedHead(source: ByteSource, compression: Compression, length: number): Promise<Uint8Array> {
  const head = new Uint8Array(length);
  let filled = 0;
  for await (const { bytes } of decoderFor(compression)(source)) {
    const taken = Math.min(bytes.length, length - filled);
    head.set(bytes.subarray(0, taken), filled);
    filled += taken;
    if (filled === length) break;
  }
  return head.subarray(0, filled);
}
