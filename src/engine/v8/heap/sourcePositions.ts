// Source-position tables: V8's compact map from bytecode (or machine code) offsets to positions in
// the script (src/codegen/source-position-table.cc). Each entry is two zigzag VLQs: the code offset
// delta, whose sign carries is_statement (a non-statement delta d is stored as -(d+1)), and the
// source position delta. Positions are SourcePosition bit fields: bit 0 is_external, bits 1..30 the
// script offset plus one, the bits above the inlining id. The running code offset starts at -1
// (kFunctionEntryBytecodeOffset), the running position at 0. V8 14 stores the code delta unsigned,
// shifted left by two flag bits (bit 0 is_statement) — read off Node 26's tables against the
// positions its --print-bytecode lists.

/** How a table's code deltas carry the entry's flags: in the sign (V8 ≤ 13) or in two low bits (V8 14). */
export type CodeDeltaEncoding = 'sign' | 'flag-bits';

export interface PositionTable {
  codeOffsets: Int32Array;
  /** Raw SourcePosition values (see scriptOffsetOf / inliningIdOf). */
  positions: Float64Array;
}

/** Entries decoded at most; a real function has far fewer, a longer table is garbage. */
const MAX_ENTRIES = 4_000_000;

function readVlq(bytes: Uint8Array, at: { pos: number }): number | undefined {
  let value = 0;
  let scale = 1;
  for (;;) {
    if (at.pos >= bytes.length || scale > 2 ** 63) return undefined;
    const b = bytes[at.pos++];
    value += (b & 0x7f) * scale;
    scale *= 128;
    if ((b & 0x80) === 0) return value;
  }
}

/** Zigzag: even values are non-negative, odd ones negative. */
function readSignedVlq(bytes: Uint8Array, at: { pos: number }): number | undefined {
  const value = readVlq(bytes, at);
  if (value === undefined) return undefined;
  return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
}

/** The code offset delta of an entry, in the table's encoding. */
function readCodeDelta(bytes: Uint8Array, at: { pos: number }, encoding: CodeDeltaEncoding): number | undefined {
  if (encoding === 'flag-bits') {
    const value = readVlq(bytes, at);
    return value === undefined ? undefined : Math.floor(value / 4);
  }
  const delta = readSignedVlq(bytes, at);
  return delta === undefined || delta >= 0 ? delta : -(delta + 1);
}

/** Decodes a whole table; undefined when the bytes are not a well-formed table. */
export function decodePositionTable(bytes: Uint8Array, encoding: CodeDeltaEncoding = 'sign'): PositionTable | undefined {
  const codeOffsets: number[] = [];
  const positions: number[] = [];
  const at = { pos: 0 };
  let code = -1;
  let position = 0;
  while (at.pos < bytes.length) {
    if (codeOffsets.length >= MAX_ENTRIES) return undefined;
    const codeDelta = readCodeDelta(bytes, at, encoding);
    const positionDelta = readSignedVlq(bytes, at);
    if (codeDelta === undefined || positionDelta === undefined) return undefined;
    code += codeDelta;
    position += positionDelta;
    codeOffsets.push(code);
    positions.push(position);
  }
  return { codeOffsets: Int32Array.from(codeOffsets), positions: Float64Array.from(positions) };
}

/** The raw position of the last entry whose code offset is at or before `offset` (AbstractCode::SourcePosition). */
export function positionAt(table: PositionTable, offset: number): number | undefined {
  let found: number | undefined;
  for (let i = 0; i < table.codeOffsets.length && table.codeOffsets[i] <= offset; i++) found = table.positions[i];
  return found;
}

export function scriptOffsetOf(raw: number): number {
  return (Math.floor(raw / 2) & 0x3fffffff) - 1;
}

/** 1-based line and column of a script offset, from the script's line ends (Script::GetPositionInfo). */
export function lineAndColumn(lineEnds: Int32Array, offset: number, lineOffset: number, columnOffset: number): { line: number; column: number } {
  let lo = 0;
  let hi = lineEnds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (lineEnds[mid] < offset) lo = mid + 1;
    else hi = mid;
  }
  const line = lo;
  let column = line === 0 ? offset : offset - lineEnds[line - 1] - 1;
  if (line === 0) column += columnOffset;
  return { line: line + lineOffset + 1, column: column + 1 };
}

/**
 * Line ends computed from source text, as String::CalculateLineEnds does when V8 never computed
 * them: LF, a CR not followed by LF, U+2028 and U+2029 end lines; the source length ends the last.
 */
export function computeLineEnds(source: string): Int32Array {
  const ends: number[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && source.charCodeAt(i + 1) !== 0x0a) || c === 0x2028 || c === 0x2029) ends.push(i);
  }
  if (source.length > 0) ends.push(source.length);
  return Int32Array.from(ends);
}
