// Finding dumps in local folders: by content, to a bounded depth, skipping dependency folders.
// The dumps are real (a crashed process's report, a v8.writeHeapSnapshot() file), renamed so that
// names cannot help.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { findDumps } from '../../../src/sources/local/findDumps';
import { crashNodeSource, makeTempDir } from '../../support/crashNode';
import { writeHeapSnapshot } from '../../support/realDumps';

function place(source: string, ...parts: string[]): string {
  const target = path.join(...parts);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(source, target);
  return target;
}

suite('finding dumps in local folders', () => {
  let root: string;
  let report: string;
  let snapshot: string;

  suiteSetup(() => {
    const crash = crashNodeSource('setTimeout(() => { throw new RangeError("boom"); }, 1);');
    assert.ok(crash.reportPath);
    root = makeTempDir('salvage-find-');
    report = place(crash.reportPath, root, 'crashes', 'latest');
    snapshot = place(writeHeapSnapshot(), root, 'a', 'b', 'heap-before-restart');
    place(crash.reportPath, root, 'node_modules', 'pkg', 'report.json');
    place(crash.reportPath, root, 'a', 'b', 'c', 'd', 'too-deep.json');
    fs.writeFileSync(path.join(root, 'crashes', 'notes.json'), JSON.stringify({ header: { title: 'not a report' }, pad: 'x'.repeat(200) }));
  });

  test('finds each real dump by content, not by name, and skips dependency folders', async () => {
    const found = await findDumps(root, { depth: 3 });
    assert.deepStrictEqual(found.map((d) => `${d.kind} ${d.path}`).sort(), [`heapsnapshot ${snapshot}`, `report ${report}`].sort());
    const reportEntry = found.find((d) => d.path === report);
    assert.strictEqual(reportEntry?.size, fs.statSync(report).size);
  });

  test('the depth bounds the walk', async () => {
    assert.deepStrictEqual(await findDumps(root, { depth: 0 }), []);
    assert.deepStrictEqual(
      (await findDumps(root, { depth: 1 })).map((d) => d.path),
      [report],
    );
    const deep = await findDumps(root, { depth: 4 });
    assert.ok(deep.some((d) => d.path.endsWith('too-deep.json')));
  });

  test('newest first; a missing folder yields nothing', async () => {
    const old = new Date(Date.now() - 3_600_000);
    fs.utimesSync(report, old, old);
    const found = await findDumps(root, { depth: 3 });
    assert.deepStrictEqual(
      found.map((d) => d.path),
      [snapshot, report],
    );
    assert.deepStrictEqual(await findDumps(path.join(root, 'absent'), { depth: 3 }), []);
  });

  test('maxFiles bounds the work on a huge tree', async () => {
    const many = makeTempDir('salvage-many-');
    for (let i = 0; i < 30; i++) fs.writeFileSync(path.join(many, `file-${i}.bin`), Buffer.alloc(100, i));
    place(report, many, 'zz-last');
    assert.strictEqual((await findDumps(many, { depth: 1 })).length, 1);
    assert.strictEqual((await findDumps(many, { depth: 1, maxFiles: 5 })).length, 0);
  });
});
