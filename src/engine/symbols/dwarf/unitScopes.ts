// The code scopes of one compilation unit: every concrete function (DW_TAG_subprogram with an
// address range) and every inlined call (DW_TAG_inlined_subroutine), with their nesting, read in a
// single pass over the unit's DIEs. A pc lookup then yields the chain "inlined callee ... function"
// that gdb shows as separate frames sharing one pc.

import type { ByteCursor } from '../../elf/byteCursor';
import * as D from './dwarfConstants';
import { type Abbrev, DieScratch, readDie, type UnitHeader } from './dieReader';
import { dieRanges, type RangeContext } from './ranges';

/** Nesting deeper than this is not real code; it stops a crafted unit from growing the stack. */
const MAX_DEPTH = 512;

/** A call the compiler described (DW_TAG_call_site), used to rebuild tail-call frames as gdb does. */
export interface CallSite {
  /** Index of the out-of-line function the call is in. */
  function: number;
  /** Where the call returns to (for a tail call: the address after its jump). */
  returnPc: number;
  tail: boolean;
  /** .debug_info offset of the called function's DIE, when known. */
  origin?: number;
}

export interface UnitCode {
  scopes: Scope[];
  callSites: CallSite[];
}

export interface Scope {
  /** .debug_info offset of the DIE (for name resolution). */
  offset: number;
  inlined: boolean;
  ranges: number[];
  /** Index of the enclosing scope, -1 for a top-level function. */
  parent: number;
  /** Where an inlined call was made from (in the enclosing scope's source). */
  callFile?: number;
  callLine?: number;
  callColumn?: number;
  /** For an out-of-line function: the DIE it completes (abstract_origin or specification). */
  origin?: number;
}

/** The out-of-line function enclosing scope `index` (inlined scopes sit inside one). */
function outerFunction(scopes: Scope[], index: number): number {
  let i = index;
  for (let hops = 0; i >= 0 && scopes[i].inlined && hops < MAX_DEPTH; hops++) i = scopes[i].parent;
  return i;
}

function callSite(die: DieScratch, scopes: Scope[], current: number, ranges: RangeContext): CallSite | undefined {
  const fn = outerFunction(scopes, current);
  // GNU call sites (DWARF 4) keep the return address in low_pc and the callee in abstract_origin.
  const returnPc = die.callReturnPc ?? (die.callReturnPcIndex !== undefined ? ranges.data.addrx(ranges.addrBase, die.callReturnPcIndex, ranges.unit.addressSize) : die.lowPc);
  if (fn < 0 || returnPc === undefined) return undefined;
  return { function: fn, returnPc, tail: die.tailCall, origin: die.callOrigin ?? die.abstractOrigin };
}

export function collectScopes(c: ByteCursor, unit: UnitHeader, abbrevs: Map<number, Abbrev>, ranges: RangeContext): UnitCode {
  const scopes: Scope[] = [];
  const callSites: CallSite[] = [];
  const die = new DieScratch();
  // The innermost enclosing scope at each open nesting level.
  const open: number[] = [];
  let current = -1;
  c.seek(unit.firstDie);
  while (c.pos < unit.end) {
    if (!readDie(c, unit, abbrevs, die)) {
      if (open.length === 0) break;
      current = open.pop() ?? -1;
      continue;
    }
    let index = current;
    if (die.tag === D.DW_TAG_subprogram || die.tag === D.DW_TAG_inlined_subroutine) {
      const r = dieRanges(die, ranges);
      if (r.length > 0) {
        const inlined = die.tag === D.DW_TAG_inlined_subroutine;
        const origin = inlined ? undefined : (die.abstractOrigin ?? die.specification);
        scopes.push({ offset: die.offset, inlined, ranges: r, parent: current, callFile: die.callFile, callLine: die.callLine, callColumn: die.callColumn, origin });
        index = scopes.length - 1;
      }
    } else if (die.tag === D.DW_TAG_call_site || die.tag === D.DW_TAG_GNU_call_site) {
      const site = callSite(die, scopes, current, ranges);
      if (site !== undefined) callSites.push(site);
    }
    if (die.hasChildren) {
      if (open.length >= MAX_DEPTH) c.fail(`DIEs nested deeper than ${MAX_DEPTH}`, die.offset);
      open.push(current);
      current = index;
    }
  }
  return { scopes, callSites };
}

function contains(ranges: number[], address: number): boolean {
  for (let i = 0; i < ranges.length; i += 2) if (address >= ranges[i] && address < ranges[i + 1]) return true;
  return false;
}

/** Scope indexes holding `address`, innermost first, ending with the out-of-line function. */
export function scopeChain(scopes: Scope[], address: number): number[] {
  let innermost = -1;
  for (let i = 0; i < scopes.length; i++) {
    // Later scopes in DIE order are nested inside earlier ones, so the last match is the innermost.
    if (contains(scopes[i].ranges, address)) innermost = i;
  }
  const chain: number[] = [];
  for (let i = innermost; i >= 0 && chain.length < MAX_DEPTH; i = scopes[i].parent) chain.push(i);
  return chain;
}
