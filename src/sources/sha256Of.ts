// The SHA-256 of a dump's bytes, read as a stream: a dump's identity, whatever it is called.

import { createHash } from 'crypto';
import type { ByteSource } from '../engine/bytes/byteSource';
import { inputChunks } from './compressed/inputChunks';

export async function sha256Of(source: ByteSource, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  for await (const { bytes } of inputChunks(source, signal)) hash.update(bytes);
  return hash.digest('hex');
}
