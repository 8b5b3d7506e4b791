// Source-position tables and line ends, on bytes written by hand from V8's encoding
// (src/codegen/source-position-table.cc: zigzag VLQs; a code delta d of a non-statement entry is
// stored as -(d+1); a SourcePosition keeps script offset + 1 above the is_external bit).

import * as assert from 'assert';
import { computeLineEnds, decodePositionTable, lineAndColumn, positionAt, scriptOffsetOf } from '../../../../src/engine/v8/heap/sourcePositions';

suite('V8 source-position tables', () => {
  // Entry 1: code 0 (delta +1 from -1, statement) → zigzag(1) = 0x02; position (10+1)*2 = 22 → zigzag 0x2c.
  // Entry 2: code 5 (delta 5, expression: -(5+1) = -6) → zigzag 0x0b; position 52 (delta 30) → 0x3c.
  // Entry 3: code 9 (delta 4, statement) → 0x08; position (1000+1)*2 = 2002 (delta 1950) → zigzag 3900 → VLQ bc 1e.
  const table = Uint8Array.from([0x02, 0x2c, 0x0b, 0x3c, 0x08, 0xbc, 0x1e]);

  test('decodes code offsets and script offsets, statement or not, one- and two-byte VLQs', () => {
    const decoded = decodePositionTable(table);
    assert.ok(decoded);
    assert.deepStrictEqual([...decoded.codeOffsets], [0, 5, 9]);
    assert.deepStrictEqual([...decoded.positions].map(scriptOffsetOf), [10, 25, 1000]);
  });

  test('a code offset takes the last entry at or before it', () => {
    const decoded = decodePositionTable(table);
    assert.ok(decoded);
    assert.deepStrictEqual(
      [-1, 0, 4, 5, 8, 9, 100].map((o) => positionAt(decoded, o)).map((p) => (p === undefined ? undefined : scriptOffsetOf(p))),
      [undefined, 10, 10, 25, 25, 1000, 1000],
    );
  });

  test("V8 14's tables (code deltas shifted over two flag bits): a table from a Node 26 core, as its --print-bytecode listed it", () => {
    // `total` of test/fixtures/js-frames/deoptEager.js; `node --print-bytecode` printed these offsets and positions.
    const v14 = Buffer.from('02b00507580b604d1f630013000f3c0e1c3a83018302c0010b2c', 'hex');
    const decoded = decodePositionTable(v14, 'flag-bits');
    assert.ok(decoded);
    assert.deepStrictEqual([...decoded.codeOffsets].slice(0, 9), [-1, 0, 2, 21, 45, 49, 52, 55, 69]);
    assert.deepStrictEqual([...decoded.positions].slice(0, 9).map(scriptOffsetOf), [171, 193, 217, 209, 209, 209, 224, 231, 198]);
  });

  test('a table cut inside a VLQ is refused', () => {
    assert.strictEqual(decodePositionTable(Uint8Array.from([0x02, 0x2c, 0x0b, 0xbc])), undefined);
    assert.strictEqual(decodePositionTable(Uint8Array.from([0x02])), undefined);
  });

  test('line ends: LF, lone CR, U+2028 and U+2029 end lines, CRLF counts once, the length ends the last', () => {
    assert.deepStrictEqual([...computeLineEnds('a\nb\r\nc\rd\u2028e\u2029')], [1, 4, 6, 8, 10, 11]);
    assert.deepStrictEqual([...computeLineEnds('')], []);
  });

  test('line and column are 1-based; the line and column offsets of a script apply to its first line', () => {
    const ends = computeLineEnds('abc\ndef\n');
    assert.deepStrictEqual(lineAndColumn(ends, 0, 0, 0), { line: 1, column: 1 });
    assert.deepStrictEqual(lineAndColumn(ends, 3, 0, 0), { line: 1, column: 4 });
    assert.deepStrictEqual(lineAndColumn(ends, 5, 0, 0), { line: 2, column: 2 });
    assert.deepStrictEqual(lineAndColumn(ends, 1, 10, 7), { line: 11, column: 9 });
    assert.deepStrictEqual(lineAndColumn(ends, 5, 10, 7), { line: 12, column: 2 });
  });
});
