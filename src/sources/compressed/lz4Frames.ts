// LZ4 frames (the LZ4 Frame Format Description, v1.6.x), which systemd-coredump can be built to
// use, decoded here: the format is small, and the npm decoders either load the whole input into
// memory or need a native addon. Frames are read by position, block by block, so memory stays at
// one block (≤ 4 MiB) plus the 64 KiB window linked blocks may refer back into. Checksums are
// skipped, not verified: a bad block still fails on its structure, and the core reader bounds
// every read of what it decodes.

import type { ByteSource } from '../../engine/bytes/byteSource';
import { DumpError } from '../../engine/dumpError';
import { type Decoded, endsEarly } from './decoded';

const FRAME_MAGIC = 0x184d2204;
/** Skippable frames carry 0x184D2A50–0x184D2A5F and a length: their content is not ours. */
const SKIPPABLE_MAGIC = 0x184d2a50;
const SKIPPABLE_MASK = 0xfffffff0;
const UNCOMPRESSED_BLOCK = 0x80000000;
/** How far back a match in a linked block may reach (64 KiB - 1, so 64 KiB of history is enough). */
const WINDOW = 64 * 1024;
/** Block Maximum Size codes of the BD byte. */
const BLOCK_MAX: Record<number, number> = { 4: 64 * 1024, 5: 256 * 1024, 6: 1024 * 1024, 7: 4 * 1024 * 1024 };
/** A match is at least this long (LZ4 block format: "minmatch"). */
const MIN_MATCH = 4;

class FrameReader {
  constructor(private readonly source: ByteSource) {}

  /** Exactly `length` bytes at `offset`, or a DumpError saying the input ends early. */
  async bytes(offset: number, length: number): Promise<Uint8Array> {
    const bytes = length === 0 ? new Uint8Array(0) : await this.source.read(offset, length);
    if (bytes.length < length) throw endsEarly(this.source, 'LZ4');
    return bytes;
  }

  async u32(offset: number): Promise<number> {
    const b = await this.bytes(offset, 4);
    return (b[0] | (b[1] << 8) | (b[2] << 16) | (b[3] << 24)) >>> 0;
  }

  corrupt(what: string, offset: number): DumpError {
    return new DumpError(this.source.name, `corrupt LZ4 data: ${what}`, offset);
  }
}

export async function* decodeLz4(source: ByteSource, signal?: AbortSignal): AsyncGenerator<Decoded> {
  const reader = new FrameReader(source);
  let offset = 0;
  while (offset < source.size) {
    const magic = await reader.u32(offset);
    if ((magic & SKIPPABLE_MASK) >>> 0 === SKIPPABLE_MAGIC) {
      offset += 8 + (await reader.u32(offset + 4));
      continue;
    }
    if (magic !== FRAME_MAGIC) throw reader.corrupt(`no frame starts here (magic 0x${magic.toString(16)})`, offset);
    const [flags, bd] = await reader.bytes(offset + 4, 2);
    if (flags >> 6 !== 1) throw reader.corrupt(`frame version ${flags >> 6}, not 1`, offset + 4);
    if ((flags & 0x01) !== 0) throw new DumpError(source.name, 'the LZ4 frame needs a dictionary, which a dump never has', offset + 4);
    const blockMax = BLOCK_MAX[(bd >> 4) & 7];
    if (blockMax === undefined) throw reader.corrupt(`block size code ${(bd >> 4) & 7}`, offset + 5);
    const independent = (flags & 0x20) !== 0;
    const blockChecksums = (flags & 0x10) !== 0 ? 4 : 0;
    // Magic, FLG, BD, the optional content size, then the header checksum byte.
    offset += 6 + ((flags & 0x08) !== 0 ? 8 : 0) + 1;
    let history: Uint8Array = new Uint8Array(0);
    for (;;) {
      signal?.throwIfAborted();
      const word = await reader.u32(offset);
      if (word === 0) break;
      const size = (word & ~UNCOMPRESSED_BLOCK) >>> 0;
      if (size > blockMax) throw reader.corrupt(`a block of ${size} bytes in a frame of ${blockMax}-byte blocks`, offset);
      const data = await reader.bytes(offset + 4, size);
      const bytes = (word & UNCOMPRESSED_BLOCK) !== 0 ? data : decodeBlock(data, independent ? undefined : history, blockMax, (what, at) => reader.corrupt(what, offset + 4 + at));
      offset += 4 + size + blockChecksums;
      yield { bytes, consumed: offset };
      if (!independent) history = lastWindow(history, bytes);
    }
    // The end mark, then the content checksum when the frame has one.
    const trailer = 4 + ((flags & 0x04) !== 0 ? 4 : 0);
    await reader.bytes(offset, trailer);
    offset += trailer;
  }
}

/** The last WINDOW bytes of `history` followed by `block`. */
function lastWindow(history: Uint8Array, block: Uint8Array): Uint8Array {
  if (block.length >= WINDOW) return block.slice(block.length - WINDOW);
  const kept = Math.min(history.length, WINDOW - block.length);
  const window = new Uint8Array(kept + block.length);
  window.set(history.subarray(history.length - kept));
  window.set(block, kept);
  return window;
}

/** One LZ4 block: sequences of literals and back-references, the last one literals only. */
function decodeBlock(input: Uint8Array, history: Uint8Array | undefined, blockMax: number, corrupt: (what: string, at: number) => Error): Uint8Array {
  const start = history?.length ?? 0;
  const out = new Uint8Array(start + blockMax);
  if (history !== undefined) out.set(history);
  let op = start;
  let ip = 0;
  // A nibble of 15 means more length follows, byte by byte, until a byte that is not 255.
  const length = (nibble: number): number => {
    let total = nibble;
    if (nibble !== 15) return total;
    for (;;) {
      if (ip >= input.length) throw corrupt('a length runs past the block', ip);
      const b = input[ip++];
      total += b;
      if (b !== 255) return total;
    }
  };
  while (ip < input.length) {
    const token = input[ip++];
    const literals = length(token >> 4);
    if (ip + literals > input.length || op + literals > out.length) throw corrupt('literals run past the block', ip);
    // Most runs are a few bytes: a loop beats making a subarray for them.
    if (literals < 32) for (let i = 0; i < literals; i++) out[op++] = input[ip++];
    else {
      out.set(input.subarray(ip, ip + literals), op);
      ip += literals;
      op += literals;
    }
    if (ip === input.length) break;
    if (ip + 2 > input.length) throw corrupt('a match offset runs past the block', ip);
    const distance = input[ip] | (input[ip + 1] << 8);
    ip += 2;
    if (distance === 0 || distance > op) throw corrupt(`a match reaches ${distance} bytes back, before the data`, ip - 2);
    let remaining = length(token & 15) + MIN_MATCH;
    if (op + remaining > out.length) throw corrupt('a match runs past the block', ip);
    // An overlapping match repeats its pattern: copy in spans that double as the copy proceeds.
    let from = op - distance;
    if (remaining < 32) {
      while (remaining-- > 0) out[op++] = out[from++];
      continue;
    }
    while (remaining > 0) {
      const span = Math.min(remaining, op - from);
      out.copyWithin(op, from, from + span);
      op += span;
      remaining -= span;
    }
  }
  // `out` is this block's own buffer: the view needs no copy.
  return out.subarray(start, op);
}
