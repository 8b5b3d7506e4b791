// A bounds-checked little-endian reader over bytes taken from a file. Every ELF, note, CFI and DWARF
// parser reads through one of these, so a count or offset that runs past the data becomes a
// DumpError naming the file, what was being read and the byte offset in the file — never a
// RangeError from a DataView deep inside a parser.

import { DumpError } from '../dumpError';

/** Largest integer a JS number holds exactly; larger values from a file are refused, not rounded. */
const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

export class ByteCursor {
  private readonly view: DataView;
  /** Position within `bytes`. */
  pos = 0;

  /**
   * @param file     name used in errors
   * @param what     what these bytes are (".eh_frame", "NT_FILE note"), used in errors
   * @param fileOffset where `bytes[0]` lives in the file, so errors report file offsets
   */
  constructor(
    readonly bytes: Uint8Array,
    readonly file: string,
    readonly what: string,
    readonly fileOffset: number,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  get length(): number {
    return this.bytes.length;
  }

  get remaining(): number {
    return this.bytes.length - this.pos;
  }

  /** Throws a DumpError located at the current position. */
  fail(problem: string, at = this.pos): never {
    throw new DumpError(this.file, `${this.what}: ${problem}`, this.fileOffset + at);
  }

  private need(n: number): number {
    const at = this.pos;
    if (n < 0 || at + n > this.bytes.length) this.fail(`truncated (needs ${n} more bytes, ${Math.max(0, this.bytes.length - at)} left)`);
    this.pos = at + n;
    return at;
  }

  seek(pos: number): this {
    if (pos < 0 || pos > this.bytes.length) this.fail(`offset ${pos} is outside the ${this.bytes.length} bytes available`, Math.min(Math.max(pos, 0), this.bytes.length));
    this.pos = pos;
    return this;
  }

  skip(n: number): void {
    this.need(n);
  }

  u8(): number {
    return this.bytes[this.need(1)];
  }

  i8(): number {
    return this.view.getInt8(this.need(1));
  }

  u16(): number {
    return this.view.getUint16(this.need(2), true);
  }

  i16(): number {
    return this.view.getInt16(this.need(2), true);
  }

  u32(): number {
    return this.view.getUint32(this.need(4), true);
  }

  i32(): number {
    return this.view.getInt32(this.need(4), true);
  }

  u64(): bigint {
    return this.view.getBigUint64(this.need(8), true);
  }

  i64(): bigint {
    return this.view.getBigInt64(this.need(8), true);
  }

  /** A u64 used as an offset, size or count: refused when it cannot be an exact JS number. */
  u64n(): number {
    const at = this.pos;
    const value = this.u64();
    if (value > MAX_EXACT) this.fail(`value 0x${value.toString(16)} is too large to be an offset or size`, at);
    return Number(value);
  }

  /** Unsigned LEB128 (DWARF 5 §7.6), refused beyond 2^53. */
  uleb(): number {
    let result = 0;
    let scale = 1;
    const at = this.pos;
    for (;;) {
      const byte = this.u8();
      result += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) break;
      scale *= 128;
      if (scale > 2 ** 56) this.fail('LEB128 number is too long', at);
    }
    if (result > Number.MAX_SAFE_INTEGER) this.fail('LEB128 number is too large', at);
    return result;
  }

  /** Unsigned LEB128 of any width (DWARF expression operands, which may be full 64-bit values). */
  ulebBig(): bigint {
    let result = 0n;
    let shift = 0n;
    const at = this.pos;
    for (;;) {
      const byte = this.u8();
      result |= BigInt(byte & 0x7f) << shift;
      shift += 7n;
      if ((byte & 0x80) === 0) return BigInt.asUintN(64, result);
      if (shift > 70n) this.fail('LEB128 number is too long', at);
    }
  }

  /** Signed LEB128. */
  sleb(): number {
    return Number(this.slebBig());
  }

  slebBig(): bigint {
    let result = 0n;
    let shift = 0n;
    const at = this.pos;
    for (;;) {
      const byte = this.u8();
      result |= BigInt(byte & 0x7f) << shift;
      shift += 7n;
      if ((byte & 0x80) === 0) {
        if ((byte & 0x40) !== 0) result -= 1n << shift;
        return BigInt.asIntN(64, result);
      }
      if (shift > 70n) this.fail('LEB128 number is too long', at);
    }
  }

  /** A NUL-terminated string (Latin-1/UTF-8 bytes decoded as UTF-8). */
  cstring(): string {
    const start = this.pos;
    const end = this.bytes.indexOf(0, start);
    if (end < 0) this.fail('string is not NUL-terminated');
    this.pos = end + 1;
    return decodeUtf8(this.bytes.subarray(start, end));
  }

  take(n: number): Uint8Array {
    const at = this.need(n);
    return this.bytes.subarray(at, at + n);
  }

  /** A cursor over the next `n` bytes, which are consumed from this one. */
  sub(n: number, what = this.what): ByteCursor {
    const at = this.pos;
    return new ByteCursor(this.take(n), this.file, what, this.fileOffset + at);
  }
}

const utf8 = new TextDecoder('utf-8');

export function decodeUtf8(bytes: Uint8Array): string {
  return utf8.decode(bytes);
}

/** The NUL-terminated string at `offset` of a string table, or undefined when there is none. */
export function stringAt(table: Uint8Array, offset: number): string | undefined {
  if (offset < 0 || offset >= table.length) return undefined;
  const end = table.indexOf(0, offset);
  return decodeUtf8(table.subarray(offset, end < 0 ? table.length : end));
}
