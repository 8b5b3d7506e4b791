// Bad snapshots: each damage, made by editing a real snapshot's text, must end in one DumpError
// naming the file, the problem and (where there is one) the byte offset — quickly, and without
// allocating for counts the file cannot hold. The offsets are checked against where the edit was
// made, which the test knows independently of the parser.

import * as assert from 'assert';
import * as fs from 'fs';
import { DumpError } from '../../../../src/engine/dumpError';
import { loadHeapSnapshot } from '../../../../src/engine/snapshot/analyzeHeapGraph';
import { leakyCacheSnapshots, MemoryByteSource } from '../../../support/heapSnapshots';

const NAME = '/dumps/bad.heapsnapshot';
let text: string;

function bytes(s: string): Buffer {
  return Buffer.from(s, 'latin1');
}

/** Loads `content`; expects one DumpError matching `problem`, and returns it. */
async function expectDumpError(content: Buffer, problem: RegExp): Promise<DumpError> {
  const started = Date.now();
  let caught: unknown;
  try {
    await loadHeapSnapshot(new MemoryByteSource(NAME, content));
  } catch (error) {
    caught = error;
  }
  assert.ok(caught instanceof DumpError, `a DumpError, got ${String(caught)}`);
  assert.match(caught.message, problem);
  assert.ok(caught.message.startsWith(`${NAME}: `), caught.message);
  assert.strictEqual(caught.message.split('\n').length, 1);
  assert.ok(Date.now() - started < 20_000, 'fails fast');
  return caught;
}

/** Replaces the first `from` after `after` by `to`; returns the new text and the offset of the change. */
function edit(after: string, from: string, to: string): { content: Buffer; offset: number } {
  const start = text.indexOf(after);
  const at = text.indexOf(from, start + after.length);
  assert.ok(start >= 0 && at >= 0, `${after} … ${from} is in the snapshot`);
  return { content: bytes(text.slice(0, at) + to + text.slice(at + from.length)), offset: at };
}

