// The dominator pass on a graph shaped to be its worst case: a long chain whose end holds many
// objects that something near the root also holds. Semi-NCA would climb the whole chain for each of
// those objects (chain length × objects steps); the pass must notice and finish by Lengauer–Tarjan's
// buckets instead, with the right answer. The snapshot is synthesised here, so the oracle is its
// construction: what dominates what follows from the shape by hand.

import * as assert from 'assert';
import { loadHeapSnapshot } from '../../../../src/engine/snapshot/analyzeHeapGraph';
import { MemoryByteSource } from '../../../support/heapSnapshots';

const CHAIN = 150_000;
const ITEMS = 150_000;
const SIZES = { chain: 16, holder: 32, index: 24, item: 8 };

const META = {
  node_fields: ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'],
  node_types: [['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native', 'synthetic'], 'string', 'number', 'number', 'number', 'number', 'number'],
  edge_fields: ['type', 'name_or_index', 'to_node'],
  edge_types: [['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'], 'string_or_number', 'node'],
  trace_function_info_fields: [],
  trace_node_fields: [],
  sample_fields: [],
  location_fields: [],
};
const STRINGS = ['<dummy>', '', 'Chain', 'Holder', 'Index', 'Item', 'next', 'items'];
const [OBJECT, SYNTHETIC] = [3, 9];
const [ELEMENT, PROPERTY] = [1, 2];

/**
 * Ordinals: 0 the root; 1..CHAIN the chain; then the holder at the chain's end, the index the root
 * holds, and the items both of them hold. The root's first reference is the chain, so the
 * depth-first search reaches every item down the chain, before the index.
 */
const HOLDER = CHAIN + 1;
const INDEX = CHAIN + 2;
const FIRST_ITEM = CHAIN + 3;

function snapshotText(): string {
  const nodes: number[] = [];
  const edges: number[] = [];
  const node = (type: number, name: number, size: number, edgeCount: number): void => {
    nodes.push(type, name, 2 * (nodes.length / 7) + 1, size, edgeCount, 0, 0);
  };
  const edge = (type: number, name: number, to: number): void => {
    edges.push(type, name, to * 7);
  };
  node(SYNTHETIC, 1, 0, 2);
  edge(ELEMENT, 1, 1);
  edge(ELEMENT, 2, INDEX);
  for (let c = 1; c <= CHAIN; c++) {
    node(OBJECT, 2, SIZES.chain, 1);
    edge(PROPERTY, c < CHAIN ? 6 : 7, c + 1);
  }
  node(OBJECT, 3, SIZES.holder, ITEMS);
  for (let k = 0; k < ITEMS; k++) edge(ELEMENT, k, FIRST_ITEM + k);
  node(OBJECT, 4, SIZES.index, ITEMS);
  for (let k = 0; k < ITEMS; k++) edge(ELEMENT, k, FIRST_ITEM + k);
  for (let k = 0; k < ITEMS; k++) node(OBJECT, 5, SIZES.item, 0);
  const header = { meta: META, node_count: nodes.length / 7, edge_count: edges.length / 3, trace_function_count: 0 };
  return `{"snapshot":${JSON.stringify(header)},\n"nodes":[${nodes.join(',')}],\n"edges":[${edges.join(',')}],\n"strings":${JSON.stringify(STRINGS)}}`;
}

suite('heap dominators', () => {
  test('a long chain above many shared objects: right dominators, no quadratic climb', async function () {
    // Climbing would take CHAIN × ITEMS (over 10^10) steps: far beyond this, were it not stopped.
    this.timeout(30_000);
    const bytes = Buffer.from(snapshotText(), 'latin1');
    const snapshot = await loadHeapSnapshot(new MemoryByteSource('/dumps/chain.heapsnapshot', bytes));
    const { dominator, retainedSizes } = snapshot.indexes;
    assert.strictEqual(dominator[1], 0);
    for (let c = 2; c <= CHAIN; c++) assert.strictEqual(dominator[c], c - 1);
    assert.strictEqual(dominator[HOLDER], CHAIN);
    assert.strictEqual(dominator[INDEX], 0);
    // Held from two sides, the items are dominated by the root alone.
    for (let k = 0; k < ITEMS; k++) assert.strictEqual(dominator[FIRST_ITEM + k], 0);
    assert.strictEqual(retainedSizes[1], CHAIN * SIZES.chain + SIZES.holder);
    assert.strictEqual(retainedSizes[INDEX], SIZES.index);
    assert.strictEqual(retainedSizes[0], CHAIN * SIZES.chain + SIZES.holder + SIZES.index + ITEMS * SIZES.item);
  });
});
