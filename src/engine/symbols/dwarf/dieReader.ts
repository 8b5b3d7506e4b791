// Reading debugging information entries (DWARF 5 §7.5): unit headers, abbreviation tables and the
// DIEs themselves. Only the attributes symbolisation needs are decoded — into one reusable scratch
// object, so walking a unit of a hundred thousand DIEs allocates nothing per DIE — and every other
// attribute is skipped by its form's size.

import type { ByteCursor } from '../../elf/byteCursor';
import { toAddress } from '../../elf/elfHeaders';
import * as D from './dwarfConstants';
import type { DwarfData } from './dwarfData';

export interface UnitHeader {
  /** Section offset of the unit's length field, and of its end. */
  offset: number;
  end: number;
  version: number;
  unitType: number;
  addressSize: number;
  offsetSize: number;
  abbrevOffset: number;
  /** Section offset of the first DIE. */
  firstDie: number;
}

export interface Abbrev {
  tag: number;
  hasChildren: boolean;
  attributes: Int32Array;
  forms: Int32Array;
  /** DW_FORM_implicit_const values, by attribute position. */
  implicit: Float64Array;
}

/** Most abbreviations one table may define; a crafted table cannot grow without end. */
const MAX_ABBREVS = 1_000_000;

export function readUnitHeader(c: ByteCursor): UnitHeader {
  const offset = c.pos;
  let length = c.u32();
  let offsetSize = 4;
  if (length === 0xffffffff) {
    length = c.u64n();
    offsetSize = 8;
  } else if (length >= 0xfffffff0) c.fail(`reserved unit length 0x${length.toString(16)}`, offset);
  const end = c.pos + length;
  if (end > c.length) c.fail(`unit of ${length} bytes runs past the end of the section`, offset);
  const version = c.u16();
  if (version < 2 || version > 5) c.fail(`DWARF version ${version} is not supported`, offset);
  let unitType = D.DW_UT_compile;
  let addressSize: number;
  let abbrevOffset: number;
  if (version >= 5) {
    unitType = c.u8();
    addressSize = c.u8();
    abbrevOffset = offsetSize === 8 ? c.u64n() : c.u32();
    if (unitType === D.DW_UT_skeleton || unitType === D.DW_UT_split_compile) c.skip(8);
    else if (unitType === D.DW_UT_type || unitType === D.DW_UT_split_type) c.skip(8 + offsetSize);
  } else {
    abbrevOffset = offsetSize === 8 ? c.u64n() : c.u32();
    addressSize = c.u8();
  }
  if (addressSize !== 4 && addressSize !== 8) c.fail(`address size ${addressSize} is not supported`, offset);
  return { offset, end, version, unitType, addressSize, offsetSize, abbrevOffset, firstDie: c.pos };
}

export function readAbbrevTable(c: ByteCursor): Map<number, Abbrev> {
  const table = new Map<number, Abbrev>();
  for (;;) {
    const code = c.uleb();
    if (code === 0) return table;
    if (table.size >= MAX_ABBREVS) c.fail(`more than ${MAX_ABBREVS} abbreviations`);
    const tag = c.uleb();
    const hasChildren = c.u8() !== 0;
    const attributes: number[] = [];
    const forms: number[] = [];
    const implicit: number[] = [];
    for (;;) {
      const attribute = c.uleb();
      const form = c.uleb();
      if (attribute === 0 && form === 0) break;
      attributes.push(attribute);
      forms.push(form);
      implicit.push(form === D.DW_FORM_implicit_const ? c.sleb() : 0);
    }
    table.set(code, { tag, hasChildren, attributes: Int32Array.from(attributes), forms: Int32Array.from(forms), implicit: Float64Array.from(implicit) });
  }
}

/** A string attribute before resolution: inline text, or an offset/index into a string section. */
export interface StrRef {
  form: number;
  value: number;
  text?: string;
}

