// The streaming parser against Node's own JSON.parse of the same real snapshots (the oracle): every
// node and edge field, every string, whatever the size of the reads that feed it.

import * as assert from 'assert';
import * as fs from 'fs';
import { DumpError } from '../../../../src/engine/dumpError';
import type { HeapGraph } from '../../../../src/engine/snapshot/heapGraph';
import { parseHeapSnapshot } from '../../../../src/engine/snapshot/parse/parseHeapSnapshot';
import { readSnapshotHeader } from '../../../../src/engine/snapshot/parse/readSnapshotHeader';
import { withFile } from '../../../../src/sources/local/fileByteSource';
import { leakyCacheSnapshots, MemoryByteSource, type RawSnapshot, readRawSnapshot, trickyStringsSnapshot } from '../../../support/heapSnapshots';

function assertSameAsJson(graph: HeapGraph, raw: RawSnapshot): void {
  const nf = raw.snapshot.meta.node_fields;
  const ef = raw.snapshot.meta.edge_fields;
  assert.strictEqual(graph.nodeCount, raw.nodes.length / nf.length);
  assert.strictEqual(graph.edgeCount, raw.edges.length / ef.length);
  const field = (name: string): number => nf.indexOf(name);
  let edge = 0;
  for (let n = 0; n < graph.nodeCount; n++) {
    const row = n * nf.length;
    if (graph.nodeType[n] !== raw.nodes[row + field('type')] || graph.nodeName[n] !== raw.nodes[row + field('name')] || graph.nodeId[n] !== raw.nodes[row + field('id')] || graph.nodeSelfSize[n] !== raw.nodes[row + field('self_size')] || graph.firstEdge[n] !== edge) {
      assert.fail(`node ${n} differs from JSON.parse`);
    }
    edge += raw.nodes[row + field('edge_count')];
  }
  assert.strictEqual(graph.firstEdge[graph.nodeCount], raw.edges.length / ef.length);
  for (let e = 0; e < graph.edgeCount; e++) {
    const row = e * ef.length;
    const to = raw.edges[row + ef.indexOf('to_node')];
    if (graph.edgeType[e] !== raw.edges[row + ef.indexOf('type')] || graph.edgeName[e] !== raw.edges[row + ef.indexOf('name_or_index')] || graph.edgeTo[e] * nf.length !== to) {
      assert.fail(`edge ${e} differs from JSON.parse`);
    }
  }
  assert.strictEqual(graph.strings.count, raw.strings.length);
  for (let s = 0; s < raw.strings.length; s++) if (graph.strings.get(s) !== raw.strings[s]) assert.fail(`string ${s}: ${JSON.stringify(graph.strings.get(s))} ≠ ${JSON.stringify(raw.strings[s])}`);
}

suite('heap snapshot parser', () => {
  test('a real snapshot parses to exactly what JSON.parse reads', async () => {
    const { before } = leakyCacheSnapshots(20_000);
    const graph = await withFile(before, (source) => parseHeapSnapshot(source));
    assertSameAsJson(graph, readRawSnapshot(before));
  });

  test('escaped, non-ASCII, astral and over-long strings decode as JSON.parse decodes them', async () => {
    const file = trickyStringsSnapshot();
    const raw = readRawSnapshot(file);
    for (const text of ['say "hello" to the \\ backslash', 'naïve café — déjà vu', '中文字符 and Ελληνικά', 'y'.repeat(1024)]) {
      assert.ok(raw.strings.includes(text), `the fixture wrote ${JSON.stringify(text.slice(0, 30))}`);
    }
    const graph = await withFile(file, (source) => parseHeapSnapshot(source));
    assertSameAsJson(graph, raw);
  });

  test('reads cut anywhere give identical results: 1-byte, odd-sized and page-straddling chunks', async function () {
    this.timeout(120_000);
    const file = trickyStringsSnapshot();
    const bytes = fs.readFileSync(file);
    const raw = readRawSnapshot(file);
    for (const [maxRead, pageBytes] of [
      [1, 64],
      [7, 1000],
      [4093, 4096],
    ]) {
      const source = new MemoryByteSource(file, bytes, maxRead);
      const graph = await parseHeapSnapshot(source, { chunkSize: maxRead, stringPageBytes: pageBytes });
      assert.ok(source.reads >= bytes.length / maxRead, `read in ${maxRead}-byte pieces`);
      assertSameAsJson(graph, raw);
    }
  });

  test('progress covers the whole file and cancellation stops the parse', async () => {
    const { before } = leakyCacheSnapshots(20_000);
    const bytes = fs.readFileSync(before);
    const fractions: number[] = [];
    await parseHeapSnapshot(new MemoryByteSource(before, bytes), { chunkSize: 1 << 20, onProgress: (p) => p.phase === 'parse' && fractions.push(p.fraction) });
    assert.ok(fractions.length >= Math.floor(bytes.length / (1 << 20)));
    assert.strictEqual(fractions[fractions.length - 1], 1);
    assert.ok(fractions.every((f, i) => i === 0 || f > fractions[i - 1]));
    const controller = new AbortController();
    const source = new MemoryByteSource(before, bytes);
    const parse = parseHeapSnapshot(source, { chunkSize: 64 * 1024, signal: controller.signal, onProgress: (p) => p.fraction > 0.3 && controller.abort() });
    await assert.rejects(parse, (e: Error) => e.name === 'AbortError');
    assert.ok(source.reads < bytes.length / (64 * 1024), 'stopped before the end');
  });

  test('the header alone is read with one small read, whatever the file size', async () => {
    const { before } = leakyCacheSnapshots(20_000);
    const raw = readRawSnapshot(before);
    const source = new MemoryByteSource(before, fs.readFileSync(before));
    const header = await readSnapshotHeader(source);
    assert.strictEqual(header.nodeCount, raw.snapshot.node_count);
    assert.strictEqual(header.edgeCount, raw.snapshot.edge_count);
    assert.strictEqual(source.reads, 1);
    await assert.rejects(readSnapshotHeader(new MemoryByteSource('cut', fs.readFileSync(before).subarray(0, 200))), DumpError);
  });
});
