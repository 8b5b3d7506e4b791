// The line-number program of one unit (DWARF 5 §6.2): its header (file and directory tables, v2–v5)
// and the state machine that turns opcodes into rows, kept as sorted sequences of typed arrays so a
// pc lookup is two binary searches.

import type { ByteCursor } from '../../elf/byteCursor';
import * as D from './dwarfConstants';
import type { DwarfData } from './dwarfData';
import { upperBound } from '../../upperBound';

/** Caps against crafted headers and programs. */
const MAX_FILES = 1_000_000;
const MAX_ROWS = 50_000_000;

const DW_LNCT_path = 1;
const DW_LNCT_directory_index = 2;

export interface LineRow {
  file: string;
  line: number;
  column: number;
}

interface Sequence {
  start: number;
  end: number;
  addresses: Float64Array;
  files: Uint32Array;
  lines: Uint32Array;
  columns: Uint32Array;
}

interface Header {
  version: number;
  addressSize: number;
  offsetSize: number;
  minInstLength: number;
  defaultIsStmt: boolean;
  lineBase: number;
  lineRange: number;
  opcodeBase: number;
  standardLengths: number[];
  /** Full paths, indexed as the program's file register numbers them. */
  files: string[];
  programEnd: number;
}

export class LineTable {
  private constructor(
    private readonly files: string[],
    private readonly sequences: Sequence[],
  ) {}

  /** Parses the program at `offset` of .debug_line; `compDir` makes relative paths absolute. */
  static parse(data: DwarfData, offset: number, compDir: string | undefined, addressSize: number): LineTable {
    const c = data.cursor('.debug_line', offset);
    const header = readHeader(c, data, compDir ?? '', addressSize);
    const sequences = runProgram(c, header);
    sequences.sort((a, b) => a.start - b.start);
    return new LineTable(header.files, sequences);
  }

  lookup(address: number): LineRow | undefined {
    let lo = 0;
    let hi = this.sequences.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.sequences[mid].start <= address) lo = mid + 1;
      else hi = mid;
    }
    // Sequences may overlap (discarded COMDAT copies at address 0): search back for one that holds it.
    for (let s = lo - 1; s >= 0 && s >= lo - 8; s--) {
      const seq = this.sequences[s];
      if (address >= seq.end) continue;
      const i = lastAtOrBefore(seq.addresses, address);
      if (i < 0) continue;
      return { file: this.fileName(seq.files[i]), line: seq.lines[i], column: seq.columns[i] };
    }
    return undefined;
  }

  fileName(index: number): string {
    return this.files[index] ?? `<file ${index}>`;
  }
}

function lastAtOrBefore(sorted: Float64Array, value: number): number {
  return upperBound(sorted, value) - 1;
}

function readHeader(c: ByteCursor, data: DwarfData, compDir: string, unitAddressSize: number): Header {
  let length = c.u32();
  let offsetSize = 4;
  if (length === 0xffffffff) {
    length = c.u64n();
    offsetSize = 8;
  }
  const programEnd = c.pos + length;
  if (programEnd > c.length) c.fail(`line program of ${length} bytes runs past the end of .debug_line`);
  const version = c.u16();
  if (version < 2 || version > 5) c.fail(`line table version ${version} is not supported`);
  let addressSize = unitAddressSize;
  if (version >= 5) {
    addressSize = c.u8();
    c.skip(1);
  }
  const headerLength = offsetSize === 8 ? c.u64n() : c.u32();
  const programStart = c.pos + headerLength;
  const minInstLength = c.u8();
  if (version >= 4) c.skip(1);
  const defaultIsStmt = c.u8() !== 0;
  const lineBase = c.i8();
  const lineRange = c.u8();
  const opcodeBase = c.u8();
  if (lineRange === 0) c.fail('line_range is 0');
  const standardLengths = Array.from({ length: Math.max(0, opcodeBase - 1) }, () => c.u8());
  const files = version >= 5 ? readV5Files(c, data, compDir, offsetSize) : readV4Files(c, compDir);
  c.seek(programStart);
  return { version, addressSize, offsetSize, minInstLength, defaultIsStmt, lineBase, lineRange, opcodeBase, standardLengths, files, programEnd };
}

