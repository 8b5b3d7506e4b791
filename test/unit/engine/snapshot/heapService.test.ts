// The worker-based analysis service, on the bundled worker (dist/heapWorker.js). Oracle for the
// answers: the same snapshot analysed on this thread; for "off the caller's thread": this thread's
// timers keep firing while the worker parses.

import * as assert from 'assert';
import * as fs from 'fs';
import { DumpError } from '../../../../src/engine/dumpError';
import type { HeapProgress } from '../../../../src/engine/snapshot/heapGraph';
import { localHeapAnalyzer } from '../../../../src/engine/snapshot/service/heapAnalysis';
import { HeapAnalysisService, workerHeapAnalyzer } from '../../../../src/engine/snapshot/service/heapAnalysisService';
import { HEAP_WORKER, leakyCacheSnapshots, MemoryByteSource, SlowByteSource } from '../../../support/heapSnapshots';

suite('heap analysis service (worker)', () => {
  let file: string;
  let bytes: Buffer;

  suiteSetup(function () {
    this.timeout(60_000);
    const run = leakyCacheSnapshots(20_000, 500);
    file = run.before;
    bytes = fs.readFileSync(file);
  });

  test('answers exactly what the analysis on this thread answers, with progress, without blocking this thread', async function () {
    this.timeout(60_000);
    const service = new HeapAnalysisService(HEAP_WORKER);
    try {
      let ticks = 0;
      const timer = setInterval(() => ticks++, 5);
      const progress: HeapProgress[] = [];
      const started = Date.now();
      const remote = await service.open(new MemoryByteSource(file, bytes, 256 * 1024), { onProgress: (p) => progress.push(p) });
      const elapsed = Date.now() - started;
      clearInterval(timer);
      assert.ok(ticks >= elapsed / 5 / 4, `this thread kept running: ${ticks} ticks in ${elapsed} ms`);
      const phases = new Set(progress.map((p) => p.phase));
      for (const phase of ['parse', 'retainers', 'dominators', 'retained sizes', 'class summary']) assert.ok(phases.has(phase), phase);
      const local = await localHeapAnalyzer(new MemoryByteSource(file, bytes));
      assert.deepStrictEqual(await remote.query('summary'), await local.query('summary'));
      assert.deepStrictEqual(await remote.query('statistics'), await local.query('statistics'));
      const cache = (await remote.query('summary'))[0];
      const instance = (await remote.query('instances', cache.classId, { limit: 1 })).items[0];
      assert.deepStrictEqual(await remote.query('edges', instance.ordinal), await local.query('edges', instance.ordinal));
      assert.deepStrictEqual(await remote.query('nodeById', instance.id), instance);
      assert.strictEqual(await remote.query('nodeById', 123456789), null);
      const record = (await remote.query('dominated', instance.ordinal, { limit: 1 })).items[0];
      assert.deepStrictEqual(await remote.query('retainerPaths', record.ordinal), await local.query('retainerPaths', record.ordinal));
      await assert.rejects(remote.query('node', -1), /no node at ordinal -1/);
    } finally {
      await service.dispose();
    }
  });

  test('compares two snapshots it holds', async function () {
    this.timeout(60_000);
    const run = leakyCacheSnapshots(20_000, 500);
    const service = new HeapAnalysisService(HEAP_WORKER);
    try {
      const before = await service.open(new MemoryByteSource(run.before, fs.readFileSync(run.before)));
      const after = await service.open(new MemoryByteSource(run.after ?? '', fs.readFileSync(run.after ?? '')));
      const comparison = await service.compare(before, after);
      assert.strictEqual(comparison.mode, 'id');
      assert.strictEqual(comparison.classes.find((c) => c.name === 'LeakRecord')?.addedCount, 500);
      await before.dispose();
      await assert.rejects(before.query('summary'), /not loaded/);
      assert.ok((await after.query('summary')).length > 0, 'the other snapshot is still there');
    } finally {
      await service.dispose();
    }
  });

  test('a cancelled load stops with AbortError; the service goes on serving', async function () {
    this.timeout(60_000);
    const service = new HeapAnalysisService(HEAP_WORKER);
    try {
      const controller = new AbortController();
      const slow = new SlowByteSource(file, bytes, 64 * 1024, 5);
      const load = service.open(slow, { signal: controller.signal, onProgress: (p) => p.phase === 'parse' && p.fraction > 0.2 && controller.abort() });
      await assert.rejects(load, (e: Error) => e.name === 'AbortError');
      assert.ok(slow.reads < bytes.length / (64 * 1024), `stopped early: ${slow.reads} reads`);
      const again = await service.open(new MemoryByteSource(file, bytes));
      assert.strictEqual((await again.query('summary'))[0].name, 'RecordCache');
    } finally {
      await service.dispose();
    }
  });

  test('a worker of its own: cancelling ends it at once; bad input is one DumpError', async function () {
    this.timeout(60_000);
    const analyze = workerHeapAnalyzer(HEAP_WORKER);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await assert.rejects(analyze(new SlowByteSource(file, bytes, 16 * 1024, 5), { signal: controller.signal }), (e: Error) => e.name === 'AbortError');
    const cut = bytes.subarray(0, bytes.length - 1000);
    await assert.rejects(analyze(new MemoryByteSource('/dumps/cut.heapsnapshot', cut)), (e: Error) => e instanceof DumpError && /cut\.heapsnapshot: .*truncated.*offset \d+/.test(e.message));
    const whole = await analyze(new MemoryByteSource(file, bytes));
    // Oracle: V8's own header, read by JSON.parse: the node count, and the root as root_index / node_fields.
    const header = (JSON.parse(bytes.toString('utf8')) as { snapshot: { node_count: number; root_index?: number; meta: { node_fields: string[] } } }).snapshot;
    const overview = await whole.query('overview');
    assert.strictEqual(overview.nodeCount, header.node_count);
    assert.strictEqual(overview.rootOrdinal, (header.root_index ?? 0) / header.meta.node_fields.length);
    await whole.dispose();
    await assert.rejects(whole.query('summary'));
  });
});
