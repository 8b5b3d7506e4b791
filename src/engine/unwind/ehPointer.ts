// DW_EH_PE pointer encodings (LSB "Linux Standard Base Core Specification", §10.5 "DWARF Extensions";
// gcc's unwind-pe.h): how .eh_frame and .eh_frame_hdr store addresses — a value format in the low
// nibble, what it is relative to in the high one.

import type { ByteCursor } from '../elf/byteCursor';

export const DW_EH_PE_omit = 0xff;
const DW_EH_PE_absptr = 0x00;
const DW_EH_PE_uleb128 = 0x01;
const DW_EH_PE_udata2 = 0x02;
const DW_EH_PE_udata4 = 0x03;
const DW_EH_PE_udata8 = 0x04;
const DW_EH_PE_sleb128 = 0x09;
const DW_EH_PE_sdata2 = 0x0a;
const DW_EH_PE_sdata4 = 0x0b;
const DW_EH_PE_sdata8 = 0x0c;
const DW_EH_PE_pcrel = 0x10;
const DW_EH_PE_textrel = 0x20;
const DW_EH_PE_datarel = 0x30;
const DW_EH_PE_funcrel = 0x40;
const DW_EH_PE_aligned = 0x50;
const DW_EH_PE_indirect = 0x80;

/** What relative encodings are relative to, as file (link-time) addresses. */
export interface PointerBases {
  /** Address of the cursor's byte 0 (pcrel adds the address of the field itself). */
  section: number;
  /** datarel base: the start of .eh_frame_hdr for its table. */
  data?: number;
  text?: number;
  func?: number;
}

function toNumber(c: ByteCursor, value: bigint, at: number): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) c.fail(`encoded pointer 0x${value.toString(16)} is out of range`, at);
  return Number(value);
}

/** The raw value of an encoded field, without applying its base. */
function readValue(c: ByteCursor, format: number): number {
  const at = c.pos;
  switch (format) {
    case DW_EH_PE_absptr:
    case DW_EH_PE_udata8:
      return toNumber(c, c.u64(), at);
    case DW_EH_PE_sdata8:
      return toNumber(c, c.i64(), at);
    case DW_EH_PE_uleb128:
      return c.uleb();
    case DW_EH_PE_sleb128:
      return toNumber(c, c.slebBig(), at);
    case DW_EH_PE_udata2:
      return c.u16();
    case DW_EH_PE_sdata2:
      return c.i16();
    case DW_EH_PE_udata4:
      return c.u32();
    case DW_EH_PE_sdata4:
      return c.i32();
    default:
      return c.fail(`unknown pointer encoding 0x${format.toString(16)}`, at);
  }
}

/**
 * Reads a pointer with `encoding`; returns a file address. Indirect pointers (used only for
 * personality routines, which unwinding never needs) are returned as the address of the slot.
 */
export function readEncoded(c: ByteCursor, encoding: number, bases: PointerBases): number {
  if (encoding === DW_EH_PE_omit) c.fail('omitted pointer read');
  const fieldAddress = bases.section + c.pos;
  if ((encoding & 0x70) === DW_EH_PE_aligned) c.seek(Math.min(c.length, Math.ceil(c.pos / 8) * 8));
  const value = readValue(c, encoding & 0x0f);
  switch (encoding & 0x70 & ~DW_EH_PE_indirect) {
    case DW_EH_PE_absptr:
    case DW_EH_PE_aligned:
      return value;
    case DW_EH_PE_pcrel:
      return fieldAddress + value;
    case DW_EH_PE_datarel:
      return (bases.data ?? c.fail('datarel pointer without a data base')) + value;
    case DW_EH_PE_textrel:
      return (bases.text ?? c.fail('textrel pointer without a text base')) + value;
    case DW_EH_PE_funcrel:
      return (bases.func ?? c.fail('funcrel pointer without a function base')) + value;
    default:
      return c.fail(`unknown pointer application 0x${(encoding & 0x70).toString(16)}`);
  }
}

/** The value of a pc_range field: the FDE encoding's format, never relative. */
export function readRange(c: ByteCursor, encoding: number): number {
  return readValue(c, encoding & 0x0f);
}
