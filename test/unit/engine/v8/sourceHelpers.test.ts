// Small parsers of the JS-frame work, table-tested: parameter lists read back from source text,
// Sparkplug's bytecode-offset table walked against bytecode sizes, and the test oracle's own
// splitting of Node 18's run-together `FROM` block.

import * as assert from 'assert';
import { bytecodeOffsetForPc, BytecodeSizes } from '../../../../src/engine/v8/frames/baselineFrames';
import { parseParameterNames } from '../../../../src/engine/v8/values/parameterNames';
import { splitFrames } from '../../../support/v8Oracle';

suite('parameter names from source', () => {
  const cases: [string, string[] | undefined][] = [
    ['(order) {', ['order']],
    ['(a, b = 1, ...rest) => a', ['a', 'b', 'rest']],
    ['({ id, quantity }, [x, y] = [], cb = (e) => {}) {', ['{ id, quantity }', '[x, y]', 'cb']],
    ['(a /* first */, b // second\n) {', ['a', 'b']],
    ['() => 1', []],
    ['value => value * 2', ['value']],
    ['class {', undefined],
    ['(unclosed, list', undefined],
  ];
  for (const [source, expected] of cases) {
    test(JSON.stringify(source), () => assert.deepStrictEqual(parseParameterNames(`  ${source}`, 2), expected));
  }
});

suite('Sparkplug bytecode-offset tables', () => {
  // Three bytecode kinds: opcode 4 is 1 byte, 5 is 3 bytes (2 operands), 6 is 2 bytes; with the Wide
  // prefix (opcode 0) operands double: 5 is then 5 bytes. Rows: scale 1, 2, 4.
  const sizes = new BytecodeSizes(Uint8Array.from([1, 1, 1, 1, 1, 3, 2, 1, 1, 1, 1, 1, 5, 3, 1, 1, 1, 1, 1, 9, 5]), 7);
  // Bytecodes at offsets 0 (op 5), 3 (op 4), 4 (Wide op 5: 6 bytes with its prefix), 10 (op 6).
  const bytecodes = Uint8Array.from([5, 1, 2, 4, 0, 5, 1, 0, 2, 0, 6, 1]);
  // Machine code: the prologue is 8 bytes, then 10, 4, 20 and 6 bytes per bytecode.
  const table = Uint8Array.from([8, 10, 4, 20, 6]);

  test('a pc in the prologue is the function entry; later pcs find their bytecode', () => {
    assert.deepStrictEqual(
      [0, 8, 9, 18, 19, 22, 23, 42, 43, 48].map((pc) => bytecodeOffsetForPc(table, bytecodes, sizes, pc)),
      [-1, -1, 0, 0, 3, 3, 4, 4, 10, 10],
    );
  });

  test('a pc past the table, or a bytecode the table cannot size, gives nothing', () => {
    assert.strictEqual(bytecodeOffsetForPc(table, bytecodes, sizes, 1000), undefined);
    assert.strictEqual(bytecodeOffsetForPc(table, Uint8Array.from([99, 99, 99]), sizes, 20), undefined);
  });
});

suite("the oracle's split of Node 18's FROM block", () => {
  test('frames run together are split at their closing parenthesis or their position', () => {
    const joined = 'inner (/a.js:4:3)/a.js:7:28Array.map (<anonymous>)eval (eval at outer (/a.js:3:13), <anonymous>:3:8)node:internal/main/run_main_module:28:49';
    assert.deepStrictEqual(splitFrames(joined), ['inner (/a.js:4:3)', '/a.js:7:28', 'Array.map (<anonymous>)', 'eval (eval at outer (/a.js:3:13), <anonymous>:3:8)', 'node:internal/main/run_main_module:28:49']);
  });

  test('one frame a line, as later versions print, is kept as is', () => {
    assert.deepStrictEqual(splitFrames('inner (/a.js:4:3)\n/a.js:7:28\nprocess.processTimers (node:internal/timers:519:7)'), ['inner (/a.js:4:3)', '/a.js:7:28', 'process.processTimers (node:internal/timers:519:7)']);
  });
});
