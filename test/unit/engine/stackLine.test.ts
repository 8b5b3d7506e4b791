// Table tests for parseStackLine/formatStackLine on hand-written lines in the shapes V8 documents
// (https://v8.dev/docs/stack-trace-api). The real-crash tests (reportFrames.test.ts) check the same
// functions against what Node actually printed; these pin the shapes a crash cannot easily produce.

import * as assert from 'assert';
import type { Frame } from '../../../src/engine/crash';
import { formatStackLine, parseStackLine } from '../../../src/engine/report/stackLine';

interface Case {
  line: string;
  expected: Omit<Frame, 'kind' | 'text'> & { kind?: Frame['kind'] };
}

const CASES: Case[] = [
  { line: 'at fn (/app/x.js:10:5)', expected: { function: 'fn', file: '/app/x.js', line: 10, column: 5 } },
  {
    line: '    at Timeout.main [as _onTimeout] (/app/x.js:1:2)',
    expected: { function: 'Timeout.main [as _onTimeout]', file: '/app/x.js', line: 1, column: 2 },
  },
  { line: 'at /app/x.js:3:9', expected: { function: '<anonymous>', file: '/app/x.js', line: 3, column: 9 } },
  { line: 'at new Foo (/app/foo.js:2:11)', expected: { function: 'Foo', file: '/app/foo.js', line: 2, column: 11, isConstructor: true } },
  { line: 'at new <anonymous> (/app/foo.js:2:11)', expected: { function: '<anonymous>', file: '/app/foo.js', line: 2, column: 11, isConstructor: true } },
  { line: 'at async fn (/app/x.js:4:3)', expected: { function: 'fn', file: '/app/x.js', line: 4, column: 3, kind: 'async' } },
  { line: 'at async /app/x.js:4:3', expected: { function: '<anonymous>', file: '/app/x.js', line: 4, column: 3, kind: 'async' } },
  { line: 'at async Promise.all (index 0)', expected: { function: 'Promise.all (index 0)', kind: 'async', isInternal: true } },
  {
    line: 'at eval (eval at outer (/x.js:3:5), <anonymous>:1:1)',
    expected: { function: 'eval', evalOrigin: 'eval at outer (/x.js:3:5)', file: '<anonymous>', line: 1, column: 1 },
  },
  {
    // Nested eval: the origin itself contains "eval at" and a comma.
    line: 'at eval (eval at inner (eval at outer (/x.js:3:5), <anonymous>:1:1), <anonymous>:2:7)',
    expected: {
      function: 'eval',
      evalOrigin: 'eval at inner (eval at outer (/x.js:3:5), <anonymous>:1:1)',
      file: '<anonymous>',
      line: 2,
      column: 7,
    },
  },
  { line: 'at eval (<anonymous>)', expected: { function: 'eval', file: '<anonymous>', isInternal: true } },
  { line: 'at Array.map (<anonymous>)', expected: { function: 'Array.map', file: '<anonymous>', isInternal: true } },
  { line: 'at Module._compile (node:internal/modules/cjs/loader:1521:14)', expected: { function: 'Module._compile', file: 'node:internal/modules/cjs/loader', line: 1521, column: 14, isInternal: true } },
  { line: 'at Object.openSync (node:fs:573:18)', expected: { function: 'Object.openSync', file: 'node:fs', line: 573, column: 18, isInternal: true } },
  { line: 'at node:internal/main/run_main_module:28:49', expected: { function: '<anonymous>', file: 'node:internal/main/run_main_module', line: 28, column: 49, isInternal: true } },
  { line: 'at file:///app/x.mjs:1:2', expected: { function: '<anonymous>', file: 'file:///app/x.mjs', line: 1, column: 2 } },
  { line: 'at main (file:///app/x.mjs:7:13)', expected: { function: 'main', file: 'file:///app/x.mjs', line: 7, column: 13 } },
  { line: 'at run (C:\\app (copy)\\x.js:4:1)', expected: { function: 'run', file: 'C:\\app (copy)\\x.js', line: 4, column: 1 } },
  { line: 'at /home/u/my (1)/x.js:4:1', expected: { function: '<anonymous>', file: '/home/u/my (1)/x.js', line: 4, column: 1 } },
  { line: 'at Object.<anonymous> (/app/x.js:1:7)', expected: { function: 'Object.<anonymous>', file: '/app/x.js', line: 1, column: 7 } },
  { line: 'at fn (/app/x.js:12)', expected: { function: 'fn', file: '/app/x.js', line: 12 } },
  { line: 'Object.run (/app/x.js:4:31)', expected: { function: 'Object.run', file: '/app/x.js', line: 4, column: 31 } },
];

suite('parseStackLine: documented V8 shapes', () => {
  for (const { line, expected } of CASES) {
    test(line.trim(), () => {
      const frame = parseStackLine(line);
      assert.deepStrictEqual(frame, { kind: 'js', text: line.trim(), ...expected });
    });
    test(`formatStackLine reproduces ${line.trim()}`, () => {
      assert.strictEqual(formatStackLine(parseStackLine(line)), line.trim().replace(/^at /, ''));
    });
  }
});

suite('parseStackLine: lines that are not frames', () => {
  const notFrames = ['', 'line2 of a message', "Emitted 'error' event on Worker instance at:", 'Unavailable.', 'see (the docs)', "function inner(){ throw new TypeError('worker boom'); } inner();", '^'];
  for (const line of notFrames) {
    test(JSON.stringify(line), () => {
      assert.deepStrictEqual(parseStackLine(line), { kind: 'js', function: line, text: line });
    });
  }

  test('never throws on arbitrary text', () => {
    const samples = ['(', ')', 'at (', 'at )', 'at ()', 'at  (x:1:2)', 'at new', 'at async', 'eval at (', '\u0000\uffff', 'a'.repeat(10_000) + ')'];
    for (const s of samples) {
      const frame = parseStackLine(s);
      assert.strictEqual(frame.kind, 'js');
      assert.strictEqual(frame.text, s.trim());
    }
  });
});

suite('formatStackLine: native and marker frames', () => {
  test('native frame as pc, symbol and module', () => {
    const frame: Frame = { kind: 'native', function: 'node::Start(int, char**)', module: 'node', pc: '0x0000000000d59a08' };
    assert.strictEqual(formatStackLine(frame), '0x0000000000d59a08 node::Start(int, char**) [node]');
  });
  test('marker frame as its label', () => {
    assert.strictEqual(formatStackLine({ kind: 'marker', function: 'Native frames' }), 'Native frames');
  });
});
