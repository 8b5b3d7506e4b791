// Deoptimization translations and safepoint tables, on bytes written by hand from V8's formats
// (src/deoptimizer/translation-array.cc, src/codegen/safepoint-table.h), with the opcode layout of
// V8 11 (Node 20): one opcode byte, sign-magnitude operands except BEGIN's unsigned lookback, and
// MATCH_PREVIOUS_TRANSLATION's short form (an opcode byte past the last opcode).

import * as assert from 'assert';
import { findDeoptIndex } from '../../../../src/engine/v8/frames/safepoints';
import { TranslationReader } from '../../../../src/engine/v8/frames/translation';
import { kindOf, type TranslationOpcodes } from '../../../../src/engine/v8/frames/translationOpcodes';

const NAMES = ['BEGIN_WITHOUT_FEEDBACK', 'INTERPRETED_FRAME_WITHOUT_RETURN', 'JAVASCRIPT_BUILTIN_CONTINUATION_FRAME', 'CONSTRUCT_STUB_FRAME', 'CAPTURED_OBJECT', 'LITERAL', 'TAGGED_STACK_SLOT', 'OPTIMIZED_OUT', 'UPDATE_FEEDBACK', 'MATCH_PREVIOUS_TRANSLATION'];
const OPS: TranslationOpcodes = { kinds: NAMES.map(kindOf), operandCounts: [3, 3, 3, 3, 1, 1, 1, 0, 2, 1], vlqOpcodes: false, shortMatch: true };
const [BEGIN, FRAME, CONTINUATION, CONSTRUCT, CAPTURED, LITERAL, SLOT, OUT, FEEDBACK, MATCH] = NAMES.keys();
/** An unsigned VLQ: 7 bits a byte, low bits first, the high bit set on all but the last byte. */
function vlq(n: number): number[] {
  const out: number[] = [];
  for (let v = n; ; v = Math.floor(v / 128)) {
    if (v < 128) return [...out, v];
    out.push((v % 128) | 0x80);
  }
}
/** Sign-magnitude, as V8's SignedOperand: value << 1, low bit set when negative; then a VLQ. */
const s = (n: number): number[] => vlq(n < 0 ? (-n << 1) | 1 : n << 1);
const bytesOf = (...parts: (number | number[])[]): Uint8Array => Uint8Array.from(parts.flat());

