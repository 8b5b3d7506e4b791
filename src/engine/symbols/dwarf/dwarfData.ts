// The DWARF sections of one ELF file, loaded (and decompressed) on first use and kept, plus the
// string and address lookups every reader needs (.debug_str, .debug_line_str, .debug_str_offsets,
// .debug_addr). Absent sections read as empty, so a lookup into one is a DumpError with a location.

import { ByteCursor, stringAt } from '../../elf/byteCursor';
import type { ElfFile } from '../../elf/elfFile';
import { SHT_NOBITS } from '../../elf/elfConstants';
import { toAddress } from '../../elf/elfHeaders';

const NAMES = ['.debug_info', '.debug_abbrev', '.debug_str', '.debug_line', '.debug_line_str', '.debug_ranges', '.debug_rnglists', '.debug_addr', '.debug_str_offsets', '.debug_aranges'] as const;
export type DwarfSectionName = (typeof NAMES)[number];

export class DwarfData {
  private constructor(
    readonly file: string,
    private readonly sections: Map<DwarfSectionName, { bytes: Uint8Array; offset: number }>,
  ) {}

  /** The DWARF of `elf`, or undefined when it has no .debug_info. */
  static async load(elf: ElfFile): Promise<DwarfData | undefined> {
    const info = elf.section('.debug_info');
    if (info === undefined || info.type === SHT_NOBITS || info.size === 0) return undefined;
    const sections = new Map<DwarfSectionName, { bytes: Uint8Array; offset: number }>();
    for (const name of NAMES) {
      const header = elf.section(name);
      if (header === undefined || header.type === SHT_NOBITS) continue;
      sections.set(name, { bytes: await elf.data(header), offset: header.offset });
    }
    return new DwarfData(elf.name, sections);
  }

  bytes(name: DwarfSectionName): Uint8Array {
    return this.sections.get(name)?.bytes ?? new Uint8Array(0);
  }

  /** A cursor over a whole section (positions are section offsets; errors report file offsets). */
  cursor(name: DwarfSectionName, at = 0): ByteCursor {
    const section = this.sections.get(name);
    return new ByteCursor(section?.bytes ?? new Uint8Array(0), this.file, name, section?.offset ?? 0).seek(Math.min(at, section?.bytes.length ?? 0));
  }

  has(name: DwarfSectionName): boolean {
    return (this.sections.get(name)?.bytes.length ?? 0) > 0;
  }

  str(offset: number): string {
    return stringAt(this.bytes('.debug_str'), offset) ?? this.cursor('.debug_str').fail(`string offset ${offset} is outside .debug_str`);
  }

  lineStr(offset: number): string {
    return stringAt(this.bytes('.debug_line_str'), offset) ?? this.cursor('.debug_line_str').fail(`string offset ${offset} is outside .debug_line_str`);
  }

  /** Entry `index` of the unit's .debug_str_offsets array (DWARF 5 §7.26), resolved to its string. */
  strx(base: number, index: number, offsetSize: number): string {
    const c = this.cursor('.debug_str_offsets').seek(Math.min(base + index * offsetSize, this.bytes('.debug_str_offsets').length));
    return this.str(offsetSize === 8 ? c.u64n() : c.u32());
  }

  /** Entry `index` of the unit's .debug_addr array (DWARF 5 §7.27). */
  addrx(base: number, index: number, addressSize: number): number {
    const c = this.cursor('.debug_addr').seek(Math.min(base + index * addressSize, this.bytes('.debug_addr').length));
    return addressSize === 8 ? toAddress(c.u64()) : c.u32();
  }
}