/** The decoded attributes of the last DIE read. Reset before each DIE. */
export class DieScratch {
  offset = 0;
  tag = 0;
  hasChildren = false;
  name: StrRef | undefined;
  linkageName: StrRef | undefined;
  lowPc: number | undefined;
  lowPcIndex: number | undefined;
  highPc: number | undefined;
  highPcIsOffset = false;
  highPcIndex: number | undefined;
  ranges: number | undefined;
  rangesForm = 0;
  abstractOrigin: number | undefined;
  specification: number | undefined;
  callFile: number | undefined;
  callLine: number | undefined;
  callColumn: number | undefined;
  stmtList: number | undefined;
  compDir: StrRef | undefined;
  strOffsetsBase: number | undefined;
  addrBase: number | undefined;
  rnglistsBase: number | undefined;
  /** Call sites (DW_TAG_call_site): where the call returns to, what it calls, whether it is a tail call. */
  callReturnPc: number | undefined;
  callReturnPcIndex: number | undefined;
  callOrigin: number | undefined;
  tailCall = false;

  reset(offset: number): void {
    this.offset = offset;
    this.name = this.linkageName = this.compDir = undefined;
    this.lowPc = this.lowPcIndex = this.highPc = this.highPcIndex = this.ranges = undefined;
    this.abstractOrigin = this.specification = this.callFile = this.callLine = this.callColumn = undefined;
    this.stmtList = this.strOffsetsBase = this.addrBase = this.rnglistsBase = undefined;
    this.highPcIsOffset = false;
    this.rangesForm = 0;
    this.callReturnPc = this.callReturnPcIndex = this.callOrigin = undefined;
    this.tailCall = false;
  }
}

/** Reads the DIE at the cursor into `die`; returns false for a null entry (end of siblings). */
export function readDie(c: ByteCursor, unit: UnitHeader, abbrevs: Map<number, Abbrev>, die: DieScratch): boolean {
  die.reset(c.pos);
  const code = c.uleb();
  if (code === 0) return false;
  const abbrev = abbrevs.get(code);
  if (abbrev === undefined) c.fail(`DIE uses abbreviation ${code}, which its table does not define`, die.offset);
  die.tag = abbrev.tag;
  die.hasChildren = abbrev.hasChildren;
  for (let i = 0; i < abbrev.attributes.length; i++) {
    let form = abbrev.forms[i];
    if (form === D.DW_FORM_indirect) form = c.uleb();
    const attribute = abbrev.attributes[i];
    if (!WANTED.has(attribute)) skipForm(c, form, unit);
    else store(die, attribute, form, readValue(c, form, unit, abbrev.implicit[i]), unit);
  }
  return true;
}

const WANTED = new Set([
  D.DW_AT_name, D.DW_AT_linkage_name, D.DW_AT_MIPS_linkage_name, D.DW_AT_low_pc, D.DW_AT_high_pc, D.DW_AT_ranges,
  D.DW_AT_abstract_origin, D.DW_AT_specification, D.DW_AT_call_file, D.DW_AT_call_line, D.DW_AT_call_column,
  D.DW_AT_stmt_list, D.DW_AT_comp_dir, D.DW_AT_str_offsets_base, D.DW_AT_addr_base, D.DW_AT_GNU_addr_base,
  D.DW_AT_rnglists_base, D.DW_AT_GNU_ranges_base, D.DW_AT_call_return_pc, D.DW_AT_call_origin, D.DW_AT_call_tail_call,
  D.DW_AT_GNU_tail_call,
]);

/** Inline strings are returned through here rather than allocating a value object per attribute. */
let lastString = '';

