// Sparkplug (baseline) frames look like interpreted ones — BytecodeArray in the same slot — but the
// next slot holds feedback, not an offset: the bytecode offset must be derived from the pc. The
// baseline Code keeps a bytecode-offset table (one unsigned VLQ machine-code length per bytecode,
// in bytecode order), so walking it alongside the bytecodes, sized by V8's own kBytecodeSizes table
// from the binary, finds the bytecode whose machine code holds the pc (BytecodeOffsetIterator).

import { BYTECODE_SIZES } from '../metadata/binarySymbols';
import { untag, type Tagged } from '../heap/tagged';
import type { V8Process } from '../v8Process';
import type { CodeObject } from './codeLookup';

/** Prefix bytecodes: Wide and ExtraWide, and their DebugBreak twins, scale the next bytecode's operands. */
const PREFIX_SCALE = [1, 2, 1, 2];

export class BytecodeSizes {
  /** `sizes` is V8's kBytecodeSizes: three rows (operand scales 1, 2, 4) of `count` sizes. */
  constructor(
    private readonly sizes: Uint8Array,
    private readonly count: number,
  ) {}

  /** Reads `kBytecodeSizes[3][count]` (uint8) from the binary. */
  static async load(v8: V8Process): Promise<BytecodeSizes | undefined> {
    const symbol = v8.symbols.byName.get(BYTECODE_SIZES);
    if (symbol === undefined || symbol.size === 0 || symbol.size % 3 !== 0) return undefined;
    const bytes = await v8.symbols.bytes(symbol, symbol.size);
    return bytes === undefined ? undefined : new BytecodeSizes(bytes, symbol.size / 3);
  }

  /** Size of the bytecode (with its prefix, if any) starting at `offset`; 0 when unknown. */
  sizeAt(bytecodes: Uint8Array, offset: number): number {
    const op = bytecodes[offset];
    if (op === undefined) return 0;
    if (op < PREFIX_SCALE.length) {
      const next = bytecodes[offset + 1];
      if (next === undefined || next >= this.count) return 0;
      return 1 + this.sizes[PREFIX_SCALE[op] * this.count + next];
    }
    return op < this.count ? this.sizes[op] : 0;
  }
}

/** Bytecode offset the baseline pc belongs to; -1 for the function-entry prologue. */
export function bytecodeOffsetForPc(offsetTable: Uint8Array, bytecodes: Uint8Array, sizes: BytecodeSizes, pcOffset: number): number | undefined {
  const at = { pos: 0 };
  let pcEnd = readUnsignedVlq(offsetTable, at);
  if (pcEnd === undefined) return undefined;
  let current = -1;
  let next = 0;
  while (pcEnd < pcOffset) {
    const delta = readUnsignedVlq(offsetTable, at);
    if (delta === undefined || next >= bytecodes.length) return undefined;
    current = next;
    pcEnd += delta;
    const size = sizes.sizeAt(bytecodes, next);
    if (size === 0) return undefined;
    next += size;
  }
  return current;
}

function readUnsignedVlq(bytes: Uint8Array, at: { pos: number }): number | undefined {
  let value = 0;
  let scale = 1;
  for (;;) {
    if (at.pos >= bytes.length || scale > 2 ** 35) return undefined;
    const b = bytes[at.pos++];
    value += (b & 0x7f) * scale;
    scale *= 128;
    if ((b & 0x80) === 0) return value;
  }
}

/** The BytecodeArray's instruction bytes. */
export async function bytecodeBytes(v8: V8Process, bytecode: Tagged): Promise<Uint8Array | undefined> {
  const length = await v8.heap.smiField(bytecode, v8.layout.bytecode.length);
  if (length === undefined || length < 0 || length > 16 * 1024 * 1024) return undefined;
  return v8.memory.bytes(untag(bytecode) + v8.layout.bytecode.data, length);
}

/** The bytecode offset a baseline frame is at, from its code object and pc. */
export async function baselineBytecodeOffset(v8: V8Process, sizes: BytecodeSizes, code: CodeObject, bytecode: Tagged, pc: number): Promise<number | undefined> {
  const tableObject = await v8.heap.objectField(code.code, v8.layout.code.sourcePositionTable);
  const table = tableObject === undefined ? undefined : await v8.heap.byteArray(tableObject);
  const bytecodes = await bytecodeBytes(v8, bytecode);
  if (table === undefined || bytecodes === undefined) return undefined;
  return bytecodeOffsetForPc(table, bytecodes, sizes, pc - code.instructionStart);
}
