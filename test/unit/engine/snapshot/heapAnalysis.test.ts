// Analysis of a real snapshot of a service with a known leak (fixtures/heap/leakyCache.js: a cache
// retaining N records). Oracles: the N the fixture was told to create, and @memlab/core's own
// dominator tree and retained sizes for the same file, node by node.

import * as assert from 'assert';
import * as fs from 'fs';
import { analyzeHeapGraph, loadHeapSnapshot } from '../../../../src/engine/snapshot/analyzeHeapGraph';
import type { HeapSnapshot } from '../../../../src/engine/snapshot/heapSnapshot';
import { parseHeapSnapshot } from '../../../../src/engine/snapshot/parse/parseHeapSnapshot';
import { computeDominators } from '../../../../src/engine/snapshot/passes/dominators';
import { withFile } from '../../../../src/sources/local/fileByteSource';
import { HEAP_WORKER, leakyCacheSnapshots, type MemlabAnalysis, memlabAnalysis, MemoryByteSource } from '../../../support/heapSnapshots';

const RECORDS = 20_000;

suite('heap snapshot analysis', () => {
  let file: string;
  let snapshot: HeapSnapshot;
  let memlab: MemlabAnalysis;

  suiteSetup(async function () {
    this.timeout(180_000);
    file = leakyCacheSnapshots(RECORDS).before;
    snapshot = await withFile(file, (source) => loadHeapSnapshot(source));
    memlab = memlabAnalysis(file);
  });

  test('the leaking cache ranks first by retained size, with exact instance counts', () => {
    const summary = snapshot.summary();
    assert.strictEqual(
      summary[0].name,
      'RecordCache',
      summary
        .slice(0, 5)
        .map((c) => c.name)
        .join(', '),
    );
    assert.strictEqual(summary[0].count, 1);
    const records = summary.find((c) => c.name === 'LeakRecord');
    assert.strictEqual(records?.count, RECORDS);
    // Every record is inside the cache's retained size, so the cache retains more than all of them.
    assert.ok(summary[0].retainedSize > (records?.retainedSize ?? Infinity));
    for (let i = 1; i < summary.length; i++) assert.ok(summary[i - 1].retainedSize >= summary[i].retainedSize, 'sorted');
  });

  test("retained sizes and dominators equal memlab's for every node", () => {
    const { graph, indexes } = snapshot;
    assert.strictEqual(memlab.nodes.id.length, graph.nodeCount);
    let differences = 0;
    for (let n = 0; n < graph.nodeCount; n++) {
      assert.strictEqual(graph.nodeId[n], memlab.nodes.id[n], 'same node order');
      const dominatorId = graph.nodeId[indexes.dominator[n]];
      if (indexes.retainedSizes[n] !== memlab.nodes.retainedSize[n] || dominatorId !== memlab.nodes.dominatorId[n]) differences++;
    }
    assert.strictEqual(differences, 0, `${differences} of ${graph.nodeCount} nodes differ from memlab`);
    // Not vacuous: memlab's sizes vary, and the cache's is the sum of many.
    const cache = memlab.nodes.name.findIndex((name, n) => name === 'RecordCache' && memlab.nodes.type[n] === 'object');
    assert.ok(memlab.nodes.retainedSize[cache] > RECORDS * 40);
  });

  test("the dominator pass's fallback (Lengauer–Tarjan buckets) finds memlab's dominators too", () => {
    const { graph, indexes } = snapshot;
    // No climbing budget at all: the first climb switches to buckets. There is one: a node whose
    // dominator (memlab's) is not one of its retainers needs a climb from its DFS parent.
    const { firstRetainer, retainerNode } = indexes.retainers;
    const retainedByDominator = (n: number): boolean => retainerNode.subarray(firstRetainer[n], firstRetainer[n + 1]).some((r) => graph.nodeId[r] === memlab.nodes.dominatorId[n]);
    assert.ok(memlab.nodes.id.some((_, n) => n !== graph.rootOrdinal && !retainedByDominator(n)));
    const { dominator } = computeDominators(graph, indexes.essential, undefined, 0);
    let differences = 0;
    for (let n = 0; n < graph.nodeCount; n++) if (graph.nodeId[dominator[n]] !== memlab.nodes.dominatorId[n]) differences++;
    assert.strictEqual(differences, 0, `${differences} of ${graph.nodeCount} dominators differ from memlab`);
  });

  test("self sizes, names and types are the snapshot's, as memlab read them", () => {
    const { graph } = snapshot;
    for (let n = 0; n < graph.nodeCount; n += 97) {
      const node = snapshot.node(n);
      assert.strictEqual(node.selfSize, memlab.nodes.selfSize[n]);
      assert.strictEqual(node.type, memlab.nodes.type[n]);
      if (node.type !== 'concatenated string') assert.strictEqual(node.name, memlab.nodes.name[n]);
    }
  });

  test('a cache instance lists its records among what it dominates, largest first', () => {
    const cache = snapshot.summary()[0];
    const instance = snapshot.instances(cache.classId).items[0];
    assert.strictEqual(instance.retainedSize, cache.retainedSize);
    const held = snapshot.dominated(instance.ordinal, { limit: RECORDS + 10 });
    assert.strictEqual(held.items.filter((n) => n.className === 'LeakRecord').length, RECORDS);
    const page = snapshot.instances(snapshot.summary().find((c) => c.name === 'LeakRecord')?.classId ?? -1, { offset: 100, limit: 50, order: 'id' });
    assert.strictEqual(page.total, RECORDS);
    assert.strictEqual(page.items.length, 50);
    assert.ok(page.items.every((n, i) => i === 0 || n.id > page.items[i - 1].id));
  });

  test('tiny reads give the same analysis', async function () {
    this.timeout(120_000);
    const bytes = fs.readFileSync(file);
    const graph = await parseHeapSnapshot(new MemoryByteSource(file, bytes, 997), { chunkSize: 997, stringPageBytes: 4096 });
    const again = await analyzeHeapGraph(graph);
    assert.deepStrictEqual(again.summary(), snapshot.summary());
    assert.deepStrictEqual(Array.from(again.indexes.retainedSizes), Array.from(snapshot.indexes.retainedSizes));
  });

  test("with a helper thread the analysis is the same, and still memlab's", async function () {
    this.timeout(120_000);
    const parallel = await withFile(file, (source) => loadHeapSnapshot(source, { helperWorker: HEAP_WORKER }));
    assert.deepStrictEqual(parallel.summary(), snapshot.summary());
    assert.deepStrictEqual(parallel.statistics(), snapshot.statistics());
    assert.deepStrictEqual(Array.from(parallel.indexes.distances), Array.from(snapshot.indexes.distances));
    assert.deepStrictEqual(Array.from(parallel.indexes.classes.classOf), Array.from(snapshot.indexes.classes.classOf));
    const differing = memlab.nodes.retainedSize.filter((size, n) => parallel.indexes.retainedSizes[n] !== size).length;
    assert.strictEqual(differing, 0);
  });

  test('statistics add up and name where the bytes are', () => {
    const stats = snapshot.statistics();
    const { graph } = snapshot;
    let total = 0;
    for (let n = 0; n < graph.nodeCount; n++) total += graph.nodeSelfSize[n];
    assert.strictEqual(stats.total, total);
    assert.strictEqual(
      stats.total,
      memlab.nodes.selfSize.reduce((a, b) => a + b, 0),
    );
    assert.ok(stats.v8heap.strings >= RECORDS * 64, 'every record has a 64-character payload');
    assert.ok(stats.v8heap.code > 0 && stats.v8heap.system > 0 && stats.v8heap.jsArrays > 0);
    assert.strictEqual(stats.v8heap.total + stats.native.total, stats.total);
  });
});
