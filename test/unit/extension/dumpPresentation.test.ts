// Labels of the Dumps view. Expected strings are written from the definitions (decimal ages,
// binary sizes), not produced by the code under test.

import * as assert from 'assert';
import { formatAge } from '../../../src/engine/format';
import { describeDump, dumpTooltipLines } from '../../../src/extension/dumps/dumpPresentation';

suite('Dumps view labels', () => {
  const now = Date.UTC(2026, 10, 25, 12, 0, 0);

  test('ages', () => {
    const cases: Array<[number, string]> = [
      [0, 'just now'],
      [9_000, 'just now'],
      [45_000, '45 s ago'],
      [5 * 60_000, '5 min ago'],
      [3 * 3_600_000 + 59 * 60_000, '3 h ago'],
      [12 * 86_400_000, '12 d ago'],
      [800 * 86_400_000, '2 y ago'],
      [-60_000, 'just now'],
    ];
    for (const [ago, expected] of cases) assert.strictEqual(formatAge(now - ago, now), expected, `${ago} ms`);
  });

  test('description is size and age', () => {
    assert.strictEqual(describeDump(12376, now - 120_000, now), '12.1 KiB · 2 min ago');
    assert.strictEqual(describeDump(1536 * 1024 * 1024, now, now), '1.5 GiB · just now');
  });

  test('tooltip names the kind, path and facts', () => {
    const report = dumpTooltipLines({ path: '/d/core', kind: 'report', size: 10, mtimeMs: now }, 'Uncaught TypeError: x', { pid: '42' });
    assert.ok(report[0].startsWith('**Node.js diagnostic report** — Uncaught TypeError: x'));
    assert.ok(report.includes('`/d/core`'));
    assert.ok(report.includes('- pid: 42'));
    const core = dumpTooltipLines({ path: '/d/core', kind: 'core', size: 10, mtimeMs: now }, undefined, {});
    assert.ok(core[0].startsWith('**ELF core**'));
  });
});
