// The safepoint table of optimized code (src/codegen/safepoint-table.h, maglev-safepoint-table.h):
// it follows the instructions and lists, for every call site, the return offset and the index of
// the deoptimization entry describing the frames at that site. A return address V8 has rewritten
// for a pending lazy deopt points at the entry's trampoline instead, so both offsets are matched.
//
// Header: [stack slots (V8 13)], length, config; Maglev code in V8 13 adds the tagged slot count.
// Config bits: has deopt data (1), register index bytes (3), pc bytes (3), deopt index bytes (3),
// then the bytes of one tagged-slot bitmap. Entries are fixed-size little-endian fields: pc, deopt
// index + 1, trampoline pc + 1 (pc-sized), (Maglev: one byte of pushed-register count), registers;
// the bitmaps of all entries follow the entries.

import type { V8Process } from '../v8Process';
import type { CodeObject } from './codeLookup';

/** A safepoint table with more entries than this is not one. */
const MAX_ENTRIES = 1_000_000;

export interface SafepointTableShape {
  header: number;
  /** Bytes per entry V8 adds on top of the config's fields (Maglev's pushed-register count). */
  extraEntryBytes: number;
}

/** The deoptimization index of the call site whose return offset is `pcOffset`, if any. */
export async function deoptIndexAt(v8: V8Process, code: CodeObject, pcOffset: number, shape: SafepointTableShape): Promise<number | undefined> {
  const table = code.instructionStart + code.instructionSize;
  const head = await v8.memory.bytes(table, shape.header);
  const size = head === undefined ? undefined : tableSize(head, shape);
  const bytes = size === undefined ? undefined : await v8.memory.bytes(table, size);
  return bytes === undefined ? undefined : findDeoptIndex(bytes, shape, pcOffset);
}

interface TableConfig {
  length: number;
  pcBytes: number;
  deoptBytes: number;
  entrySize: number;
}

function config(head: Uint8Array, shape: SafepointTableShape): TableConfig | undefined {
  if (head.length < shape.header) return undefined;
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const lengthAt = shape.header >= 12 ? 4 : 0;
  const length = view.getInt32(lengthAt, true);
  const bits = view.getUint32(lengthAt + 4, true);
  const hasDeopt = (bits & 1) === 1;
  const regBytes = (bits >>> 1) & 7;
  const pcBytes = (bits >>> 4) & 7;
  const deoptBytes = (bits >>> 7) & 7;
  if (!hasDeopt || length <= 0 || length > MAX_ENTRIES || pcBytes === 0 || deoptBytes === 0) return undefined;
  return { length, pcBytes, deoptBytes, entrySize: 2 * pcBytes + deoptBytes + shape.extraEntryBytes + regBytes };
}

/** Bytes from the table's start to the end of its entries (the bitmaps that follow are not read). */
function tableSize(head: Uint8Array, shape: SafepointTableShape): number | undefined {
  const c = config(head, shape);
  return c === undefined ? undefined : shape.header + c.length * c.entrySize;
}

/** Decodes a whole table (header and entries) and finds the entry for a return offset. */
export function findDeoptIndex(table: Uint8Array, shape: SafepointTableShape, pcOffset: number): number | undefined {
  const c = config(table, shape);
  if (c === undefined || table.length < shape.header + c.length * c.entrySize) return undefined;
  for (let i = 0; i < c.length; i++) {
    const at = shape.header + i * c.entrySize;
    const pc = readLe(table, at, c.pcBytes);
    const deopt = readLe(table, at + c.pcBytes, c.deoptBytes) - 1;
    const trampoline = readLe(table, at + c.pcBytes + c.deoptBytes, c.pcBytes) - 1;
    if (deopt >= 0 && (pc === pcOffset || trampoline === pcOffset)) return deopt;
  }
  return undefined;
}

function readLe(bytes: Uint8Array, at: number, size: number): number {
  let value = 0;
  for (let i = size - 1; i >= 0; i--) value = value * 256 + bytes[at + i];
  return value;
}
