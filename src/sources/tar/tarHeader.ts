// One 512-byte tar header block, decoded strictly (POSIX.1-2001 pax "ustar Interchange Format",
// plus the GNU variant Docker's Go writer and GNU tar produce). Archives come from a Docker Engine
// we do not control, so every field is validated: checksum, magic, octal or base-256 numbers, and
// nothing outside those fields is trusted.

export const BLOCK_SIZE = 512;

/** What an entry is, from its typeflag byte (ustar "typeflag"; 'x', 'g', 'L', 'K' are extensions). */
export type RawEntryType = 'file' | 'hardlink' | 'symlink' | 'chardev' | 'blockdev' | 'directory' | 'fifo' | 'paxHeader' | 'paxGlobalHeader' | 'gnuLongName' | 'gnuLongLink' | 'unsupported';

export interface RawHeader {
  /** Name as the block spells it: ustar prefix + "/" + name, or just name. */
  name: string;
  linkName: string;
  type: RawEntryType;
  /** The typeflag character, for messages about unsupported types. */
  typeFlag: string;
  size: number;
  mode: number;
  mtimeMs: number;
}

const TYPE_FLAGS: Record<string, RawEntryType> = {
  '0': 'file',
  '\0': 'file',
  // "Reserved, treat as regular file" (ustar): contiguous files.
  '7': 'file',
  '1': 'hardlink',
  '2': 'symlink',
  '3': 'chardev',
  '4': 'blockdev',
  '5': 'directory',
  '6': 'fifo',
  x: 'paxHeader',
  g: 'paxGlobalHeader',
  L: 'gnuLongName',
  K: 'gnuLongLink',
};

/** Field offsets and lengths of the ustar header. */
const NAME = [0, 100] as const;
const MODE = [100, 8] as const;
const SIZE = [124, 12] as const;
const MTIME = [136, 12] as const;
const CHECKSUM = [148, 8] as const;
const TYPEFLAG = 156;
const LINKNAME = [157, 100] as const;
const MAGIC = [257, 8] as const;
const PREFIX = [345, 155] as const;

/** "ustar\0" + version "00": POSIX; "ustar  \0": GNU (whose bytes 345.. are not a prefix). */
const POSIX_MAGIC = 'ustar\u000000';
const GNU_MAGIC = 'ustar  \u0000';

export class HeaderProblem extends Error {}

export function isZeroBlock(block: Uint8Array): boolean {
  for (let i = 0; i < BLOCK_SIZE; i++) if (block[i] !== 0) return false;
  return true;
}

function latin1(block: Uint8Array, [start, length]: readonly [number, number]): string {
  return Buffer.from(block.buffer, block.byteOffset + start, length).toString('latin1');
}

/** A NUL-terminated text field, decoded as UTF-8 (what Go and GNU tar write). */
function text(block: Uint8Array, [start, length]: readonly [number, number]): string {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return Buffer.from(field.subarray(0, end < 0 ? length : end)).toString('utf8');
}

/**
 * A numeric field: octal digits with optional leading spaces, ended by NUL or space (ustar), or
 * GNU's base-256 form (first byte 0x80, big-endian value in the rest) used for sizes >= 8 GiB.
 */
export function parseNumber(block: Uint8Array, [start, length]: readonly [number, number], what: string): number {
  const field = block.subarray(start, start + length);
  if (field[0] === 0x80) {
    let value = 0;
    for (let i = 1; i < length; i++) {
      value = value * 256 + field[i];
      if (!Number.isSafeInteger(value)) throw new HeaderProblem(`${what} is too large`);
    }
    return value;
  }
  if ((field[0] & 0x80) !== 0) throw new HeaderProblem(`${what} is negative or malformed`);
  const raw = latin1(block, [start, length]);
  const match = /^ *([0-7]*)[ \0]*$/.exec(raw);
  if (match === null) throw new HeaderProblem(`${what} is not an octal number: ${JSON.stringify(raw)}`);
  const value = match[1] === '' ? 0 : parseInt(match[1], 8);
  if (!Number.isSafeInteger(value)) throw new HeaderProblem(`${what} is too large`);
  return value;
}

/** The header checksum: the sum of all bytes with the checksum field counted as spaces. */
function checksums(block: Uint8Array): { unsigned: number; signed: number } {
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK_SIZE; i++) {
    const byte = i >= CHECKSUM[0] && i < CHECKSUM[0] + CHECKSUM[1] ? 0x20 : block[i];
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  return { unsigned, signed };
}

/** Decodes one non-zero header block; throws HeaderProblem naming the bad field. */
export function parseHeader(block: Uint8Array): RawHeader {
  const recorded = parseNumber(block, CHECKSUM, 'header checksum');
  const { unsigned, signed } = checksums(block);
  // POSIX says unsigned; some historic writers summed signed chars, and GNU tar accepts both.
  if (recorded !== unsigned && recorded !== signed) throw new HeaderProblem(`header checksum mismatch (recorded ${recorded}, computed ${unsigned})`);
  const magic = latin1(block, MAGIC);
  if (magic !== POSIX_MAGIC && magic !== GNU_MAGIC) throw new HeaderProblem('not a ustar, pax or GNU tar header (bad magic)');
  const name = text(block, NAME);
  const prefix = magic === POSIX_MAGIC ? text(block, PREFIX) : '';
  const typeFlag = String.fromCharCode(block[TYPEFLAG]);
  return {
    name: prefix === '' ? name : `${prefix}/${name}`,
    linkName: text(block, LINKNAME),
    type: TYPE_FLAGS[typeFlag] ?? 'unsupported',
    typeFlag,
    size: parseNumber(block, SIZE, 'entry size'),
    mode: parseNumber(block, MODE, 'entry mode'),
    mtimeMs: parseNumber(block, MTIME, 'entry time') * 1000,
  };
}
