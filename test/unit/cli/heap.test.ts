// The bundled CLI's heap verbs run as users run them, on real snapshots of the leaky-cache service.
// Oracles: what the fixture did (record counts), Node's JSON.parse of the snapshot header, and
// @memlab/core's retained sizes for the same file.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { makeTempDir } from '../../support/crashNode';
import { leakyCacheSnapshots, memlabAnalysis } from '../../support/heapSnapshots';
import { CLI } from '../../support/repoPaths';

function salvage(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface ClassJson {
  name: string;
  count: number;
  selfSize: number;
  retainedSize: number;
}

const RECORDS = 20_000;
const MORE = 777;

suite('salvage heap', () => {
  test('--json: the documented shape, the leak first, counts exact, retained sizes as memlab computes them', function () {
    this.timeout(120_000);
    const { before } = leakyCacheSnapshots(RECORDS);
    const r = salvage('heap', before, '--json', '--top', '5');
    assert.strictEqual(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as { nodeCount: number; edgeCount: number; totalSize: number; classes: ClassJson[] };
    assert.deepStrictEqual(Object.keys(json), ['nodeCount', 'edgeCount', 'totalSize', 'classes']);
    const header = JSON.parse(fs.readFileSync(before, 'utf8')) as { snapshot: { node_count: number; edge_count: number } };
    assert.strictEqual(json.nodeCount, header.snapshot.node_count);
    assert.strictEqual(json.edgeCount, header.snapshot.edge_count);
    assert.strictEqual(json.classes.length, 5);
    assert.deepStrictEqual(Object.keys(json.classes[0]), ['name', 'count', 'selfSize', 'retainedSize']);
    assert.strictEqual(json.classes[0].name, 'RecordCache');
    assert.strictEqual(json.classes[0].count, 1);
    assert.strictEqual(json.classes.find((c) => c.name === 'LeakRecord')?.count, RECORDS);
    const memlab = memlabAnalysis(before);
    const cache = memlab.nodes.name.findIndex((n, i) => n === 'RecordCache' && memlab.nodes.type[i] === 'object');
    assert.strictEqual(json.classes[0].retainedSize, memlab.nodes.retainedSize[cache]);
    assert.strictEqual(
      json.totalSize,
      memlab.nodes.selfSize.reduce((a, b) => a + b, 0),
    );
  });

  test('text: a table, largest retained first', () => {
    const { before } = leakyCacheSnapshots(RECORDS);
    const r = salvage('heap', before, '--top', '3');
    assert.strictEqual(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    assert.match(lines[0], /objects, .* references, .*iB$/);
    assert.match(lines[3], /RecordCache$/);
    assert.match(r.stdout, new RegExp(`${RECORDS.toLocaleString('en-US')}\\s+LeakRecord`));
    assert.match(r.stdout, /more classes: --top N shows more/);
  });

  test('retainers --node: paths from a GC root, through the cache', () => {
    const { before } = leakyCacheSnapshots(RECORDS);
    const memlab = memlabAnalysis(before);
    const record = memlab.nodes.name.findIndex((n, i) => n === 'LeakRecord' && memlab.nodes.type[i] === 'object');
    const id = memlab.nodes.id[record];
    const r = salvage('heap', 'retainers', before, '--node', String(id), '--json');
    assert.strictEqual(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as { node: { id: number; className: string }; paths: Array<{ hops: Array<{ retainer: { id: number; className: string } }> }> };
    assert.strictEqual(json.node.id, id);
    assert.strictEqual(json.node.className, 'LeakRecord');
    assert.ok(json.paths.length >= 2);
    for (const p of json.paths) {
      assert.ok(p.hops.some((h) => h.retainer.className === 'RecordCache'));
      assert.ok(memlab.rootReferences.includes(p.hops[p.hops.length - 1].retainer.id));
    }
    const text = salvage('heap', 'retainers', before, '--node', String(id));
    assert.match(text.stdout, /path 1 \(\d+ references? from a GC root\):\n {2}LeakRecord @\d+\n/);
  });

  test('diff: one process before and after growth, object by object', () => {
    const run = leakyCacheSnapshots(RECORDS, MORE);
    const r = salvage('heap', 'diff', run.before, run.after ?? '', '--json');
    assert.strictEqual(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as { mode: string; classes: Array<{ name: string; addedCount: number; removedCount: number }> };
    assert.strictEqual(json.mode, 'id');
    const records = json.classes.find((c) => c.name === 'LeakRecord');
    assert.strictEqual(records?.addedCount, MORE);
    assert.strictEqual(records?.removedCount, 0);
    const text = salvage('heap', 'diff', run.before, run.after ?? '');
    assert.match(text.stdout, new RegExp(`\\+${MORE}\\s+${MORE}\\s+0\\s+LeakRecord`));
  });

  test('info: a heap snapshot, its counts from its own header', () => {
    const { before } = leakyCacheSnapshots(RECORDS);
    const header = JSON.parse(fs.readFileSync(before, 'utf8')) as { snapshot: { node_count: number; edge_count: number } };
    const json = JSON.parse(salvage('info', before, '--json').stdout) as { kind: string; facts: Record<string, string> };
    assert.strictEqual(json.kind, 'heapsnapshot');
    assert.strictEqual(json.facts.nodes, String(header.snapshot.node_count));
    assert.strictEqual(json.facts.edges, String(header.snapshot.edge_count));
  });

  test('bad input: one line on stderr, non-zero exit, no stack trace', () => {
    const { before } = leakyCacheSnapshots(RECORDS);
    const dir = makeTempDir();
    const truncated = path.join(dir, 'cut.heapsnapshot');
    const bytes = fs.readFileSync(before);
    fs.writeFileSync(truncated, bytes.subarray(0, bytes.length - 5000));
    const notSnapshot = path.join(dir, 'notes.txt');
    fs.writeFileSync(notSnapshot, 'not a snapshot\n');
    const cases: Array<[string[], RegExp]> = [
      [['heap', truncated], new RegExp(`^salvage: ${truncated}: the file ends inside the "strings" section .*offset \\d+`)],
      [['heap', notSnapshot], /not a V8 heap snapshot/],
      [['heap', path.join(dir, 'missing.heapsnapshot')], /no such file/],
      [['heap', 'retainers', before, '--node', '1234567891'], /no object has id @1234567891/],
      [['heap', 'retainers', before], /usage/],
      [['heap', before, '--top', 'lots'], /--top wants a whole number/],
      [['heap', 'diff', before, before, '--by', 'magic'], /--by wants/],
    ];
    for (const [args, pattern] of cases) {
      const r = salvage(...args);
      assert.notStrictEqual(r.code, 0, args.join(' '));
      assert.match(r.stderr, pattern);
      assert.strictEqual(r.stderr.trim().split('\n').length, 1, `one line: ${r.stderr}`);
    }
  });
});
