// Collects the raw bytes of the `strings` array while it streams past, into pages of a fixed size.
// A string is never split across pages (so reading one is a single subarray); one that arrives in
// pieces across read chunks is appended piece by piece, and moved to a fresh page if the current
// page fills up under it. The finished table is shared memory, readable from another thread.

import { DumpError } from '../../dumpError';
import { sharedPrefix, sharedUint8 } from '../sharedArrays';
import type { StringPages } from './stringTable';

/** Big enough that page bookkeeping is negligible, small enough that the last page wastes little. */
export const DEFAULT_PAGE_BYTES = 16 * 1024 * 1024;
const INITIAL_STRINGS = 1024;
const MAX_PAGES = 0xffff;

export class StringTableBuilder {
  private readonly pages: Uint8Array[] = [];
  private current: Uint8Array;
  /** Bytes used in `current`; the string being built starts at `stringStart`. */
  private used = 0;
  private stringStart = 0;
  private count = 0;
  private page: Uint16Array = new Uint16Array(INITIAL_STRINGS);
  private start: Uint32Array = new Uint32Array(INITIAL_STRINGS);
  private flags: Uint8Array = new Uint8Array(INITIAL_STRINGS);

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
    this.current.set(bytes.subarray(from, to), this.used);
    this.used += size;
  }

  end(flags: number): void {
    if (this.count === this.page.length) this.grow();
    const i = this.count++;
    this.page[i] = this.pages.length - 1;
    this.start[i] = this.stringStart;
    this.flags[i] = flags;
  }

  finish(): StringPages {
    const n = this.count;
    this.pages[this.pages.length - 1] = sharedPrefix(this.current, this.used);
    // Trimmed copies: the builder's doubling may have left up to half of each index array unused.
    return {
      pages: this.pages,
      page: sharedPrefix(this.page, n),
      start: sharedPrefix(this.start, n),
      flags: sharedPrefix(this.flags, n),
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
    // The page we leave keeps only complete strings; trim it so its unused tail is released.
    this.pages[this.pages.length - 1] = sharedPrefix(this.current, this.stringStart);
    this.pages.push(next);
    this.current = next;
    this.used = partial.length;
    this.stringStart = 0;
  }

  private grow(): void {
    const size = this.page.length * 2;
    const page = new Uint16Array(size);
    page.set(this.page);
    this.page = page;
    const start = new Uint32Array(size);
    start.set(this.start);
    this.start = start;
    const flags = new Uint8Array(size);
    flags.set(this.flags);
    this.flags = flags;
  }
}
