// Compressed dumps, recognised by content: the host's crash handler stores cores compressed
// (systemd-coredump: zstd by default, lz4 or xz when built so; apport: gzip inside its report), and
// people compress dumps to move them. Each format's decoder yields the decompressed bytes in order with how much input it has
// consumed, so a copy can show progress and say where corrupt or truncated input stops.

import { APPORT_MAGIC, decodeApportReport } from './apportReport';
import type { Decoder } from './decoded';
import { decodeLz4 } from './lz4Frames';
import { decodeXz } from './xzStream';
import { decodeZstd } from './zstdStream';

export type Compression = 'zstd' | 'lz4' | 'xz' | 'apport';

interface Format {
  magic: number[];
  label: string;
  decode: Decoder;
}

/** Each format's frame magic (RFC 8878 §3.1.1; the LZ4 frame format §2; the .xz file format §2.1.1.1). */
const FORMATS: Record<Compression, Format> = {
  zstd: { magic: [0x28, 0xb5, 0x2f, 0xfd], label: 'zstd', decode: decodeZstd },
  lz4: { magic: [0x04, 0x22, 0x4d, 0x18], label: 'LZ4', decode: decodeLz4 },
  xz: { magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], label: 'xz', decode: decodeXz },
  // Not a compressor's own format, but a core inside a report, compressed: it opens the same way.
  apport: { magic: APPORT_MAGIC, label: 'apport .crash', decode: decodeApportReport },
};

/** Bytes enough to tell every format apart. */
export const MAGIC_LENGTH = Math.max(...Object.values(FORMATS).map((f) => f.magic.length));

/** The compression a file's first bytes announce, if any. */
export function detectCompression(head: Uint8Array): Compression | undefined {
  return (Object.keys(FORMATS) as Compression[]).find((c) => FORMATS[c].magic.every((b, i) => head[i] === b));
}

export function compressionLabel(compression: Compression): string {
  return FORMATS[compression].label;
}

export function decoderFor(compression: Compression): Decoder {
  return FORMATS[compression].decode;
}
