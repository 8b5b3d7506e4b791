// Finding the FDE that covers a pc in one ELF file. With .eh_frame_hdr (LSB §10.6.2) that is a
// binary search over its sorted table, reading a few 8-byte entries through the page cache. Without
// it (.debug_frame, or an .eh_frame lacking its header) the section is scanned once into sorted
// typed arrays.

import { ByteCursor } from '../elf/byteCursor';
import { PT_GNU_EH_FRAME, SHT_NOBITS } from '../elf/elfConstants';
import type { ElfFile } from '../elf/elfFile';
import { type Cie, type CfiSection, entrySize, type Fde, readCie, readFde } from './cfiEntries';
import { DW_EH_PE_omit, readEncoded } from './ehPointer';

/** Most FDEs a scanned section may hold (node has ~170k); more is not a real binary. */
const MAX_SCANNED_FDES = 5_000_000;

interface HdrTable {
  /** File offset of the first table entry. */
  offset: number;
  count: number;
  entrySize: number;
  encoding: number;
  /** Link-time address and file offset of .eh_frame_hdr (the datarel base). */
  address: number;
  hdrOffset: number;
}

interface ScannedIndex {
  begins: Float64Array;
  ends: Float64Array;
  offsets: Float64Array;
}

export class CfiTable {
  private readonly cies = new Map<number, Promise<Cie>>();
  private scanned: Promise<ScannedIndex> | undefined;

  private constructor(
    readonly section: CfiSection,
    private readonly hdr: HdrTable | undefined,
  ) {}

  /** The CFI tables of `elf`: .eh_frame (with its header when usable) first, then .debug_frame. */
  static async forElf(elf: ElfFile): Promise<CfiTable[]> {
    const tables: CfiTable[] = [];
    const eh = elf.section('.eh_frame');
    if (eh !== undefined && eh.size > 0 && eh.type !== SHT_NOBITS) {
      const section: CfiSection = { elf, kind: 'eh_frame', offset: eh.offset, size: eh.size, address: eh.addr };
      tables.push(new CfiTable(section, await readHdr(elf, eh.addr)));
    }
    const debug = elf.section('.debug_frame');
    if (debug !== undefined && debug.size > 0 && debug.type !== SHT_NOBITS) {
      tables.push(new CfiTable({ elf, kind: 'debug_frame', offset: debug.offset, size: debug.size, address: 0 }, undefined));
    }
    return tables;
  }

  /** The FDE covering `pc` (a file address), or undefined. */
  async find(pc: number): Promise<Fde | undefined> {
    const offset = this.hdr !== undefined ? await this.searchHdr(this.hdr, pc) : await this.searchScanned(pc);
    if (offset === undefined) return undefined;
    const fde = await readFde(this.section, offset, (o) => this.cie(o));
    return fde !== undefined && pc >= fde.pcBegin && pc < fde.pcEnd ? fde : undefined;
  }

  /** Link-time address of a cursor's first byte inside this section. */
  addressOf(c: ByteCursor): number {
    return this.section.address + (c.fileOffset - this.section.offset);
  }

  private cie(offset: number): Promise<Cie> {
    let cie = this.cies.get(offset);
    if (cie === undefined) {
      cie = readCie(this.section, offset);
      this.cies.set(offset, cie);
    }
    return cie;
  }

  private async searchHdr(hdr: HdrTable, pc: number): Promise<number | undefined> {
    const reader = this.section.elf.reader;
    let lo = 0;
    let hi = hdr.count;
    let best: number | undefined;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const at = hdr.offset + mid * hdr.entrySize;
      const c = new ByteCursor(await reader.readExact(at, hdr.entrySize, '.eh_frame_hdr table'), reader.name, '.eh_frame_hdr', at);
      const base = { section: hdr.address + (at - hdr.hdrOffset), data: hdr.address };
      const initial = readEncoded(c, hdr.encoding, base);
      if (initial <= pc) {
        best = readEncoded(c, hdr.encoding, base) - this.section.address;
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return best;
  }

  private async searchScanned(pc: number): Promise<number | undefined> {
    this.scanned ??= this.scan();
    const index = await this.scanned;
    let lo = 0;
    let hi = index.begins.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (index.begins[mid] <= pc) lo = mid + 1;
      else hi = mid;
    }
    const i = lo - 1;
    return i >= 0 && pc < index.ends[i] ? index.offsets[i] : undefined;
  }

  private async scan(): Promise<ScannedIndex> {
    const found: Array<[number, number, number]> = [];
    let offset = 0;
    while (offset + 4 <= this.section.size && found.length < MAX_SCANNED_FDES) {
      const size = await entrySize(this.section, offset);
      if (size === 0) break;
      const fde = await readFde(this.section, offset, (o) => this.cie(o));
      if (fde !== undefined && fde.pcEnd > fde.pcBegin) found.push([fde.pcBegin, fde.pcEnd, offset]);
      offset += size;
    }
    found.sort((a, b) => a[0] - b[0]);
    return {
      begins: Float64Array.from(found, (f) => f[0]),
      ends: Float64Array.from(found, (f) => f[1]),
      offsets: Float64Array.from(found, (f) => f[2]),
    };
  }
}

/** The binary-search table of .eh_frame_hdr, when present and in a fixed-size encoding. */
async function readHdr(elf: ElfFile, ehFrameAddress: number): Promise<HdrTable | undefined> {
  const section = elf.section('.eh_frame_hdr');
  const segment = elf.programHeaders.find((p) => p.type === PT_GNU_EH_FRAME);
  const offset = section?.offset ?? segment?.offset;
  const address = section?.addr ?? segment?.vaddr;
  const size = section?.size ?? segment?.filesz ?? 0;
  if (offset === undefined || address === undefined || size < 12) return undefined;
  const head = new ByteCursor(await elf.reader.readExact(offset, Math.min(size, 32), '.eh_frame_hdr'), elf.name, '.eh_frame_hdr', offset);
  const version = head.u8();
  const framePtrEncoding = head.u8();
  const countEncoding = head.u8();
  const tableEncoding = head.u8();
  if (version !== 1 || countEncoding === DW_EH_PE_omit || tableEncoding === DW_EH_PE_omit) return undefined;
  const base = { section: address, data: address };
  if (readEncoded(head, framePtrEncoding, base) !== ehFrameAddress) return undefined;
  const count = readEncoded(head, countEncoding, base);
  const entrySize = { 0x02: 4, 0x0a: 4, 0x03: 8, 0x0b: 8, 0x04: 16, 0x0c: 16 }[tableEncoding & 0x0f];
  if (entrySize === undefined || count < 0 || head.pos + count * entrySize > size) return undefined;
  const tableOffset = offset + head.pos;
  return { offset: tableOffset, count, entrySize, encoding: tableEncoding, address, hdrOffset: offset };
}
