// Address ranges of a DIE (DWARF 5 §2.17): low_pc/high_pc, or a range list — .debug_ranges pairs
// in DWARF 2–4, .debug_rnglists entries in DWARF 5. Returned flat as [start0, end0, start1, ...].

import type { ByteCursor } from '../../elf/byteCursor';
import { DW_FORM_rnglistx } from './dwarfConstants';
import type { DwarfData } from './dwarfData';
import type { DieScratch, UnitHeader } from './dieReader';

/** Most ranges one list may hold; more is a loop through garbage. */
const MAX_RANGES = 100_000;

export interface RangeContext {
  data: DwarfData;
  unit: UnitHeader;
  /** The unit's base address (its DW_AT_low_pc), for offset pairs. */
  base: number;
  addrBase: number;
  rnglistsBase: number;
}

/** The ranges of the DIE just read; empty when it has none (a declaration, an abstract instance). */
export function dieRanges(die: DieScratch, ctx: RangeContext): number[] {
  if (die.ranges !== undefined) return rangeList(die.ranges, die.rangesForm, ctx);
  const low = die.lowPcIndex !== undefined ? ctx.data.addrx(ctx.addrBase, die.lowPcIndex, ctx.unit.addressSize) : die.lowPc;
  if (low === undefined) return [];
  const high = die.highPcIndex !== undefined ? ctx.data.addrx(ctx.addrBase, die.highPcIndex, ctx.unit.addressSize) : die.highPc;
  if (high === undefined) return [low, low + 1];
  const end = die.highPcIsOffset ? low + high : high;
  return end > low ? [low, end] : [];
}

function rangeList(value: number, form: number, ctx: RangeContext): number[] {
  if (ctx.unit.version >= 5) {
    const offset = form === DW_FORM_rnglistx ? rnglistxOffset(value, ctx) : value;
    return readRnglist(ctx.data.cursor('.debug_rnglists', offset), ctx);
  }
  // DWARF 4 GNU split units add DW_AT_GNU_ranges_base; plain units have rnglistsBase 0.
  return readRanges(ctx.data.cursor('.debug_ranges', value + ctx.rnglistsBase), ctx);
}

function rnglistxOffset(index: number, ctx: RangeContext): number {
  const size = ctx.unit.offsetSize;
  const c = ctx.data.cursor('.debug_rnglists', ctx.rnglistsBase + index * size);
  return ctx.rnglistsBase + (size === 8 ? c.u64n() : c.u32());
}

function address(c: ByteCursor, size: number): number {
  if (size === 4) return c.u32();
  const v = c.u64();
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.NaN : Number(v);
}

function readRanges(c: ByteCursor, ctx: RangeContext): number[] {
  const out: number[] = [];
  const size = ctx.unit.addressSize;
  const max = size === 8 ? 2 ** 64 - 1 : 0xffffffff;
  let base = ctx.base;
  while (out.length < MAX_RANGES * 2) {
    const at = c.pos;
    const start = address(c, size);
    const end = address(c, size);
    if (start === 0 && end === 0) break;
    // A start of all ones (NaN here for 64-bit) selects a new base address.
    if (Number.isNaN(start) || start === max) {
      base = end;
      continue;
    }
    if (end < start) c.fail('range ends before it starts', at);
    if (end > start) out.push(base + start, base + end);
  }
  return out;
}

function readRnglist(c: ByteCursor, ctx: RangeContext): number[] {
  const out: number[] = [];
  const { data, unit, addrBase } = ctx;
  const size = unit.addressSize;
  let base = ctx.base;
  const push = (start: number, end: number): void => {
    if (end > start) out.push(start, end);
  };
  while (out.length < MAX_RANGES * 2) {
    const kind = c.u8();
    if (kind === 0) break;
    if (kind === 1) base = data.addrx(addrBase, c.uleb(), size);
    else if (kind === 2) push(data.addrx(addrBase, c.uleb(), size), data.addrx(addrBase, c.uleb(), size));
    else if (kind === 3) {
      const start = data.addrx(addrBase, c.uleb(), size);
      push(start, start + c.uleb());
    } else if (kind === 4) {
      const start = c.uleb();
      push(base + start, base + c.uleb());
    } else if (kind === 5) base = address(c, size);
    else if (kind === 6) push(address(c, size), address(c, size));
    else if (kind === 7) {
      const start = address(c, size);
      push(start, start + c.uleb());
    } else c.fail(`unknown range list entry kind ${kind}`, c.pos - 1);
  }
  return out;
}
