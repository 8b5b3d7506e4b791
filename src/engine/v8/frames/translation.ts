// Reading one deoptimization translation: the recipe V8 keeps, for each call site of optimized code,
// to rebuild the interpreter frames that optimized frame stands for — one per inlined function,
// outermost first, each followed by its values (function, receiver, arguments, registers). This
// is what V8's own deoptimizer and stack traces read (src/deoptimizer/translation-array.cc).
//
// Encoding: V8 11+ writes the opcode as one byte and operands as VLQs, nearly all of them "signed"
// (sign-magnitude: the low bit is the sign); V8 10 writes opcodes that way too. From V8 11 a
// translation may reuse operations of an earlier one: its BEGIN names the byte distance back to
// that translation, and MATCH_PREVIOUS_TRANSLATION(n) — or an opcode byte past the last opcode,
// its short form — takes the next n operations from there.

import type { OpcodeKind, TranslationOpcodes } from './translationOpcodes';

export type TranslationValue =
  | { kind: 'literal'; index: number }
  | { kind: 'tagged-slot' | 'int32-slot' | 'uint32-slot' | 'double-slot' | 'bool-slot'; slot: number }
  | { kind: 'optimized-out' | 'other' }
  /** An object escape analysis never allocated; its first field, the map, says what it is. */
  | { kind: 'captured-object'; map?: TranslationValue };

export interface TranslatedFrame {
  kind: 'interpreted-frame' | 'continuation-frame' | 'construct-frame' | 'other-frame';
  /** Interpreted frames: the bytecode offset; continuations: the builtin's continuation id. */
  bytecodeOffset: number;
  /** Index of the frame's SharedFunctionInfo in the deoptimization literals. */
  literal: number;
  /** The frame's top-level values in order (nested fields of captured objects are skipped). */
  values: TranslationValue[];
}

/** Caps that keep a corrupt translation from looping: operations per translation, nesting depth. */
const MAX_OPS = 100_000;
const MAX_FRAMES = 1024;

class Cursor {
  constructor(
    readonly bytes: Uint8Array,
    public pos: number,
  ) {}

  unsigned(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (this.pos >= this.bytes.length || scale > 2 ** 42) throw new Error('translation ends inside a number');
      const b = this.bytes[this.pos++];
      value += (b & 0x7f) * scale;
      scale *= 128;
      if ((b & 0x80) === 0) return value;
    }
  }

  /** Sign-magnitude: the low bit is the sign. */
  signed(): number {
    const raw = this.unsigned();
    const magnitude = Math.floor(raw / 2);
    return raw % 2 === 1 ? -magnitude : magnitude;
  }
}

interface Op {
  kind: OpcodeKind;
  operands: number[];
}

export class TranslationReader {
  constructor(
    private readonly bytes: Uint8Array,
    private readonly ops: TranslationOpcodes,
  ) {}

  /** The frames of the translation starting at byte `start`, outermost first. */
  read(start: number): TranslatedFrame[] {
    const current = new Cursor(this.bytes, start);
    let previous: Cursor | undefined;
    let fromPrevious = 0;
    let sinceSync = 0;
    const next = (): Op => {
      if (fromPrevious > 0 && previous !== undefined) {
        fromPrevious--;
        return this.op(previous, true);
      }
      const at = current.pos;
      const op = this.op(current, false);
      if (op.kind === 'begin') {
        if (op.operands[0] > 0) previous = new Cursor(this.bytes, at - op.operands[0]);
        sinceSync = 1;
        return op;
      }
      if (op.kind !== 'match-previous') {
        sinceSync++;
        return op;
      }
      if (previous === undefined) throw new Error('MATCH_PREVIOUS_TRANSLATION without a previous translation');
      // Bring the previous translation level with this one, then replay n of its operations.
      for (let i = 0; i < sinceSync; i++) this.op(previous, true);
      sinceSync = 0;
      fromPrevious = op.operands[0];
      return next();
    };
    return this.frames(next);
  }

  private frames(next: () => Op): TranslatedFrame[] {
    const begin = next();
    if (begin.kind !== 'begin') throw new Error('a translation must start with BEGIN');
    // V8 10's BEGIN is (frames, jsframes, feedback); from V8 11 (lookback, frames, jsframes).
    const count = this.ops.vlqOpcodes ? begin.operands[0] : begin.operands[1];
    if (count < 1 || count > MAX_FRAMES) throw new Error(`a translation with ${count} frames`);
    const frames: TranslatedFrame[] = [];
    let pendingNested = 0;
    let awaitingMap: { kind: 'captured-object'; map?: TranslationValue } | undefined;
    for (let n = 0; n < MAX_OPS; n++) {
      const op = next();
      if (op.kind === 'begin') break;
      if (isFrame(op.kind)) {
        if (frames.length === count) break;
        frames.push({ kind: op.kind as TranslatedFrame['kind'], bytecodeOffset: op.operands[0] ?? 0, literal: op.operands[1] ?? 0, values: [] });
        pendingNested = 0;
        awaitingMap = undefined;
        continue;
      }
      if (op.kind === 'update-feedback' || frames.length === 0) continue;
      const value = toValue(op);
      if (awaitingMap !== undefined) awaitingMap.map = value;
      awaitingMap = undefined;
      if (pendingNested > 0) pendingNested--;
      else {
        frames[frames.length - 1].values.push(value);
        if (value.kind === 'captured-object') awaitingMap = value;
      }
      if (op.kind === 'captured-object') pendingNested += op.operands[0];
    }
    return frames;
  }

  private op(cursor: Cursor, inPrevious: boolean): Op {
    if (cursor.pos >= cursor.bytes.length) return { kind: 'begin', operands: [0, 0, 0] };
    let code: number;
    if (this.ops.vlqOpcodes) code = cursor.signed();
    else code = cursor.bytes[cursor.pos++];
    if (!this.ops.vlqOpcodes && this.ops.shortMatch && code >= this.ops.kinds.length) {
      if (inPrevious) throw new Error('a matched translation refers to another');
      return { kind: 'match-previous', operands: [code - this.ops.kinds.length] };
    }
    const kind = this.ops.kinds[code];
    if (kind === undefined) throw new Error(`unknown translation opcode ${code} at byte ${cursor.pos - 1}`);
    const operands: number[] = [];
    // From V8 11, BEGIN's lookback distance and MATCH_PREVIOUS_TRANSLATION's count are unsigned;
    // every other operand is signed.
    for (let i = 0; i < this.ops.operandCounts[code]; i++) {
      const unsigned = !this.ops.vlqOpcodes && (kind === 'match-previous' || (kind === 'begin' && i === 0));
      operands.push(unsigned ? cursor.unsigned() : cursor.signed());
    }
    return { kind, operands };
  }
}

function isFrame(kind: OpcodeKind): boolean {
  return kind === 'interpreted-frame' || kind === 'continuation-frame' || kind === 'construct-frame' || kind === 'other-frame';
}

function toValue(op: Op): TranslationValue {
  switch (op.kind) {
    case 'literal':
      return { kind: 'literal', index: op.operands[0] };
    case 'tagged-slot':
    case 'int32-slot':
    case 'uint32-slot':
    case 'double-slot':
    case 'bool-slot':
      return { kind: op.kind, slot: op.operands[0] };
    case 'optimized-out':
      return { kind: op.kind };
    case 'captured-object':
      return { kind: op.kind };
    default:
      return { kind: 'other' };
  }
}
