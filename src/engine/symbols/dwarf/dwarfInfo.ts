// Source positions from DWARF for one ELF file: which unit holds a pc (.debug_aranges, else the
// units' own ranges), then that unit's scopes and line table, parsed once and kept. A lookup gives
// the inlined-call chain with a file:line for each level, innermost first — what gdb prints as
// frames sharing one pc.

import type { ElfFile } from '../../elf/elfFile';
import { upperBound } from '../../upperBound';
import { type Abbrev, DieScratch, readAbbrevTable, readDie, readUnitHeader, resolveStr, type UnitHeader } from './dieReader';
import { DW_TAG_compile_unit, DW_TAG_partial_unit, DW_TAG_skeleton_unit } from './dwarfConstants';
import { DwarfData } from './dwarfData';
import { LineTable } from './lineTable';
import { dieRanges, type RangeContext } from './ranges';
import { collectScopes, scopeChain, type UnitCode } from './unitScopes';

/** One level of the chain: a function (by linkage name when it has one) and where in it the pc is. */
export interface SourceFrame {
  /** Linkage (mangled) name when the DWARF has one, else the plain name. */
  function?: string;
  file?: string;
  line?: number;
  column?: number;
}

/** How far abstract_origin/specification links are followed for a name. */
const MAX_NAME_HOPS = 8;

interface Unit {
  header: UnitHeader;
  abbrevs: Map<number, Abbrev>;
  ranges: RangeContext;
  strOffsetsBase: number;
  compDir?: string;
  stmtList?: number;
  lines?: LineTable;
  code?: UnitCode;
}

/** What a call calls: the entry (file address) of a function of this file, else its linkage name. */
export interface CallTarget {
  entry?: number;
  name?: string;
}

export interface TailCall {
  /** The address after the jump (gdb shows it as the tail-call frame's pc). */
  returnPc: number;
  target: CallTarget;
}

interface UnitIndex {
  starts: Float64Array;
  ends: Float64Array;
  units: Float64Array;
}

export class DwarfInfo {
  private readonly units = new Map<number, Unit>();
  private unitOffsets: number[] | undefined;
  private index: UnitIndex | undefined;

  private constructor(private readonly data: DwarfData) {}

  static async load(elf: ElfFile): Promise<DwarfInfo | undefined> {
    const data = await DwarfData.load(elf);
    return data === undefined ? undefined : new DwarfInfo(data);
  }

  /** The inline chain at `address` (a file address), innermost first; undefined when no unit covers it. */
  locate(address: number): SourceFrame[] | undefined {
    const unitOffset = this.unitFor(address);
    if (unitOffset === undefined) return undefined;
    const unit = this.unit(unitOffset);
    const { scopes } = this.code(unit);
    if (unit.lines === undefined && unit.stmtList !== undefined) unit.lines = LineTable.parse(this.data, unit.stmtList, unit.compDir, unit.header.addressSize);
    const row = unit.lines?.lookup(address);
    const chain = scopeChain(scopes, address);
    if (chain.length === 0) return row === undefined ? undefined : [{ file: row.file, line: row.line, column: row.column || undefined }];
    const frames: SourceFrame[] = [];
    let position: { file?: string; line?: number; column?: number } = { file: row?.file, line: row?.line, column: row?.column || undefined };
    for (const i of chain) {
      const scope = scopes[i];
      frames.push({ function: this.functionName(scope.offset), ...position });
      position = { file: scope.callFile === undefined ? undefined : unit.lines?.fileName(scope.callFile), line: scope.callLine, column: scope.callColumn || undefined };
    }
    return frames;
  }

  /** Entry (file address) of the out-of-line function holding `address`. */
  functionEntry(address: number): number | undefined {
    const unitOffset = this.unitFor(address);
    if (unitOffset === undefined) return undefined;
    const { scopes } = this.code(this.unit(unitOffset));
    const chain = scopeChain(scopes, address);
    const outer = chain.length === 0 ? undefined : scopes[chain[chain.length - 1]];
    return outer === undefined || outer.inlined ? undefined : outer.ranges[0];
  }

  /** The target of the call that returns to `returnPc` (a file address), when DWARF describes it. */
  callTarget(returnPc: number): CallTarget | undefined {
    const unitOffset = this.unitFor(returnPc - 1);
    if (unitOffset === undefined) return undefined;
    const site = this.code(this.unit(unitOffset)).callSites.find((c) => c.returnPc === returnPc);
    return site?.origin === undefined ? undefined : this.targetOf(site.origin);
  }

  /** The tail calls made by the function whose entry is `entry` (a file address). */
  tailCallsFrom(entry: number): TailCall[] {
    const unitOffset = this.unitFor(entry);
    if (unitOffset === undefined) return [];
    const { scopes, callSites } = this.code(this.unit(unitOffset));
    const fn = scopes.findIndex((s) => !s.inlined && s.ranges[0] === entry);
    if (fn < 0) return [];
    return callSites.filter((c) => c.function === fn && c.tail && c.origin !== undefined).map((c) => ({ returnPc: c.returnPc, target: this.targetOf(c.origin ?? 0) }));
  }

  /** A called function's DIE → its entry when its definition is in that unit, else its name. */
  private targetOf(origin: number): CallTarget {
    const unit = this.unitContaining(origin);
    const defined = unit === undefined ? undefined : this.code(unit).scopes.find((s) => !s.inlined && (s.offset === origin || s.origin === origin));
    if (defined !== undefined) return { entry: defined.ranges[0] };
    return { name: this.functionName(origin) };
  }

  private code(unit: Unit): UnitCode {
    unit.code ??= collectScopes(this.data.cursor('.debug_info'), unit.header, unit.abbrevs, unit.ranges);
    return unit.code;
  }

