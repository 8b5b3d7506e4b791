// Retainer paths of a leaked record. Oracles: @memlab/core's own reading of the same snapshot (each
// hop must be a reference memlab sees, and the path must end at a node the root references — a GC
// root), and the fixture's structure (a record is held by the cache, which `global` holds).

import * as assert from 'assert';
import { loadHeapSnapshot } from '../../../../src/engine/snapshot/analyzeHeapGraph';
import type { HeapSnapshot } from '../../../../src/engine/snapshot/heapSnapshot';
import { withFile } from '../../../../src/sources/local/fileByteSource';
import { leakyCacheSnapshots, memlabAnalysis } from '../../../support/heapSnapshots';

suite('heap retainer paths', () => {
  let snapshot: HeapSnapshot;
  let file: string;

  suiteSetup(async function () {
    this.timeout(60_000);
    file = leakyCacheSnapshots(20_000).before;
    snapshot = await withFile(file, (source) => loadHeapSnapshot(source));
  });

  test("a record's paths are real references, shortest first, each ending at a GC root", function () {
    this.timeout(120_000);
    const records = snapshot.summary().find((c) => c.name === 'LeakRecord');
    const record = snapshot.instances(records?.classId ?? -1, { limit: 1, order: 'id' }).items[0];
    const paths = snapshot.retainerPaths(record.ordinal, 3);
    assert.ok(paths.length >= 2, "the record is in both of the cache's indexes");
    const chain = paths.flatMap((p) => [record.id, ...p.hops.map((h) => h.retainer.id)]);
    const memlab = memlabAnalysis(file, [...new Set(chain)]);
    for (const path of paths) {
      let held = record.id;
      for (const hop of path.hops) {
        const seen = memlab.referrers[String(held)]?.some((r) => r.fromId === hop.retainer.id && r.name === hop.name && r.type === hop.type);
        assert.ok(seen, `memlab sees ${hop.label} from @${hop.retainer.id} to @${held}`);
        assert.notStrictEqual(hop.type, 'weak');
        held = hop.retainer.id;
      }
      assert.ok(memlab.rootReferences.includes(held), `path ends at @${held}, which the root references`);
      assert.ok(
        path.hops.some((h) => h.retainer.className === 'RecordCache'),
        'through the cache',
      );
    }
    for (let i = 1; i < paths.length; i++) assert.ok(paths[i - 1].hops.length <= paths[i].hops.length, 'shortest first');
    assert.strictEqual(paths[0].hops[paths[0].hops.length - 1].retainer.name, 'global');
  });

  test('a GC root is its own path; the root and unknown ordinals have none', () => {
    const roots = snapshot.gcRoots();
    const gcRoots = roots.find((e) => e.node.name === '(GC roots)');
    assert.ok(gcRoots);
    assert.deepStrictEqual(snapshot.retainerPaths(gcRoots.node.ordinal), [{ hops: [] }]);
    assert.deepStrictEqual(snapshot.retainerPaths(snapshot.graph.rootOrdinal), []);
    assert.throws(() => snapshot.retainerPaths(snapshot.graph.nodeCount), RangeError);
  });

  test('retainers are listed nearest first, without weak references', () => {
    const records = snapshot.summary().find((c) => c.name === 'LeakRecord');
    const record = snapshot.instances(records?.classId ?? -1, { limit: 1 }).items[0];
    const retainers = snapshot.retainers(record.ordinal);
    assert.ok(retainers.total >= 2);
    assert.ok(retainers.items.every((e, i) => e.type !== 'weak' && (i === 0 || e.node.distance >= retainers.items[i - 1].node.distance)));
  });
});