suite('heap snapshot bad input', () => {
  suiteSetup(function () {
    this.timeout(60_000);
    text = fs.readFileSync(leakyCacheSnapshots(5_000).before, 'latin1');
  });

  test('truncated: caught by the header when much is missing, else where the file ends', async () => {
    const early = bytes(text.slice(0, Math.floor(text.length * 0.3)));
    await expectDumpError(early, /node_count \d+ and edge_count \d+ cannot be right: .* the file has .* \(truncated\?\)/);
    for (const cut of [0.7, 0.995]) {
      const content = bytes(text.slice(0, Math.floor(text.length * cut)));
      const error = await expectDumpError(content, /ends inside the "(edges|strings)" section .*truncated/);
      assert.strictEqual(error.offset, content.length);
    }
  });

  test('wrong meta: a missing field or type list is named', async () => {
    await expectDumpError(edit('"edge_fields":', '"to_node"', '"target"').content, /snapshot\.meta: "edge_fields" lacks "to_node"/);
    await expectDumpError(edit('"node_fields":', '"edge_count"', '"edges"').content, /snapshot\.meta: "node_fields" lacks "edge_count"/);
    await expectDumpError(edit('"snapshot":', '"node_types":[[', '"node_types":[7,[').content, /snapshot\.meta: "node_types" has no list of type names/);
    await expectDumpError(bytes(text.replace('"snapshot":{"meta"', '"snapshot":{"nometa"')), /snapshot\.meta: missing/);
  });

  test('to_node out of range: reported at the offending number', async () => {
    const nodeCount = Number(/"node_count":(\d+)/.exec(text)?.[1]);
    const firstEdge = /"edges":\[(\d+),(\d+),(\d+)/.exec(text);
    assert.ok(firstEdge);
    const beyond = String(nodeCount * 7);
    const { content, offset } = edit('"edges":[', `${firstEdge[1]},${firstEdge[2]},${firstEdge[3]}`, `${firstEdge[1]},${firstEdge[2]},${beyond}`);
    const error = await expectDumpError(content, /edge to_node \d+ is not the index of one of the \d+ nodes/);
    const numberAt = offset + firstEdge[1].length + firstEdge[2].length + 2;
    assert.strictEqual(error.offset, numberAt);
    assert.strictEqual(content.toString('latin1', numberAt, numberAt + beyond.length), beyond);
    const misaligned = edit('"edges":[', `${firstEdge[1]},${firstEdge[2]},${firstEdge[3]}`, `${firstEdge[1]},${firstEdge[2]},${Number(firstEdge[3]) + 1}`);
    await expectDumpError(misaligned.content, /edge to_node \d+ is not the index of one of the/);
  });

  test('edge counts that do not add up, either way', async () => {
    const edgeCount = Number(/"edge_count":(\d+)/.exec(text)?.[1]);
    const more = edit('"snapshot":', `"edge_count":${edgeCount}`, `"edge_count":${edgeCount + 1}`);
    await expectDumpError(more.content, /the edges array has \d+ numbers; the header's count needs \d+/);
    const fewer = edit('"snapshot":', `"edge_count":${edgeCount}`, `"edge_count":${edgeCount - 1}`);
    await expectDumpError(fewer.content, /edge counts add up to more than snapshot\.edge_count|edges array holds more than/);
    // One node claiming an extra edge: the nodes' counts no longer match the edges that follow.
    const row = /\n,(\d+),(\d+),(\d+),(\d+),(\d+),/.exec(text.slice(text.indexOf('"nodes":[')));
    assert.ok(row);
    const claimed = edit('"nodes":[', row[0], `\n,${row[1]},${row[2]},${row[3]},${row[4]},${Number(row[5]) + 1},`);
    await expectDumpError(claimed.content, /edge counts add up to more than snapshot\.edge_count|edges add up to \d+, but snapshot\.edge_count/);
  });

  test('absurd counts are refused from the header, before anything is allocated', async () => {
    const before = process.memoryUsage().arrayBuffers;
    const huge = edit('"snapshot":', '"node_count":', '"node_count":4000000000,"was":');
    await expectDumpError(huge.content, /node_count 4000000000 and edge_count \d+ cannot be right: .* need at least .*GiB/);
    await expectDumpError(edit('"snapshot":', '"edge_count":', '"edge_count":1e300,"was":').content, /snapshot\.edge_count is 1e\+300, not a count|snapshot\.edge_count is 1e\+300/);
    await expectDumpError(edit('"snapshot":', '"node_count":', '"node_count":99999999999,"was":').content, /at most 4294967295/);
    await expectDumpError(edit('"snapshot":', '"node_count":', '"node_count":-1,"was":').content, /snapshot\.node_count is -1, not a count/);
    assert.ok(process.memoryUsage().arrayBuffers - before < 64 * 1024 * 1024, 'nothing large was allocated');
  });

  test('garbage inside the arrays, bad string indexes, junk after the end', async () => {
    const letter = edit('"nodes":[', ',', ',x');
    const error = await expectDumpError(letter.content, /unexpected 'x' in the nodes array/);
    assert.strictEqual(error.offset, letter.offset + 1);
    const strings = text.slice(text.indexOf('"strings":[')).split(',\n').length;
    const row = /\n,(\d+),(\d+),/.exec(text.slice(text.indexOf('"nodes":[')));
    assert.ok(row);
    await expectDumpError(edit('"nodes":[', row[0], `\n,${row[1]},${strings + 10},`).content, /names string \d+, but there are only \d+ strings/);
    await expectDumpError(bytes(`${text.trimEnd()}\n{"again":1}`), /unexpected '\{' after the end of the snapshot/);
    await expectDumpError(bytes(text.replace('"strings":[', '"strings":{')), /expected '\[' to open the strings array/);
    await expectDumpError(bytes(text.replace('"nodes":[', '"nodez":[')), /no "nodes" array/);
  });

  test('not JSON at all, or a header that never closes', async () => {
    await expectDumpError(bytes('{"snapshot":{"meta":{"node_fields":["type"'), /ends inside the "snapshot" section/);
    await expectDumpError(bytes(`{"snapshot":${'['.repeat(10)}${' '.repeat(5 * 1024 * 1024)}`), /"snapshot" header is larger than/);
    await expectDumpError(bytes('{"snapshot":{"meta":{},}}'), /not valid JSON/);
  });
});
