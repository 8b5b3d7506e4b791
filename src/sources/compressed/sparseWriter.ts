// Decompressed bytes into an AtomicFile in large writes, leaving zero blocks as holes: a core is
// mostly zero pages (untouched heap, guard regions), so a sparse copy writes a fraction of its size
// and takes that much less disk — as `zstd -d` does by default (--sparse).

import type { AtomicFile } from '../atomicFile';

/** Writes are gathered to this size: the per-call cost of a write vanishes. */
const GATHER = 4 * 1024 * 1024;
/** Zero runs of whole blocks this large become holes (a multiple of every file system's block). */
const BLOCK = 64 * 1024;
const ZERO_BLOCK = Buffer.alloc(BLOCK);

export class SparseWriter {
  private readonly buffer = Buffer.allocUnsafe(GATHER);
  private filled = 0;

  constructor(private readonly file: AtomicFile) {}

  async write(bytes: Uint8Array): Promise<void> {
    for (let offset = 0; offset < bytes.length;) {
      const taken = Math.min(bytes.length - offset, GATHER - this.filled);
      this.buffer.set(bytes.subarray(offset, offset + taken), this.filled);
      this.filled += taken;
      offset += taken;
      if (this.filled === GATHER) await this.flush();
    }
  }

  /** Writes what is gathered: runs of data as single writes, zero blocks skipped. */
  async flush(): Promise<void> {
    let runStart = 0;
    for (let at = 0; at < this.filled; at += BLOCK) {
      const end = Math.min(at + BLOCK, this.filled);
      // Buffer.equals is a memcmp: checking for zeros costs little next to writing them.
      if (end - at === BLOCK && ZERO_BLOCK.equals(this.buffer.subarray(at, end))) {
        if (at > runStart) await this.file.write(this.buffer.subarray(runStart, at));
        this.file.skip(BLOCK);
        runStart = end;
      }
    }
    if (this.filled > runStart) await this.file.write(this.buffer.subarray(runStart, this.filled));
    this.filled = 0;
  }
}
