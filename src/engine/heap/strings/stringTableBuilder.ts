// Collects the raw bytes of the `strings` array while it streams past, into pages of a fixed size.
// A string is never split across pages (so reading one is a single subarray); one that arrives in
// pieces across read chunks is appended piece by piece, and moved to a fresh page if the current
// page fills up under it.

import type { StringPages } from './stringTable';

/** Big enough that page bookkeeping is negligible, small enough that the last page wastes little. */
export const DEFAULT_PAGE_BYTES = 16 * 1024 * 1024;
const INITIAL_STRINGS = 1024;

export class StringTableBuilder {
  private readonly pages: Uint8Array[] = [];
  private current: Uint8Array;
  /** Bytes used in `current`; the string being built starts at `stringStart`. */
  private used = 0;
  private stringStart = 0;
  private count = 0;
  private page: Uint32Array = new Uint32Array(INITIAL_STRINGS);
  private start: Uint32Array = new Uint32Array(INITIAL_STRINGS);
  private length: Uint32Array = new Uint32Array(INITIAL_STRINGS);
  private flags: Uint8Array = new Uint8Array(INITIAL_STRINGS);

  constructor(private readonly pageBytes = DEFAULT_PAGE_BYTES) {
    this.current = new Uint8Array(pageBytes);
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
    this.length[i] = this.used - this.stringStart;
    this.flags[i] = flags;
  }

  finish(): StringPages {
    const n = this.count;
    this.pages[this.pages.length - 1] = this.current.slice(0, this.used);
    // Trimmed copies: the builder's doubling may have left up to half of each index array unused.
    return {
      pages: this.pages,
      page: this.page.slice(0, n),
      start: this.start.slice(0, n),
      length: this.length.slice(0, n),
      flags: this.flags.slice(0, n),
      count: n,
    };
  }

  /** Starts a page big enough for the partial string plus `more` bytes, moving the partial string. */
  private newPage(more: number): void {
    const partial = this.current.subarray(this.stringStart, this.used);
    const next = new Uint8Array(Math.max(this.pageBytes, (partial.length + more) * 2));
    next.set(partial, 0);
    // The page we leave keeps only complete strings; trim it so its unused tail is released.
    this.pages[this.pages.length - 1] = this.current.slice(0, this.stringStart);
    this.pages.push(next);
    this.current = next;
    this.used = partial.length;
    this.stringStart = 0;
  }

  private grow(): void {
    const size = this.page.length * 2;
    const resize32 = (a: Uint32Array): Uint32Array => {
      const b = new Uint32Array(size);
      b.set(a);
      return b;
    };
    this.page = resize32(this.page);
    this.start = resize32(this.start);
    this.length = resize32(this.length);
    const flags = new Uint8Array(size);
    flags.set(this.flags);
    this.flags = flags;
  }
}
