// A ByteSource over a range of the crashed process's memory, so an ELF image that exists only inside
// the core — the kernel's vDSO, mapped from no file — is read by the same ElfFile code as a file.

import type { ByteSource } from '../bytes/byteSource';
import type { AddressSpace } from './addressSpace';

export class MemoryByteSource implements ByteSource {
  constructor(
    readonly name: string,
    private readonly memory: AddressSpace,
    private readonly base: number,
    readonly size: number,
  ) {}

  async read(offset: number, length: number): Promise<Uint8Array> {
    const wanted = Math.max(0, Math.min(length, this.size - offset));
    return (await this.memory.read(this.base + offset, wanted)).bytes;
  }

  async close(): Promise<void> {}
}