  private unitFor(address: number): number | undefined {
    this.index ??= this.data.has('.debug_aranges') ? this.arangesIndex() : this.rangesIndex();
    const i = upperBound(this.index.starts, address) - 1;
    if (i >= 0 && address < this.index.ends[i]) return this.index.units[i];
    return undefined;
  }

  /** .debug_aranges (DWARF 5 §6.1.2): (address, length) sets per unit. */
  private arangesIndex(): UnitIndex {
    const c = this.data.cursor('.debug_aranges');
    const entries: Array<[number, number, number]> = [];
    while (c.remaining >= 4) {
      let length = c.u32();
      let offsetSize = 4;
      if (length === 0xffffffff) {
        length = c.u64n();
        offsetSize = 8;
      }
      const end = c.pos + length;
      if (end > c.length) c.fail('address range set runs past the end of the section');
      c.skip(2);
      const unit = offsetSize === 8 ? c.u64n() : c.u32();
      const addressSize = c.u8();
      c.skip(1);
      // Tuples start at a multiple of twice the address size from the set's start.
      const setStart = c.pos - (offsetSize === 8 ? 24 : 12);
      c.seek(setStart + Math.ceil((c.pos - setStart) / (2 * addressSize)) * 2 * addressSize);
      while (c.pos + 2 * addressSize <= end) {
        const start = addressSize === 8 ? Number(c.u64()) : c.u32();
        const size = addressSize === 8 ? Number(c.u64()) : c.u32();
        if (start === 0 && size === 0) break;
        if (size > 0) entries.push([start, start + size, unit]);
      }
      c.seek(end);
    }
    return toIndex(entries);
  }

  /** Without aranges: every unit's top DIE ranges. */
  private rangesIndex(): UnitIndex {
    const entries: Array<[number, number, number]> = [];
    for (const offset of this.allUnitOffsets()) {
      const r = this.unit(offset).ranges;
      const top = this.topDie(this.unit(offset));
      const list = dieRanges(top, r);
      for (let i = 0; i < list.length; i += 2) entries.push([list[i], list[i + 1], offset]);
    }
    return toIndex(entries);
  }

  private allUnitOffsets(): number[] {
    if (this.unitOffsets === undefined) {
      const c = this.data.cursor('.debug_info');
      const offsets: number[] = [];
      while (c.remaining > 0) {
        const header = readUnitHeader(c);
        offsets.push(header.offset);
        c.seek(header.end);
      }
      this.unitOffsets = offsets;
    }
    return this.unitOffsets;
  }

  private topDie(unit: Unit): DieScratch {
    const die = new DieScratch();
    readDie(this.data.cursor('.debug_info', unit.header.firstDie), unit.header, unit.abbrevs, die);
    return die;
  }

  private unit(offset: number): Unit {
    const known = this.units.get(offset);
    if (known !== undefined) return known;
    const header = readUnitHeader(this.data.cursor('.debug_info', offset));
    const abbrevs = readAbbrevTable(this.data.cursor('.debug_abbrev', header.abbrevOffset));
    const die = new DieScratch();
    readDie(this.data.cursor('.debug_info', header.firstDie), header, abbrevs, die);
    const isUnit = die.tag === DW_TAG_compile_unit || die.tag === DW_TAG_partial_unit || die.tag === DW_TAG_skeleton_unit;
    // DWARF 5 bases default to just past the section headers (8 bytes, 16 for 64-bit DWARF).
    const headerSize = header.offsetSize === 8 ? 16 : 8;
    const strOffsetsBase = die.strOffsetsBase ?? (header.version >= 5 ? headerSize : 0);
    const addrBase = die.addrBase ?? (header.version >= 5 ? headerSize : 0);
    const base = die.lowPc ?? (die.lowPcIndex === undefined ? 0 : this.data.addrx(addrBase, die.lowPcIndex, header.addressSize));
    const ranges: RangeContext = { data: this.data, unit: header, base, addrBase, rnglistsBase: die.rnglistsBase ?? 0 };
    const unit: Unit = { header, abbrevs, ranges, strOffsetsBase, compDir: isUnit ? resolveStr(die.compDir, this.data, header, strOffsetsBase) : undefined, stmtList: isUnit ? die.stmtList : undefined };
    this.units.set(offset, unit);
    return unit;
  }

  private unitContaining(dieOffset: number): Unit | undefined {
    const offsets = this.allUnitOffsets();
    let lo = 0;
    let hi = offsets.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (offsets[mid] <= dieOffset) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 ? this.unit(offsets[lo - 1]) : undefined;
  }

  /** The linkage name (else the name) of a function DIE, following abstract_origin and specification. */
  private functionName(offset: number): string | undefined {
    let plain: string | undefined;
    const die = new DieScratch();
    let at: number | undefined = offset;
    for (let hop = 0; at !== undefined && hop < MAX_NAME_HOPS; hop++) {
      const unit = this.unitContaining(at);
      if (unit === undefined) break;
      readDie(this.data.cursor('.debug_info', at), unit.header, unit.abbrevs, die);
      const linkage = resolveStr(die.linkageName, this.data, unit.header, unit.strOffsetsBase);
      if (linkage !== undefined) return linkage;
      plain ??= resolveStr(die.name, this.data, unit.header, unit.strOffsetsBase);
      at = die.abstractOrigin ?? die.specification;
    }
    return plain;
  }
}

function toIndex(entries: Array<[number, number, number]>): UnitIndex {
  entries.sort((a, b) => a[0] - b[0]);
  return {
    starts: Float64Array.from(entries, (e) => e[0]),
    ends: Float64Array.from(entries, (e) => e[1]),
    units: Float64Array.from(entries, (e) => e[2]),
  };
}