/** Joins without normalising, so paths read as the compiler recorded them ("./nptl/x.c", as gdb shows). */
function joinPath(dir: string, name: string): string {
  if (name.startsWith('/') || dir === '') return name;
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

function readV4Files(c: ByteCursor, compDir: string): string[] {
  const dirs = [compDir];
  for (let name = c.cstring(); name !== ''; name = c.cstring()) {
    if (dirs.length > MAX_FILES) c.fail('too many include directories');
    dirs.push(joinPath(compDir, name));
  }
  // DWARF 2–4 number files from 1; index 0 stays unused.
  const files = [''];
  for (let name = c.cstring(); name !== ''; name = c.cstring()) {
    if (files.length > MAX_FILES) c.fail('too many file names');
    const dir = c.uleb();
    c.uleb();
    c.uleb();
    files.push(joinPath(dirs[dir] ?? compDir, name));
  }
  return files;
}

function readEntryFormats(c: ByteCursor): Array<[number, number]> {
  const count = c.u8();
  return Array.from({ length: count }, () => [c.uleb(), c.uleb()] as [number, number]);
}

/** One string-or-number field of a v5 directory/file entry. */
function readEntryField(c: ByteCursor, form: number, data: DwarfData, offsetSize: number): string | number {
  switch (form) {
    case D.DW_FORM_string: return c.cstring();
    case D.DW_FORM_line_strp: return data.lineStr(offsetSize === 8 ? c.u64n() : c.u32());
    case D.DW_FORM_strp: return data.str(offsetSize === 8 ? c.u64n() : c.u32());
    case D.DW_FORM_data1: return c.u8();
    case D.DW_FORM_data2: return c.u16();
    case D.DW_FORM_data4: return c.u32();
    case D.DW_FORM_data8: return c.u64n();
    case D.DW_FORM_udata: return c.uleb();
    case D.DW_FORM_data16: c.skip(16); return 0;
    case D.DW_FORM_block: c.skip(c.uleb()); return 0;
    default: return c.fail(`line table entry form 0x${form.toString(16)} is not supported`);
  }
}

function readV5Entries(c: ByteCursor, data: DwarfData, offsetSize: number): Array<{ path: string; dir: number }> {
  const formats = readEntryFormats(c);
  const count = c.uleb();
  if (count > MAX_FILES) c.fail(`claims ${count} entries`);
  return Array.from({ length: count }, () => {
    const entry = { path: '', dir: 0 };
    for (const [type, form] of formats) {
      const value = readEntryField(c, form, data, offsetSize);
      if (type === DW_LNCT_path && typeof value === 'string') entry.path = value;
      else if (type === DW_LNCT_directory_index && typeof value === 'number') entry.dir = value;
    }
    return entry;
  });
}

function readV5Files(c: ByteCursor, data: DwarfData, compDir: string, offsetSize: number): string[] {
  // DWARF 5 §6.2.4: directory 0 is the unit's compilation directory; the others are relative to it.
  const dirs = readV5Entries(c, data, offsetSize).map((d) => d.path);
  const first = dirs[0] ?? compDir;
  const resolved = dirs.map((d, i) => (i === 0 ? first : joinPath(first, d)));
  return readV5Entries(c, data, offsetSize).map((f) => joinPath(resolved[f.dir] ?? first, f.path));
}

class SequenceBuilder {
  addresses: number[] = [];
  files: number[] = [];
  lines: number[] = [];
  columns: number[] = [];

  add(address: number, file: number, line: number, column: number): void {
    this.addresses.push(address);
    this.files.push(file);
    this.lines.push(line);
    this.columns.push(column);
  }

  finish(end: number): Sequence | undefined {
    const n = this.addresses.length;
    const sequence = n === 0 ? undefined : {
      start: this.addresses[0],
      end,
      addresses: Float64Array.from(this.addresses),
      files: Uint32Array.from(this.files),
      lines: Uint32Array.from(this.lines),
      columns: Uint32Array.from(this.columns),
    };
    this.addresses = [];
    this.files = [];
    this.lines = [];
    this.columns = [];
    return sequence;
  }
}

function runProgram(c: ByteCursor, h: Header): Sequence[] {
  const sequences: Sequence[] = [];
  const builder = new SequenceBuilder();
  let address = 0;
  let file = 1;
  let line = 1;
  let column = 0;
  let rows = 0;
  const reset = (): void => {
    address = 0;
    file = 1;
    line = 1;
    column = 0;
  };
  const emit = (): void => {
    if (++rows > MAX_ROWS) c.fail(`more than ${MAX_ROWS} line rows`);
    builder.add(address, file, line, column);
  };
  while (c.pos < h.programEnd) {
    const op = c.u8();
    if (op >= h.opcodeBase) {
      const adjusted = op - h.opcodeBase;
      address += Math.floor(adjusted / h.lineRange) * h.minInstLength;
      line += h.lineBase + (adjusted % h.lineRange);
      emit();
    } else if (op === 0) {
      const length = c.uleb();
      const end = c.pos + length;
      const sub = length === 0 ? 0 : c.u8();
      if (sub === 1) {
        const sequence = builder.finish(address);
        if (sequence !== undefined) sequences.push(sequence);
        reset();
      } else if (sub === 2) {
        address = h.addressSize === 8 ? Number(c.u64() & 0x1fffffffffffffn) : c.u32();
      }
      c.seek(Math.min(end, c.length));
    } else {
      const values = standard(op, c, h);
      if (op === 1) emit();
      else if (op === 2) address += values * h.minInstLength;
      else if (op === 3) line += values;
      else if (op === 4) file = values;
      else if (op === 5) column = values;
      else if (op === 8) address += Math.floor((255 - h.opcodeBase) / h.lineRange) * h.minInstLength;
      else if (op === 9) address += values;
    }
  }
  return sequences;
}

/** Reads a standard opcode's operand (or skips the operands of one it does not know). */
function standard(op: number, c: ByteCursor, h: Header): number {
  switch (op) {
    case 2: case 4: case 5: case 12: return c.uleb();
    case 3: return c.sleb();
    case 9: return c.u16();
    case 1: case 6: case 7: case 8: case 10: case 11: return 0;
    default:
      for (let i = 0; i < (h.standardLengths[op - 1] ?? 0); i++) c.uleb();
      return 0;
  }
}