suite('V8 deoptimization translations', () => {
  // Translation A (byte 0): two frames — a construct stub, then the constructor's interpreted frame.
  const a = bytesOf(BEGIN, 0, s(2), s(1), CONSTRUCT, s(0), s(3), s(1), SLOT, s(2), FRAME, s(3), s(7), s(1), LITERAL, s(5), SLOT, s(-1), CAPTURED, s(2), OUT, LITERAL, s(6), SLOT, s(4));
  // Translation B looks back to A and writes only what differs: its construct and interpreted frame
  // operations; A's value after the construct frame comes from a short match, five more from a long one.
  const bStart = a.length;
  const b = bytesOf(BEGIN, vlq(bStart), s(2), s(1), CONSTRUCT, s(1), s(3), s(1), OPS.kinds.length + 1, FRAME, s(9), s(7), s(1), MATCH, vlq(5), SLOT, s(8), FEEDBACK, s(1), s(2));
  const bytes = Uint8Array.from([...a, ...b]);

  test('reads frames with their top-level values; a captured object hides its fields but its first, the map', () => {
    const frames = new TranslationReader(bytes, OPS).read(0);
    assert.deepStrictEqual(
      frames.map((f) => [f.kind, f.bytecodeOffset, f.literal]),
      [
        ['construct-frame', 0, 3],
        ['interpreted-frame', 3, 7],
      ],
    );
    assert.deepStrictEqual(frames[1].values, [
      { kind: 'literal', index: 5 },
      { kind: 'tagged-slot', slot: -1 },
      { kind: 'captured-object', map: { kind: 'optimized-out' } },
      { kind: 'tagged-slot', slot: 4 },
    ]);
  });

  test('MATCH_PREVIOUS_TRANSLATION, short and long, replays the earlier translation from where this one is', () => {
    const frames = new TranslationReader(bytes, OPS).read(bStart);
    assert.deepStrictEqual(
      frames.map((f) => [f.kind, f.bytecodeOffset, f.literal]),
      [
        ['construct-frame', 1, 3],
        ['interpreted-frame', 9, 7],
      ],
    );
    assert.deepStrictEqual(frames[0].values, [{ kind: 'tagged-slot', slot: 2 }]);
    assert.deepStrictEqual(frames[1].values, [
      { kind: 'literal', index: 5 },
      { kind: 'tagged-slot', slot: -1 },
      { kind: 'captured-object', map: { kind: 'optimized-out' } },
      { kind: 'tagged-slot', slot: 8 },
    ]);
  });

  test('an unknown opcode is an error, as is a translation that does not start with BEGIN', () => {
    assert.throws(() => new TranslationReader(bytesOf(BEGIN, 0, s(1), s(1), 0x7f), { ...OPS, shortMatch: false }).read(0), /unknown translation opcode 127/);
    assert.throws(() => new TranslationReader(bytesOf(FRAME, 0, 0, 0), OPS).read(0), /must start with BEGIN/);
    assert.throws(() => new TranslationReader(bytesOf(BEGIN, 0, s(5000), s(1)), OPS).read(0), /5000 frames/);
    assert.throws(() => new TranslationReader(bytesOf(BEGIN, 0, s(1), s(1), FRAME, 0x80), OPS).read(0), /ends inside a number/);
  });

  test('a match with nothing to match is an error', () => {
    assert.throws(() => new TranslationReader(bytesOf(BEGIN, 0, s(1), s(1), FRAME, 0, 0, 0, MATCH, 2), OPS).read(0), /without a previous translation/);
  });

  test('a continuation frame (an inlined builtin such as Array.prototype.forEach) is its own kind', () => {
    const frames = new TranslationReader(bytesOf(BEGIN, 0, s(1), s(1), CONTINUATION, s(1016), s(10), s(8), LITERAL, s(11)), OPS).read(0);
    assert.deepStrictEqual(
      frames.map((f) => [f.kind, f.literal, f.values.length]),
      [['continuation-frame', 10, 1]],
    );
  });
});

suite('V8 safepoint tables', () => {
  // V8 11 layout: length 3, config has_deopt | pc 2 bytes | deopt index 1 byte | 1 bitmap byte.
  const config = 1 | (2 << 4) | (1 << 7) | (1 << 10);
  const header = [3, 0, 0, 0, config & 0xff, config >> 8, 0, 0];
  // Entries: pc (2), deopt index + 1 (1), trampoline + 1 (2); then one bitmap byte per entry.
  const entries = [0xad, 0x01, 0, 0, 0, 0x41, 0x02, 0x0a, 0x1a, 0x03, 0x6a, 0x02, 0x0b, 0x1e, 0x03, 0xe1, 0xe1, 0xe1];
  const table = Uint8Array.from([...header, ...entries]);
  const shape = { header: 8, extraEntryBytes: 0 };

  test('finds the deopt index of a return offset, or of its lazy-deopt trampoline', () => {
    assert.strictEqual(findDeoptIndex(table, shape, 0x241), 9);
    assert.strictEqual(findDeoptIndex(table, shape, 0x319), 9);
    assert.strictEqual(findDeoptIndex(table, shape, 0x26a), 10);
  });

  test('a call site without deopt data, an unknown offset and a cut table give nothing', () => {
    assert.strictEqual(findDeoptIndex(table, shape, 0x1ad), undefined);
    assert.strictEqual(findDeoptIndex(table, shape, 0x999), undefined);
    assert.strictEqual(findDeoptIndex(table.subarray(0, 12), shape, 0x241), undefined);
  });

  test('V8 13 tables start with the stack slot count', () => {
    const v13 = Uint8Array.from([16, 0, 0, 0, ...header, ...entries]);
    assert.strictEqual(findDeoptIndex(v13, { header: 12, extraEntryBytes: 0 }, 0x241), 9);
  });
});
