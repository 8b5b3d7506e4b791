// Comparing snapshots. Oracles: the fixture process added exactly `more` records between its two
// snapshots; two runs of the fixture are two processes (different pids), whose ids must not be
// matched object by object.

import * as assert from 'assert';
import { loadHeapSnapshot } from '../../../../src/engine/snapshot/analyzeHeapGraph';
import type { HeapSnapshot } from '../../../../src/engine/snapshot/heapSnapshot';
import { compareSnapshots, fromOneProcess } from '../../../../src/engine/snapshot/queries/compareSnapshots';
import { withFile } from '../../../../src/sources/local/fileByteSource';
import { leakyCacheSnapshots } from '../../../support/heapSnapshots';

const RECORDS = 5_000;
const MORE = 1_234;

function load(file: string): Promise<HeapSnapshot> {
  return withFile(file, (source) => loadHeapSnapshot(source));
}

suite('heap snapshot comparison', () => {
  let before: HeapSnapshot;
  let after: HeapSnapshot;
  let otherProcess: HeapSnapshot;

  suiteSetup(async function () {
    this.timeout(120_000);
    const run = leakyCacheSnapshots(RECORDS, MORE);
    const other = leakyCacheSnapshots(RECORDS);
    assert.notStrictEqual(run.pid, other.pid);
    before = await load(run.before);
    after = await load(run.after ?? '');
    otherProcess = await load(other.before);
  });

  test('one process before and after growth: the records added are exactly the ones it added', () => {
    assert.ok(fromOneProcess(before, after));
    const comparison = compareSnapshots(before, after);
    assert.strictEqual(comparison.mode, 'id');
    const records = comparison.classes.find((c) => c.name === 'LeakRecord');
    assert.strictEqual(records?.addedCount, MORE);
    assert.strictEqual(records?.removedCount, 0);
    // The cache itself is the same object in both: neither added nor removed.
    assert.strictEqual(
      comparison.classes.find((c) => c.name === 'RecordCache'),
      undefined,
    );
  });

  test('snapshots of two processes are compared by class totals, not by ids', () => {
    assert.strictEqual(fromOneProcess(before, otherProcess), false);
    const comparison = compareSnapshots(before, otherProcess);
    assert.strictEqual(comparison.mode, 'class');
    // Both runs made RECORDS records: no difference in that class.
    assert.strictEqual(
      comparison.classes.find((c) => c.name === 'LeakRecord'),
      undefined,
    );
    const grown = compareSnapshots(otherProcess, after, 'class').classes.find((c) => c.name === 'LeakRecord');
    assert.strictEqual(grown?.countDelta, MORE);
  });

  test('forcing ids across processes is possible but is what auto-detection avoids', () => {
    const forced = compareSnapshots(before, otherProcess, 'id');
    assert.strictEqual(forced.mode, 'id');
    const records = forced.classes.find((c) => c.name === 'LeakRecord');
    // Ids of another process do not name the same records: many look added and removed.
    assert.ok((records?.addedCount ?? 0) > 0 && (records?.removedCount ?? 0) > 0);
  });
});
