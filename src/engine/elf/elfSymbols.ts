// The code symbols of one ELF file (.symtab, else .dynsym), for "which function holds this pc".
// Entries live in flat typed arrays sorted by address; names stay in the file's string table and
// are read only for the symbols a lookup returns (node's .strtab is 7 MB, a stack needs a few names).

import { DumpError } from '../dumpError';
import { ByteCursor, stringAt } from './byteCursor';
import { SHF_EXECINSTR, SHN_LORESERVE, SHN_UNDEF, SHT_DYNSYM, SHT_SYMTAB, STT_FUNC, STT_GNU_IFUNC, STT_NOTYPE, SYM_SIZE } from './elfConstants';
import type { ElfFile } from './elfFile';
import type { SectionHeader } from './elfHeaders';
import { upperBound } from '../upperBound';

export interface ElfSymbol {
  name: string;
  /** Address as recorded in the file (add the module's load bias for a runtime address). */
  address: number;
  size: number;
}

/** Longest symbol name read; C++ names rarely pass a few KB, a missing NUL must not read megabytes. */
const MAX_NAME = 64 * 1024;

export class SymbolTable {
  /** Name → address, built the first time a name is looked up (reads the whole string table). */
  private byName: Promise<Map<string, number>> | undefined;

  private constructor(
    private readonly elf: ElfFile,
    private readonly strtab: SectionHeader,
    /** Sorted ascending; `sizes`, `limits` and `nameOffsets` are in the same order. */
    private readonly addresses: Float64Array,
    private readonly sizes: Float64Array,
    /** First address a symbol cannot name: its end, or for a zero-sized label the end of its section. */
    private readonly limits: Float64Array,
    private readonly nameOffsets: Uint32Array,
  ) {}

  /** The code symbols of `elf`, or undefined when it has neither .symtab nor .dynsym. */
  static async load(elf: ElfFile): Promise<SymbolTable | undefined> {
    const table = elf.sections.find((s) => s.type === SHT_SYMTAB) ?? elf.sections.find((s) => s.type === SHT_DYNSYM);
    if (table === undefined) return undefined;
    const strtab = elf.sections[table.link];
    if (strtab === undefined) throw new DumpError(elf.name, `symbol table ${table.name} links to missing string table ${table.link}`, table.offset);
    if (table.entsize !== SYM_SIZE) throw new DumpError(elf.name, `symbol table ${table.name} has entries of ${table.entsize} bytes, expected ${SYM_SIZE}`, table.offset);
    const bytes = await elf.data(table);
    const executable = elf.sections.map((s) => (s.flags & SHF_EXECINSTR) !== 0);
    const sectionEnds = elf.sections.map((s) => s.addr + s.size);
    const found = collectCode(new ByteCursor(bytes, elf.name, table.name, table.offset), executable, sectionEnds);
    return new SymbolTable(elf, strtab, ...sortByAddress(found));
  }

  /**
   * The symbol holding `address` (file address). As gdb does: the nearest sized symbol that covers
   * it, else the nearest zero-sized symbol after that one if the address is still in its section;
   * none when the pc is past every symbol's end (code between functions, or a stripped region) —
   * so an address far past the code is never named after the last label (`_fini`).
   */
  async lookup(address: number): Promise<ElfSymbol | undefined> {
    let i = upperBound(this.addresses, address) - 1;
    let zeroSized = -1;
    while (i >= 0 && this.sizes[i] === 0) {
      if (zeroSized < 0) zeroSized = i;
      i--;
    }
    const covering = i >= 0 && address < this.limits[i] ? i : -1;
    const chosen = covering >= 0 ? covering : zeroSized >= 0 && address < this.limits[zeroSized] ? zeroSized : -1;
    if (chosen < 0) return undefined;
    return { name: await this.name(chosen), address: this.addresses[chosen], size: this.sizes[chosen] };
  }

  /** Bytes a name lookup must read first (the string table), so callers can try cheap tables first. */
  get nameTableSize(): number {
    return this.strtab.size;
  }

  /** The address of the code symbol called `name` ("sem_wait" also matches "sem_wait@@GLIBC_2.34"). */
  async addressOf(name: string): Promise<number | undefined> {
    this.byName ??= this.nameIndex();
    return (await this.byName).get(name);
  }

