// The crashed process's memory as the V8 decoders see it: small typed reads (u8..u64, doubles,
// tagged words) at absolute addresses, served from a page cache. Decoding one stack touches the same
// few hundred heap pages thousands of times (maps, strings, SFIs), so every read after the first of a
// page costs a lookup, not a trip through the address space's layers and files.

/** What the V8 layer needs from the address space (CoreImage.memory satisfies it). */
export interface MemoryReader {
  read(address: number, length: number): Promise<{ bytes: Uint8Array }>;
}

const PAGE = 4096;
/** Pages kept; beyond this the least recently used are dropped (64 MiB). */
const MAX_PAGES = 16 * 1024;
/** Highest address a user-space x86-64 pointer can have (47 bits); larger values are not addresses. */
export const MAX_USER_ADDRESS = 2 ** 47;
const EMPTY = new Uint8Array(0);

export class ProcessMemory {
  private readonly pages = new Map<number, Uint8Array>();
  private readonly pending = new Map<number, Promise<Uint8Array>>();

  constructor(private readonly reader: MemoryReader) {}

  /** Exactly `length` bytes at `address`, or undefined when any of them is not in the dump. */
  async bytes(address: number, length: number): Promise<Uint8Array | undefined> {
    if (!isAddress(address) || length < 0 || !Number.isSafeInteger(length)) return undefined;
    if (length === 0) return EMPTY;
    const first = Math.floor(address / PAGE);
    const last = Math.floor((address + length - 1) / PAGE);
    const offset = address - first * PAGE;
    if (first === last) {
      const page = await this.page(first);
      return offset + length <= page.length ? page.subarray(offset, offset + length) : undefined;
    }
    // Large reads (a script's source, a code object's tables) go straight to the address space.
    if (last - first > 8) {
      const read = await this.reader.read(address, length);
      return read.bytes.length === length ? read.bytes : undefined;
    }
    const out = new Uint8Array(length);
    for (let p = first; p <= last; p++) {
      const page = await this.page(p);
      const from = Math.max(address, p * PAGE);
      const to = Math.min(address + length, (p + 1) * PAGE);
      if (to - p * PAGE > page.length) return undefined;
      out.set(page.subarray(from - p * PAGE, to - p * PAGE), from - address);
    }
    return out;
  }

  /** As many bytes as are readable at `address`, up to `length` (for scans that may hit a hole). */
  async prefix(address: number, length: number): Promise<Uint8Array> {
    if (!isAddress(address)) return EMPTY;
    return (await this.reader.read(address, length)).bytes;
  }

  async u8(address: number): Promise<number | undefined> {
    const b = await this.bytes(address, 1);
    return b === undefined ? undefined : b[0];
  }

  async u16(address: number): Promise<number | undefined> {
    const b = await this.bytes(address, 2);
    return b === undefined ? undefined : b[0] | (b[1] << 8);
  }

  async i32(address: number): Promise<number | undefined> {
    const b = await this.bytes(address, 4);
    return b === undefined ? undefined : view(b).getInt32(0, true);
  }

  async u32(address: number): Promise<number | undefined> {
    const b = await this.bytes(address, 4);
    return b === undefined ? undefined : view(b).getUint32(0, true);
  }

  /** A 64-bit word as a number: exact for addresses and Smis (see tagged.ts), rounded beyond 2^53. */
  async word(address: number): Promise<number | undefined> {
    const b = await this.bytes(address, 8);
    if (b === undefined) return undefined;
    const v = view(b);
    return v.getInt32(4, true) * 0x1_0000_0000 + v.getUint32(0, true);
  }

  async f64(address: number): Promise<number | undefined> {
    const b = await this.bytes(address, 8);
    return b === undefined ? undefined : view(b).getFloat64(0, true);
  }

  private async page(index: number): Promise<Uint8Array> {
    const cached = this.pages.get(index);
    if (cached !== undefined) return cached;
    let loading = this.pending.get(index);
    if (loading === undefined) {
      loading = this.reader.read(index * PAGE, PAGE).then((r) => r.bytes);
      this.pending.set(index, loading);
    }
    const bytes = await loading;
    this.pending.delete(index);
    if (this.pages.size >= MAX_PAGES) {
      const oldest = this.pages.keys().next();
      if (oldest.done !== true) this.pages.delete(oldest.value);
    }
    this.pages.set(index, bytes);
    return bytes;
  }
}

export function isAddress(address: number): boolean {
  return Number.isSafeInteger(address) && address > 0 && address < MAX_USER_ADDRESS;
}

function view(b: Uint8Array): DataView {
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}
