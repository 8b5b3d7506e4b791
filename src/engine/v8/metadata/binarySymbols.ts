// The data symbols of node's binary that V8 postmortem work needs: the ~500 `v8dbg_*` constants,
// node's `nodedbg_*`, V8's version fields and a few tables (bytecode sizes, translation operand
// counts). One pass over .symtab picks them out by name; their values are read from the crashed
// process's memory when the core holds the page (run-time values win: `nodedbg_*` are set at
// start-up) and from the file's section otherwise (.bss, never written, reads as zero).

import { decodeUtf8 } from '../../elf/byteCursor';
import { SHN_LORESERVE, SHN_UNDEF, SHT_DYNSYM, SHT_NOBITS, SHT_SYMTAB, STT_OBJECT, SYM_SIZE } from '../../elf/elfConstants';
import type { ElfFile } from '../../elf/elfFile';
import type { ProcessMemory } from '../heap/processMemory';

export interface BinarySymbol {
  name: string;
  /** Address recorded in the file. */
  address: number;
  size: number;
  section: number;
}

/** Names taken by prefix, and single symbols taken by exact name. */
const PREFIXES = ['v8dbg_', 'nodedbg_'];
export const VERSION_SYMBOLS = {
  major: '_ZN2v88internal7Version6major_E',
  minor: '_ZN2v88internal7Version6minor_E',
  build: '_ZN2v88internal7Version6build_E',
  patch: '_ZN2v88internal7Version6patch_E',
};
export const BYTECODE_SIZES = '_ZN2v88internal11interpreter9Bytecodes14kBytecodeSizesE';
export const TRANSLATION_OPERAND_COUNTS = '_ZZN2v88internal29TranslationOpcodeOperandCountENS0_17TranslationOpcodeEE6counts';
/** Node 18's translation opcode names (V8 10.2 numbers its opcodes differently from 11+). */
export const TRANSLATION_OPCODE_NAMES = '_ZZN2v88internal25TranslationOpcodeToStringENS0_17TranslationOpcodeEE5names';
/** node::worker::Worker's vtable: a worker thread's C++ Worker object starts with a pointer into it. */
export const WORKER_VTABLE = '_ZTVN4node6worker6WorkerE';
const EXACT = new Set([...Object.values(VERSION_SYMBOLS), BYTECODE_SIZES, TRANSLATION_OPERAND_COUNTS, TRANSLATION_OPCODE_NAMES, WORKER_VTABLE]);

/** Longest name compared; every wanted name is far shorter. */
const MAX_NAME = 256;

export class BinarySymbols {
  private constructor(
    private readonly elf: ElfFile,
    /** Runtime address minus file address of the binary in the crashed process. */
    private readonly bias: number,
    private readonly memory: ProcessMemory,
    readonly byName: Map<string, BinarySymbol>,
  ) {}

  static async load(elf: ElfFile, bias: number, memory: ProcessMemory): Promise<BinarySymbols> {
    const table = elf.sections.find((s) => s.type === SHT_SYMTAB) ?? elf.sections.find((s) => s.type === SHT_DYNSYM);
    const strtab = table === undefined ? undefined : elf.sections[table.link];
    const byName = new Map<string, BinarySymbol>();
    if (table === undefined || strtab === undefined || strtab.type === SHT_NOBITS || table.entsize !== SYM_SIZE) return new BinarySymbols(elf, bias, memory, byName);
    const entries = await elf.data(table);
    // Read once and let go: node's string table is ~7 MB and only a few hundred names are kept.
    const names = await elf.reader.readExact(strtab.offset, strtab.size, `string table ${strtab.name}`);
    const view = new DataView(entries.buffer, entries.byteOffset, entries.byteLength);
    const count = Math.floor(entries.length / SYM_SIZE);
    for (let i = 0; i < count; i++) {
      const at = i * SYM_SIZE;
      const type = entries[at + 4] & 0xf;
      const shndx = view.getUint16(at + 6, true);
      if (type !== STT_OBJECT || shndx === SHN_UNDEF || shndx >= SHN_LORESERVE) continue;
      const name = wantedName(names, view.getUint32(at, true));
      if (name === undefined) continue;
      const address = Number(view.getBigUint64(at + 8, true));
      const size = Number(view.getBigUint64(at + 16, true));
      if (!byName.has(name)) byName.set(name, { name, address, size, section: shndx });
    }
    return new BinarySymbols(elf, bias, memory, byName);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** Names starting with `prefix` (e.g. every `v8dbg_`). */
  withPrefix(prefix: string): BinarySymbol[] {
    return [...this.byName.values()].filter((s) => s.name.startsWith(prefix));
  }

  /** Where symbol `name` is in the crashed process; undefined when the binary has no such symbol. */
  runtimeAddress(name: string): number | undefined {
    const symbol = this.byName.get(name);
    return symbol === undefined ? undefined : symbol.address + this.bias;
  }

  /** `length` bytes of the symbol's value: from the process when the core holds them, else the file. */
  async bytes(symbol: BinarySymbol, length: number): Promise<Uint8Array | undefined> {
    const live = await this.memory.bytes(symbol.address + this.bias, length);
    if (live !== undefined) return live;
    const section = this.elf.sections[symbol.section];
    if (section === undefined) return undefined;
    if (section.type === SHT_NOBITS) return new Uint8Array(length);
    const offset = section.offset + (symbol.address - section.addr);
    if (symbol.address < section.addr || symbol.address + length > section.addr + section.size) return undefined;
    const bytes = await this.elf.reader.read(offset, length);
    return bytes.length === length ? bytes : undefined;
  }

  async int32(name: string): Promise<number | undefined> {
    const symbol = this.byName.get(name);
    const b = symbol === undefined ? undefined : await this.bytes(symbol, 4);
    return b === undefined ? undefined : new DataView(b.buffer, b.byteOffset, 4).getInt32(0, true);
  }
}

function wantedName(table: Uint8Array, offset: number): string | undefined {
  if (offset >= table.length) return undefined;
  const first = table[offset];
  // Cheap first-byte filter: 'v', 'n' or '_' start every wanted name.
  if (first !== 0x76 && first !== 0x6e && first !== 0x5f) return undefined;
  let end = offset;
  const limit = Math.min(table.length, offset + MAX_NAME);
  while (end < limit && table[end] !== 0) end++;
  const name = decodeUtf8(table.subarray(offset, end));
  return PREFIXES.some((p) => name.startsWith(p)) || EXACT.has(name) ? name : undefined;
}