function readValue(c: ByteCursor, form: number, unit: UnitHeader, implicit: number): number {
  switch (form) {
    case D.DW_FORM_addr:
      return unit.addressSize === 8 ? toAddress(c.u64()) : c.u32();
    case D.DW_FORM_data1: case D.DW_FORM_ref1: case D.DW_FORM_flag: case D.DW_FORM_strx1: case D.DW_FORM_addrx1:
      return c.u8();
    case D.DW_FORM_data2: case D.DW_FORM_ref2: case D.DW_FORM_strx2: case D.DW_FORM_addrx2:
      return c.u16();
    case D.DW_FORM_strx3: case D.DW_FORM_addrx3:
      return c.u16() + c.u8() * 0x10000;
    case D.DW_FORM_data4: case D.DW_FORM_ref4: case D.DW_FORM_strx4: case D.DW_FORM_addrx4: case D.DW_FORM_ref_sup4:
      return c.u32();
    case D.DW_FORM_data8: case D.DW_FORM_ref8: case D.DW_FORM_ref_sig8: case D.DW_FORM_ref_sup8:
      return toAddress(c.u64());
    case D.DW_FORM_sdata:
      return c.sleb();
    case D.DW_FORM_udata: case D.DW_FORM_ref_udata: case D.DW_FORM_strx: case D.DW_FORM_addrx:
    case D.DW_FORM_loclistx: case D.DW_FORM_rnglistx: case D.DW_FORM_GNU_addr_index: case D.DW_FORM_GNU_str_index:
      return c.uleb();
    case D.DW_FORM_strp: case D.DW_FORM_line_strp: case D.DW_FORM_sec_offset: case D.DW_FORM_strp_sup:
    case D.DW_FORM_GNU_ref_alt: case D.DW_FORM_GNU_strp_alt:
      return unit.offsetSize === 8 ? c.u64n() : c.u32();
    case D.DW_FORM_ref_addr:
      return unit.version <= 2 ? (unit.addressSize === 8 ? c.u64n() : c.u32()) : unit.offsetSize === 8 ? c.u64n() : c.u32();
    case D.DW_FORM_string:
      lastString = c.cstring();
      return 0;
    case D.DW_FORM_flag_present:
      return 1;
    case D.DW_FORM_implicit_const:
      return implicit;
    default:
      skipForm(c, form, unit);
      return 0;
  }
}

export function skipForm(c: ByteCursor, form: number, unit: UnitHeader): void {
  switch (form) {
    case D.DW_FORM_block1: return c.skip(c.u8());
    case D.DW_FORM_block2: return c.skip(c.u16());
    case D.DW_FORM_block4: return c.skip(c.u32());
    case D.DW_FORM_block: case D.DW_FORM_exprloc: return c.skip(c.uleb());
    case D.DW_FORM_data16: return c.skip(16);
    case D.DW_FORM_string: return void c.cstring();
    case D.DW_FORM_flag_present: case D.DW_FORM_implicit_const: return;
    case D.DW_FORM_indirect: return skipForm(c, c.uleb(), unit);
    default:
      if (!KNOWN_SIZED.has(form)) c.fail(`unknown attribute form 0x${form.toString(16)}`);
      readValue(c, form, unit, 0);
  }
}

const KNOWN_SIZED = new Set([
  D.DW_FORM_addr, D.DW_FORM_data1, D.DW_FORM_ref1, D.DW_FORM_flag, D.DW_FORM_strx1, D.DW_FORM_addrx1, D.DW_FORM_data2,
  D.DW_FORM_ref2, D.DW_FORM_strx2, D.DW_FORM_addrx2, D.DW_FORM_strx3, D.DW_FORM_addrx3, D.DW_FORM_data4, D.DW_FORM_ref4,
  D.DW_FORM_strx4, D.DW_FORM_addrx4, D.DW_FORM_ref_sup4, D.DW_FORM_data8, D.DW_FORM_ref8, D.DW_FORM_ref_sig8,
  D.DW_FORM_ref_sup8, D.DW_FORM_sdata, D.DW_FORM_udata, D.DW_FORM_ref_udata, D.DW_FORM_strx, D.DW_FORM_addrx,
  D.DW_FORM_loclistx, D.DW_FORM_rnglistx, D.DW_FORM_GNU_addr_index, D.DW_FORM_GNU_str_index, D.DW_FORM_strp,
  D.DW_FORM_line_strp, D.DW_FORM_sec_offset, D.DW_FORM_strp_sup, D.DW_FORM_GNU_ref_alt, D.DW_FORM_GNU_strp_alt,
  D.DW_FORM_ref_addr,
]);

