// Where an interpreted frame is: Ignition keeps the BytecodeArray and the current bytecode offset in
// fixed frame slots (off_fp_bytecode_array / off_fp_bytecode_offset, the offset Smi-tagged and
// counted from the tagged start of the array), so the executing position is the source-position
// table's entry for that offset. Decoded tables are cached per BytecodeArray.

import { isSmi, smiValue, type Tagged } from '../heap/tagged';
import { decodePositionTable, type PositionTable, positionAt, scriptOffsetOf } from '../heap/sourcePositions';
import type { V8Process } from '../v8Process';

export class BytecodePositions {
  private readonly tables = new Map<Tagged, Promise<PositionTable | undefined>>();

  constructor(private readonly v8: V8Process) {}

  /** The script offset of bytecode `offset` in `bytecode`; undefined when the table is missing. */
  async scriptOffset(bytecode: Tagged, offset: number): Promise<number | undefined> {
    const table = await this.table(bytecode);
    const raw = table === undefined ? undefined : positionAt(table, offset);
    return raw === undefined ? undefined : scriptOffsetOf(raw);
  }

  private table(bytecode: Tagged): Promise<PositionTable | undefined> {
    let found = this.tables.get(bytecode);
    if (found === undefined) {
      found = this.load(bytecode);
      this.tables.set(bytecode, found);
    }
    return found;
  }

  private async load(bytecode: Tagged): Promise<PositionTable | undefined> {
    const { heap, layout } = this.v8;
    // V8 may still be collecting positions lazily: the slot then holds undefined or an exception marker.
    const table = await heap.objectField(bytecode, layout.bytecode.sourcePositions);
    const type = await heap.instanceType(table);
    if (table === undefined || (type !== layout.types.byteArray && type !== layout.types.trustedByteArray)) return undefined;
    const bytes = await heap.byteArray(table);
    return bytes === undefined ? undefined : decodePositionTable(bytes, layout.fallback.positionCodeDeltas);
  }
}

export interface InterpretedState {
  bytecode: Tagged;
  /** Offset of the current bytecode from the first one. */
  offset: number;
}

/** The BytecodeArray and offset of an interpreted frame, or undefined when the slots do not hold them. */
export async function interpretedState(v8: V8Process, fp: number): Promise<InterpretedState | undefined> {
  const { heap, layout, memory } = v8;
  const bytecode = await memory.word(fp + layout.frames.offsets.bytecodeArray);
  const raw = await memory.word(fp + layout.frames.offsets.bytecodeOffset);
  if (bytecode === undefined || raw === undefined || !isSmi(raw)) return undefined;
  if (!(await heap.hasType(bytecode, layout.types.bytecodeArray))) return undefined;
  const offset = smiValue(raw) - (layout.bytecode.data - 1);
  const length = await heap.smiField(bytecode, layout.bytecode.length);
  if (length === undefined || offset < -1 || offset > length) return undefined;
  return { bytecode, offset };
}
