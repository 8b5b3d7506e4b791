// The compressed input, read in order in chunks of a fixed size: every decoder but LZ4's (which
// reads its frames by position) is fed this way, and each chunk is a fresh buffer, since a decoder
// may keep a reference to what it was given.

import type { ByteSource } from '../../engine/bytes/byteSource';

/** Large enough that per-chunk costs vanish, small enough that cancel and progress stay prompt. */
const INPUT_CHUNK = 1024 * 1024;

export async function* inputChunks(source: ByteSource, signal?: AbortSignal): AsyncGenerator<{ bytes: Uint8Array; end: number }> {
  for (let offset = 0; offset < source.size;) {
    signal?.throwIfAborted();
    const bytes = await source.read(offset, Math.min(INPUT_CHUNK, source.size - offset));
    if (bytes.length === 0) return;
    offset += bytes.length;
    yield { bytes, end: offset };
  }
}
