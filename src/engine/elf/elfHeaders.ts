// The fixed-layout ELF64 structures (gABI "ELF Header", "Program Header", "Section Header"), decoded
// from a cursor wherever the bytes came from: a file, or a process image inside a core (the
// dynamic loader's copy of a library's first page).

import type { ByteCursor } from './byteCursor';
import { ELF_MAGIC, ELFCLASS64, ELFDATA2LSB, EM_X86_64 } from './elfConstants';

export interface ElfHeader {
  type: number;
  machine: number;
  entry: number;
  phoff: number;
  shoff: number;
  phentsize: number;
  /** Raw e_phnum; PN_XNUM means the count is in section 0. */
  phnum: number;
  shentsize: number;
  /** Raw e_shnum; 0 with shoff != 0 means the count is in section 0. */
  shnum: number;
  shstrndx: number;
}

export interface ProgramHeader {
  type: number;
  flags: number;
  offset: number;
  /** Virtual address; NaN when it lies beyond 2^53 (kernel pages such as [vsyscall]), so no lookup matches it. */
  vaddr: number;
  filesz: number;
  memsz: number;
  align: number;
}

export interface SectionHeader {
  /** Resolved from the section-name string table; "" when there is none. */
  name: string;
  nameOffset: number;
  type: number;
  flags: number;
  addr: number;
  offset: number;
  size: number;
  link: number;
  info: number;
  entsize: number;
}

/** A 64-bit address as a JS number; NaN when it cannot be one exactly (see ProgramHeader.vaddr). */
export function toAddress(value: bigint): number {
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : Number.NaN;
}

/** Decodes the file header, refusing anything but 64-bit little-endian x86-64 ELF. */
export function parseElfHeader(c: ByteCursor): ElfHeader {
  if (c.length < 64) c.fail(`too short for an ELF header (${c.length} bytes)`, 0);
  if (ELF_MAGIC.some((b, i) => c.bytes[i] !== b)) c.fail('not an ELF file (bad magic)', 0);
  if (c.bytes[4] !== ELFCLASS64) c.fail(`ELF class ${c.bytes[4]} is not supported: only 64-bit ELF (x86-64 Linux) is`, 4);
  if (c.bytes[5] !== ELFDATA2LSB) c.fail('big-endian ELF is not supported: only x86-64 Linux is', 5);
  c.seek(16);
  const type = c.u16();
  const machine = c.u16();
  if (machine !== EM_X86_64) c.fail(`machine ${machine} is not supported: only x86-64 (62) is`, 18);
  c.skip(4);
  const entry = toAddress(c.u64());
  const phoff = c.u64n();
  const shoff = c.u64n();
  c.skip(4 + 2);
  return { type, machine, entry, phoff, shoff, phentsize: c.u16(), phnum: c.u16(), shentsize: c.u16(), shnum: c.u16(), shstrndx: c.u16() };
}

export function parseProgramHeader(c: ByteCursor): ProgramHeader {
  const type = c.u32();
  const flags = c.u32();
  const offset = c.u64n();
  const vaddr = toAddress(c.u64());
  c.skip(8);
  return { type, flags, offset, vaddr, filesz: c.u64n(), memsz: c.u64n(), align: c.u64n() };
}

export function parseSectionHeader(c: ByteCursor): SectionHeader {
  const nameOffset = c.u32();
  const type = c.u32();
  const flags = Number(c.u64() & 0xffffffffn);
  const addr = toAddress(c.u64());
  const offset = c.u64n();
  const size = c.u64n();
  const link = c.u32();
  const info = c.u32();
  c.skip(8);
  return { name: '', nameOffset, type, flags, addr, offset, size, link, info, entsize: c.u64n() };
}
