// WeakMap values, where Salvage follows DevTools and deliberately differs from memlab: a value is
// retained by its key (the table's reference to it does not count). Oracle: memlab's analysis of
// the same snapshot, which attributes the value elsewhere — so our key's retained size must be
// exactly memlab's key plus memlab's value, and every other node must agree with memlab.

import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { loadHeapSnapshot } from '../../../../src/engine/snapshot/analyzeHeapGraph';
import { withFile } from '../../../../src/sources/local/fileByteSource';
import { makeTempDir } from '../../../support/crashNode';
import { memlabAnalysis } from '../../../support/heapSnapshots';
import { REPO_ROOT } from '../../../support/repoPaths';

suite('heap WeakMap retention', () => {
  test('the key retains its value; everything else matches memlab', async function () {
    this.timeout(120_000);
    const file = path.join(makeTempDir('salvage-heap-'), 'weakmap.heapsnapshot');
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'test', 'fixtures', 'heap', 'weakMap.js'), file, '3000']);
    const snapshot = await withFile(file, (source) => loadHeapSnapshot(source));
    const memlab = memlabAnalysis(file);
    const { graph, indexes } = snapshot;
    const find = (name: string): number => memlab.nodes.name.findIndex((n, i) => n === name && memlab.nodes.type[i] === 'object');
    const key = find('SessionKey');
    const value = find('Payload');
    assert.ok(key >= 0 && value >= 0);
    assert.strictEqual(graph.nodeId[indexes.dominator[value]], memlab.nodes.id[key], 'our dominator of the value is the key');
    assert.notStrictEqual(memlab.nodes.dominatorId[value], memlab.nodes.id[key], "memlab's is not");
    assert.strictEqual(indexes.retainedSizes[key], memlab.nodes.retainedSize[key] + memlab.nodes.retainedSize[value]);
    assert.ok(memlab.nodes.retainedSize[value] > 3000 * 16, 'the value holds the 3000 items');
    const others = memlab.nodes.id.filter((_, n) => n !== key && indexes.retainedSizes[n] !== memlab.nodes.retainedSize[n]);
    assert.deepStrictEqual(others, []);
  });
});
