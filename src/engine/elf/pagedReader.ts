// Random access to a (possibly multi-GB) file through a small page cache. Parsers ask for exactly
// the ranges they need; unwinding reads the same stack and header pages over and over, so those
// come from memory after the first time. Large one-off reads (a symbol table, a DWARF section)
// bypass the cache because they are parsed once and kept by their owner. The reader counts the
// bytes it really fetched, which the benchmark reports next to the file's size.

import type { ByteSource } from '../bytes/byteSource';
import { DumpError } from '../dumpError';

/** 16 KiB: a few stack pages per frame walk, small enough that "bytes read" stays honest. */
export const PAGE_SIZE = 16 * 1024;
/** Reads of this many bytes or more skip the cache (their callers keep what they parse). */
const DIRECT_READ = 4 * PAGE_SIZE;
/** Cap on cached bytes per file; least recently used pages are dropped beyond it. */
const MAX_CACHED_BYTES = 32 * 1024 * 1024;

export class PagedReader {
  private readonly pages = new Map<number, Promise<Uint8Array>>();
  /** Bytes fetched from the underlying source (cache misses and direct reads). */
  bytesRead = 0;

  constructor(readonly source: ByteSource) {}

  get name(): string {
    return this.source.name;
  }

  get size(): number {
    return this.source.size;
  }

  /** Up to `length` bytes at `offset`; fewer only at the end of the file. */
  async read(offset: number, length: number): Promise<Uint8Array> {
    const end = Math.min(offset + Math.max(0, length), this.size);
    if (offset < 0 || offset >= end) return new Uint8Array(0);
    if (end - offset >= DIRECT_READ) return this.fetch(offset, end - offset);
    const first = Math.floor(offset / PAGE_SIZE);
    const last = Math.floor((end - 1) / PAGE_SIZE);
    if (first === last) {
      const page = await this.page(first);
      return page.subarray(offset - first * PAGE_SIZE, end - first * PAGE_SIZE);
    }
    const out = new Uint8Array(end - offset);
    for (let p = first; p <= last; p++) {
      const page = await this.page(p);
      const pageStart = p * PAGE_SIZE;
      const from = Math.max(offset, pageStart);
      const to = Math.min(end, pageStart + page.length);
      out.set(page.subarray(from - pageStart, to - pageStart), from - offset);
    }
    return out;
  }

  /** Exactly `length` bytes at `offset`, or a DumpError saying `what` runs past the end of the file. */
  async readExact(offset: number, length: number, what: string): Promise<Uint8Array> {
    if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 || offset + length > this.size) {
      throw new DumpError(this.name, `${what} (${length} bytes) lies outside the file (${this.size} bytes)${this.size < offset + length ? ': the file looks truncated' : ''}`, offset);
    }
    const bytes = await this.read(offset, length);
    if (bytes.length !== length) throw new DumpError(this.name, `${what}: only ${bytes.length} of ${length} bytes could be read`, offset);
    return bytes;
  }

  private page(index: number): Promise<Uint8Array> {
    const cached = this.pages.get(index);
    if (cached !== undefined) {
      // Re-insert to mark as recently used: Map iteration order is insertion order.
      this.pages.delete(index);
      this.pages.set(index, cached);
      return cached;
    }
    const loading = this.fetch(index * PAGE_SIZE, PAGE_SIZE);
    this.pages.set(index, loading);
    loading.catch(() => this.pages.delete(index));
    this.evict();
    return loading;
  }

  private evict(): void {
    const maxPages = MAX_CACHED_BYTES / PAGE_SIZE;
    for (const key of this.pages.keys()) {
      if (this.pages.size <= maxPages) break;
      this.pages.delete(key);
    }
  }

  private async fetch(offset: number, length: number): Promise<Uint8Array> {
    const bytes = await this.source.read(offset, length);
    this.bytesRead += bytes.length;
    return bytes;
  }

  close(): Promise<void> {
    this.pages.clear();
    return this.source.close();
  }
}