  private async nameIndex(): Promise<Map<string, number>> {
    const table = await this.elf.data(this.strtab);
    const index = new Map<string, number>();
    for (let i = 0; i < this.addresses.length; i++) {
      const full = stringAt(table, this.nameOffsets[i]) ?? '';
      const plain = full.replace(/@.*$/, '');
      if (!index.has(plain)) index.set(plain, this.addresses[i]);
    }
    return index;
  }

  private async name(index: number): Promise<string> {
    const start = this.nameOffsets[index];
    if (start >= this.strtab.size) return '';
    let length = 256;
    for (;;) {
      const want = Math.min(length, this.strtab.size - start);
      const bytes = await this.elf.reader.read(this.strtab.offset + start, want);
      const end = bytes.indexOf(0);
      if (end >= 0) return Buffer.from(bytes.subarray(0, end)).toString('utf8');
      if (want < length || length >= MAX_NAME) return Buffer.from(bytes).toString('utf8');
      length *= 4;
    }
  }
}

interface Collected {
  addresses: Float64Array;
  sizes: Float64Array;
  limits: Float64Array;
  names: Uint32Array;
  count: number;
}

/** Functions, ifuncs and untyped labels defined in an executable section: what a pc can be inside. */
function symbolIsCode(info: number, shndx: number, executable: boolean[]): boolean {
  const type = info & 0xf;
  if (type !== STT_FUNC && type !== STT_GNU_IFUNC && type !== STT_NOTYPE) return false;
  return shndx !== SHN_UNDEF && shndx < SHN_LORESERVE && executable[shndx] === true;
}

/** Reads Elf64_Sym entries straight from a DataView: node has 110k of them, read at every open. */
function collectCode(c: ByteCursor, executable: boolean[], sectionEnds: number[]): Collected {
  const total = Math.floor(c.length / SYM_SIZE);
  const view = new DataView(c.bytes.buffer, c.bytes.byteOffset, total * SYM_SIZE);
  const out: Collected = { addresses: new Float64Array(total), sizes: new Float64Array(total), limits: new Float64Array(total), names: new Uint32Array(total), count: 0 };
  for (let at = 0; at < total * SYM_SIZE; at += SYM_SIZE) {
    const name = view.getUint32(at, true);
    if (name === 0 || !symbolIsCode(view.getUint8(at + 4), view.getUint16(at + 6, true), executable)) continue;
    // Values above 2^53 are not addresses a process can have; skip rather than round.
    const value = view.getUint32(at + 8, true) + view.getUint32(at + 12, true) * 2 ** 32;
    const size = view.getUint32(at + 16, true) + view.getUint32(at + 20, true) * 2 ** 32;
    if (value > Number.MAX_SAFE_INTEGER || size > Number.MAX_SAFE_INTEGER) continue;
    out.addresses[out.count] = value;
    out.sizes[out.count] = size;
    out.limits[out.count] = size > 0 ? value + size : sectionEnds[view.getUint16(at + 6, true)];
    out.names[out.count] = name;
    out.count++;
  }
  return out;
}

/**
 * Sorts by address; at one address sized symbols go last, so the backwards scan in lookup() meets
 * them first. When addresses are below 2^30 (file addresses of ordinary executables and libraries), the order
 * is one native numeric sort of packed keys (address, sized bit, index) — far faster than a
 * comparator over 100k entries.
 */
function sortByAddress(found: Collected): [Float64Array, Float64Array, Float64Array, Uint32Array] {
  const n = found.count;
  const order = new Uint32Array(n);
  let max = 0;
  for (let i = 0; i < n; i++) max = Math.max(max, found.addresses[i]);
  if (max < 2 ** 30 && n < 2 ** 22) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = (found.addresses[i] * 2 + (found.sizes[i] === 0 ? 0 : 1)) * 2 ** 22 + i;
    keys.sort();
    for (let k = 0; k < n; k++) order[k] = keys[k] % 2 ** 22;
  } else {
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => found.addresses[a] - found.addresses[b] || (found.sizes[a] === 0 ? 0 : 1) - (found.sizes[b] === 0 ? 0 : 1));
  }
  const addresses = new Float64Array(n);
  const sizes = new Float64Array(n);
  const limits = new Float64Array(n);
  const names = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    addresses[k] = found.addresses[order[k]];
    sizes[k] = found.sizes[order[k]];
    limits[k] = found.limits[order[k]];
    names[k] = found.names[order[k]];
  }
  return [addresses, sizes, limits, names];
}
