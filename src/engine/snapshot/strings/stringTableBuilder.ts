// Collects the raw bytes of the `strings` array while it streams past, into pages of a fixed size.
// A string is never split across pages (so reading one is a single subarray); one that arrives in
// pieces across read chunks is appended piece by piece, and moved to a fresh page if the current
// page fills up under it. The finished table is shared memory, readable from another thread.

import { DumpError } from '../../dumpError';
import { sharedPrefix, sharedUint16, sharedUint32, sharedUint8 } from '../sharedArrays';
import type { StringPages } from './stringTable';

/** Big enough that page bookkeeping is negligible, small enough that the last page wastes little. */
export const DEFAULT_PAGE_BYTES = 16 * 1024 * 1024;
/** Strings per block of the index while it is built: blocks are never copied to grow. */
const INDEX_BLOCK = 1 << 20;
const MAX_PAGES = 0xffff;
/** Up to this many bytes are copied by a loop: cheaper than a subarray object per string. */
const SHORT_COPY = 64;

export class StringTableBuilder {
  private readonly pages: Uint8Array[] = [];
  private current: Uint8Array;
  /** Bytes used in `current`; the string being built starts at `stringStart`. */
  private used = 0;
  private stringStart = 0;
  private count = 0;
  /** The index, in blocks of INDEX_BLOCK strings: each string's page, start and flags. */
  private readonly pageBlocks: Uint16Array[] = [];
  private readonly startBlocks: Uint32Array[] = [];
  private readonly flagBlocks: Uint8Array[] = [];

  /** `file` names the snapshot in the one error this can raise (a string table past 65,535 pages). */
  constructor(
    private readonly file: string,
    private readonly pageBytes = DEFAULT_PAGE_BYTES,
  ) {
    this.current = sharedUint8(pageBytes);
    this.pages.push(this.current);
  }

  get stringCount(): number {
    return this.count;
  }

  begin(): void {
    this.stringStart = this.used;
  }

  append(bytes: Uint8Array, from: number, to: number): void {
    const size = to - from;
    if (size <= 0) return;
    if (this.used + size > this.current.length) this.newPage(size);
    const { current, used } = this;
    if (size <= SHORT_COPY) {
      for (let k = 0; k < size; k++) current[used + k] = bytes[from + k];
    } else {
      current.set(bytes.subarray(from, to), used);
    }
    this.used = used + size;
  }

  end(flags: number): void {
    const i = this.count++;
    const slot = i & (INDEX_BLOCK - 1);
    if (slot === 0) {
      this.pageBlocks.push(new Uint16Array(INDEX_BLOCK));
      this.startBlocks.push(new Uint32Array(INDEX_BLOCK));
      this.flagBlocks.push(new Uint8Array(INDEX_BLOCK));
    }
    const block = this.pageBlocks.length - 1;
    this.pageBlocks[block][slot] = this.pages.length - 1;
    this.startBlocks[block][slot] = this.stringStart;
    this.flagBlocks[block][slot] = flags;
  }

  finish(): StringPages {
    const n = this.count;
    // The last page may be mostly empty: a copy of what it holds releases the rest.
    this.pages[this.pages.length - 1] = sharedPrefix(this.current, this.used);
    return {
      pages: this.pages,
      page: joinBlocks(this.pageBlocks, sharedUint16(n)),
      start: joinBlocks(this.startBlocks, sharedUint32(n)),
      flags: joinBlocks(this.flagBlocks, sharedUint8(n)),
      count: n,
    };
  }

  /** Starts a page big enough for the partial string plus `more` bytes, moving the partial string. */
  private newPage(more: number): void {
    // Page numbers are 16-bit: 65,535 pages of 16 MiB is far beyond any file this could parse.
    if (this.pages.length === MAX_PAGES) throw new DumpError(this.file, `the strings take more than ${MAX_PAGES} pages of ${this.pageBytes} bytes`);
    const partial = this.current.subarray(this.stringStart, this.used);
    const next = sharedUint8(Math.max(this.pageBytes, (partial.length + more) * 2));
    next.set(partial, 0);
    // The page we leave ends with its last complete string (a view: the few bytes after it are not
    // worth copying the page to release).
    this.pages[this.pages.length - 1] = this.current.subarray(0, this.stringStart);
    this.pages.push(next);
    this.current = next;
    this.used = partial.length;
    this.stringStart = 0;
  }
}

/** The blocks, in order, into `into` (shared memory of exactly the strings' count). */
function joinBlocks<T extends Uint8Array | Uint16Array | Uint32Array>(blocks: T[], into: T): T {
  for (let b = 0, at = 0; at < into.length; b++, at += INDEX_BLOCK) into.set(blocks[b].subarray(0, Math.min(INDEX_BLOCK, into.length - at)), at);
  return into;
}
