// A ByteSource over bytes in memory, for tests that synthesise ELF, note and CFI bytes: the engine
// reads them exactly as it reads a file.

import type { ByteSource } from '../../src/engine/bytes/byteSource';

export class BytesSource implements ByteSource {
  constructor(
    readonly bytes: Uint8Array,
    readonly name = 'synthetic',
  ) {}

  get size(): number {
    return this.bytes.length;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    return this.bytes.slice(Math.max(0, offset), Math.max(0, Math.min(this.bytes.length, offset + length)));
  }

  async close(): Promise<void> {}
}