const LOCAL_REFS = new Set([D.DW_FORM_ref1, D.DW_FORM_ref2, D.DW_FORM_ref4, D.DW_FORM_ref8, D.DW_FORM_ref_udata]);
const ADDRX_FORMS = new Set([D.DW_FORM_addrx, D.DW_FORM_addrx1, D.DW_FORM_addrx2, D.DW_FORM_addrx3, D.DW_FORM_addrx4, D.DW_FORM_GNU_addr_index]);
const CONSTANT_FORMS = new Set([D.DW_FORM_data1, D.DW_FORM_data2, D.DW_FORM_data4, D.DW_FORM_data8, D.DW_FORM_udata, D.DW_FORM_sdata, D.DW_FORM_implicit_const]);

/** A reference as a .debug_info offset: unit-relative forms are rebased; others (alt/sig8) are unusable. */
function reference(form: number, value: number, unit: UnitHeader): number | undefined {
  if (LOCAL_REFS.has(form)) return unit.offset + value;
  return form === D.DW_FORM_ref_addr ? value : undefined;
}

function strRef(form: number, value: number): StrRef {
  return form === D.DW_FORM_string ? { form, value, text: lastString } : { form, value };
}

function store(die: DieScratch, attribute: number, form: number, value: number, unit: UnitHeader): void {
  switch (attribute) {
    case D.DW_AT_name: die.name = strRef(form, value); break;
    case D.DW_AT_linkage_name: case D.DW_AT_MIPS_linkage_name: die.linkageName = strRef(form, value); break;
    case D.DW_AT_comp_dir: die.compDir = strRef(form, value); break;
    case D.DW_AT_low_pc:
      if (ADDRX_FORMS.has(form)) die.lowPcIndex = value;
      else die.lowPc = value;
      break;
    case D.DW_AT_high_pc:
      if (ADDRX_FORMS.has(form)) die.highPcIndex = value;
      else die.highPc = value;
      // DWARF 4+: a constant-class high_pc is an offset from low_pc.
      die.highPcIsOffset = CONSTANT_FORMS.has(form);
      break;
    case D.DW_AT_ranges: die.ranges = value; die.rangesForm = form; break;
    case D.DW_AT_abstract_origin: die.abstractOrigin = reference(form, value, unit); break;
    case D.DW_AT_specification: die.specification = reference(form, value, unit); break;
    case D.DW_AT_call_file: die.callFile = value; break;
    case D.DW_AT_call_line: die.callLine = value; break;
    case D.DW_AT_call_column: die.callColumn = value; break;
    case D.DW_AT_stmt_list: die.stmtList = value; break;
    case D.DW_AT_str_offsets_base: die.strOffsetsBase = value; break;
    case D.DW_AT_addr_base: case D.DW_AT_GNU_addr_base: die.addrBase = value; break;
    case D.DW_AT_rnglists_base: case D.DW_AT_GNU_ranges_base: die.rnglistsBase = value; break;
    case D.DW_AT_call_return_pc:
      if (ADDRX_FORMS.has(form)) die.callReturnPcIndex = value;
      else die.callReturnPc = value;
      break;
    case D.DW_AT_call_origin: die.callOrigin = reference(form, value, unit); break;
    case D.DW_AT_call_tail_call: case D.DW_AT_GNU_tail_call: die.tailCall = value !== 0; break;
  }
}

/** Resolves a string attribute against the unit's string sections. */
export function resolveStr(ref: StrRef | undefined, data: DwarfData, unit: UnitHeader, strOffsetsBase: number): string | undefined {
  if (ref === undefined) return undefined;
  switch (ref.form) {
    case D.DW_FORM_string: return ref.text;
    case D.DW_FORM_strp: return data.str(ref.value);
    case D.DW_FORM_line_strp: return data.lineStr(ref.value);
    case D.DW_FORM_strx: case D.DW_FORM_strx1: case D.DW_FORM_strx2: case D.DW_FORM_strx3: case D.DW_FORM_strx4: case D.DW_FORM_GNU_str_index:
      return data.strx(strOffsetsBase, ref.value, unit.offsetSize);
    default:
      return undefined; // strings in a supplementary (dwz) file are not available
  }
}
