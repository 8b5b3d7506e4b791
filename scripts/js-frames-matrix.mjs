#!/usr/bin/env node
// The README's support matrix, made by running the JS-frame matrix test (real cores of the official
// Node binaries, compared with the stack Node printed) and tabulating its results: one row per
// fixture, one column per Node version × tier, ✔ for a cell whose every frame was exact, ✗ for a
// failing one, — for a cell not run (the test lists why). Usage: npm run matrix [-- -g 'Node 26'].
import { spawnSync } from 'child_process';
import { fileURLToPath } from 'url';
import * as path from 'path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const test = path.join(root, 'out/test/unit/engine/v8/jsFramesMatrix.test.js');
const run = spawnSync('npx', ['mocha', '--ui', 'tdd', '--timeout', '180000', '--reporter', 'json', test, ...process.argv.slice(2)], {
  cwd: root,
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
  stdio: ['ignore', 'pipe', 'inherit'],
});
const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{')));
const cells = new Map();
const columns = new Set();
const rows = new Set();
const failures = [];
for (const [result, list] of [['✔', report.passes], ['✗', report.failures]]) {
  for (const t of list) {
    const m = /^Node (\d+) · (\S+) · (\S+)$/.exec(t.title);
    if (m === null) continue;
    const column = `${m[1]} ${m[3]}`;
    columns.add(column);
    rows.add(m[2]);
    cells.set(`${m[2]}|${column}`, result);
    if (result === '✗') failures.push(`${t.title}: ${(t.err?.message ?? '').split('\n')[0]}`);
  }
}
const order = (a, b) => Number(a.split(' ')[0]) - Number(b.split(' ')[0]) || TIERS.indexOf(a.split(' ')[1]) - TIERS.indexOf(b.split(' ')[1]);
const TIERS = ['default', 'sparkplug', 'maglev', 'turbofan', 'turbolev'];
const cols = [...columns].sort(order);
console.log(`| fixture | ${cols.map((c) => `${c.split(' ')[0]}<br>${c.split(' ')[1]}`).join(' | ')} |`);
console.log(`|---|${cols.map(() => ':-:').join('|')}|`);
for (const row of [...rows].sort()) console.log(`| ${row} | ${cols.map((c) => cells.get(`${row}|${c}`) ?? '—').join(' | ')} |`);
const passed = report.passes.length;
console.log(`\n${passed} of ${passed + report.failures.length} cells exact (${report.stats.duration} ms)`);
for (const f of failures) console.log(`  ✗ ${f}`);
process.exit(report.failures.length === 0 ? 0 : 1);
