// Writes a synthetic V8 heap snapshot of about `targetBytes`, deterministically (same size → same
// bytes), in the exact format V8 writes (heap-snapshot-generator.cc): the same meta, one node or
// edge per line, strings last. The graph is shaped like a service's heap so every analysis pass has
// real work: a root with (GC roots) categories and a `global` user root, a forest of objects
// (random recursive trees, so dominator subtrees are deep and uneven), cross references between
// trees (shared objects, so dominators are not just parents), back references (cycles), weak
// references, shared hidden "maps", arrays, closures with contexts, and leaf strings (many unique,
// some duplicated).
//
// Node order follows what V8 does: it numbers objects roughly in heap address order, i.e. in
// allocation order, so an object's parent is usually a node shortly before it — nine in ten
// parents are among the 16 nodes before, one in ten anywhere earlier. Cross references and back
// references point anywhere. Every object has a map, and maps and the empty backing store are
// shared hubs, as in V8. Calibrated on real Node.js snapshots (v8.writeHeapSnapshot of services
// and of a 338 MB heap): they have 3–4 edges per node and the 0.1% most referenced nodes receive
// 41–56% of all edges (top 1%: 47–56%, top 10%: 59–62%); this generator gives 3.9 edges per node and
// 42% / 49% / 58%.
//
// Nodes and edges are produced twice from the same pure functions of the node ordinal — once to
// write each node's edge_count, once to write the edges — so only the tree's shape (a parent per
// node, as child lists) and one output buffer are held.

import { closeSync, openSync, renameSync, writeSync } from 'fs';

const NODE_FIELDS = 7;
const META = {
  node_fields: ['type', 'name', 'id', 'self_size', 'edge_count', 'trace_node_id', 'detachedness'],
  node_types: [
    ['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native', 'synthetic', 'concatenated string', 'sliced string', 'symbol', 'bigint', 'object shape', 'wasm object'],
    'string', 'number', 'number', 'number', 'number', 'number',
  ],
  edge_fields: ['type', 'name_or_index', 'to_node'],
  edge_types: [['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'], 'string_or_number', 'node'],
  trace_function_info_fields: ['function_id', 'name', 'script_name', 'script_id', 'line', 'column'],
  trace_node_fields: ['id', 'function_info_index', 'count', 'size', 'children'],
  sample_fields: ['timestamp_us', 'last_assigned_id'],
  location_fields: ['object_index', 'script_id', 'line', 'column'],
};
const T = { hidden: 0, array: 1, string: 2, object: 3, code: 4, closure: 5, number: 7, synthetic: 9, shape: 14 };
const E = { context: 0, element: 1, property: 2, internal: 3, hidden: 4, shortcut: 5, weak: 6 };

/** Measured on the output: bytes per node of this generator (nodes, their edges, their strings). */
const BYTES_PER_NODE = 94;
const CATEGORIES = ['(Internalized strings)', '(Strong roots)', '(Global handles)', '(Stack roots)', '(Builtins)', '(Handle scope)', '(Eternal handles)', '(Startup object cache)'];
const CLASS_COUNT = 400;
const PROPERTY_COUNT = 300;
const SHAPE_COUNT = 2000;

/** A 32-bit hash of (node, salt): the generator's only source of "randomness". */
function mix(a, b) {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

class Layout {
  constructor(nodeCount) {
    this.n = nodeCount;
    // Fixed region: root, (GC roots), categories, global, shapes. The rest is the object forest.
    this.gcRoots = 1;
    this.firstCategory = 2;
    this.global = this.firstCategory + CATEGORIES.length;
    // V8's shared empty backing store: the properties of nearly every object point at it.
    this.emptyArray = this.global + 1;
    this.firstShape = this.global + 2;
    this.firstObject = this.firstShape + SHAPE_COUNT;
    this.objects = nodeCount - this.firstObject;
    this.treeRoots = Math.max(1, Math.floor(this.objects / 5000));
    this.buildTree();
    // Strings table: fixed names, then class and property names, then one per unique string node.
    this.strings = ['<dummy>', '', '(GC roots)', 'global', ...CATEGORIES, 'system / Map', 'map', 'elements', 'context', 'code', 'weak', 'Array', 'system / Context', 'properties', '(empty fixed array)'];
    this.fixedStrings = this.strings.length;
    for (let c = 0; c < CLASS_COUNT; c++) this.strings.push(`Service${c}Model`);
    for (let p = 0; p < PROPERTY_COUNT; p++) this.strings.push(`field${p}`);
    this.firstUniqueString = this.strings.length;
  }

  str(name) {
    return this.strings.indexOf(name);
  }

  /** The forest: parent of each forest node (mostly a recent node), then child lists by parent. */
  buildTree() {
    const m = this.objects;
    const parent = new Int32Array(m).fill(-1);
    const first = new Uint32Array(m + 1);
    for (let k = this.treeRoots; k < m; k++) {
      const i = this.firstObject + k;
      const local = mix(i, 9) % 10 !== 0;
      parent[k] = local ? k - 1 - (mix(i, 8) % Math.min(k, 16)) : mix(i, 8) % k;
      first[parent[k]]++;
    }
    let offset = 0;
    for (let k = 0; k < m; k++) {
      const count = first[k];
      first[k] = offset;
      offset += count;
    }
    first[m] = offset;
    const list = new Uint32Array(offset);
    const fill = first.slice(0, m);
    for (let k = this.treeRoots; k < m; k++) list[fill[parent[k]]++] = this.firstObject + k;
    this.childStart = first;
    this.childList = list;
  }

  /**
   * Kind of a forest node: a pure function of its ordinal and the tree. Nodes with tree children
   * are containers (objects, arrays, closures, internal structures), so every node is reachable, as
   * in a real heap; leaves are mostly strings and numbers.
   */
  kind(i) {
    const r = mix(i, 1) % 100;
    if (this.children(i).length > 0) {
      if (r < 60) return T.object;
      if (r < 80) return T.array;
      if (r < 92) return T.closure;
      return T.hidden;
    }
    if (r < 50) return T.string;
    if (r < 60) return T.number;
    if (r < 68) return T.code;
    if (r < 88) return T.object;
    return T.array;
  }

  /** Tree children of forest node i. */
  children(i) {
    const k = i - this.firstObject;
    return this.childList.subarray(this.childStart[k], this.childStart[k + 1]);
  }
}

/** 0 ≤ result < n, most often near 0: a heavily skewed choice (hash^8, scaled). */
function skewed(hash, n) {
  const u = hash / 4294967296;
  const u2 = u * u;
  const u4 = u2 * u2;
  return Math.floor(n * u4 * u4);
}

/** Calls edge(type, nameOrIndex, to) for each edge of node i, in order. Pure in i. */
function forEachEdge(L, i, edge) {
  if (i === 0) {
    edge(E.element, 1, L.gcRoots);
    edge(E.shortcut, L.str('global'), L.global);
    return;
  }
  if (i === L.gcRoots) {
    for (let c = 0; c < CATEGORIES.length; c++) edge(E.element, c + 1, L.firstCategory + c);
    return;
  }
  if (i < L.global) {
    // Each category holds a slice of the shapes and a few objects (system references into the heap).
    const c = i - L.firstCategory;
    if (c === 0) edge(E.element, SHAPE_COUNT + 64, L.emptyArray);
    for (let s = c; s < SHAPE_COUNT; s += CATEGORIES.length * 4) edge(E.element, s, L.firstShape + s);
    for (let k = 0; k < 64; k++) edge(E.element, SHAPE_COUNT + k, L.firstObject + (mix(i, k) % L.objects));
    return;
  }
  if (i === L.global) {
    for (let t = 0; t < L.treeRoots; t++) edge(E.property, L.fixedStrings + CLASS_COUNT + (t % PROPERTY_COUNT), L.firstObject + t);
    return;
  }
  if (i < L.firstObject) return; // shapes and the empty array are leaves
  const kind = L.kind(i);
  // Every heap object has a map (V8's hidden class); a few maps are shared by most objects, which is
  // why in real snapshots a tenth of a percent of the nodes receive about half of all references.
  edge(E.internal, L.str('map'), L.firstShape + skewed(mix(i, 11), SHAPE_COUNT));
  if (kind === T.string || kind === T.number) return;
  const h = mix(i, 2);
  if (kind === T.object) {
    edge(E.internal, L.str('properties'), L.emptyArray);
    edge(E.internal, L.str('elements'), L.emptyArray);
  }
  let slot = 0;
  for (const child of L.children(i)) {
    if (kind === T.array) edge(E.element, slot++, child);
    else if (kind === T.closure && slot === 0) (edge(E.context, L.str('context'), child), slot++);
    else edge(E.property, L.fixedStrings + CLASS_COUNT + ((h + slot++) % PROPERTY_COUNT), child);
  }
  // Values: references to nearby nodes (shared within a neighbourhood, as objects built together are).
  const values = kind === T.hidden ? 1 : (h >>> 16) % 3;
  for (let v = 0; v < values; v++) {
    const to = L.firstObject + ((i - L.firstObject + 1 + (mix(i, 10 + v) % 64)) % L.objects);
    if (kind === T.array) edge(E.element, slot++, to);
    else edge(E.property, L.fixedStrings + CLASS_COUNT + ((h + slot++) % PROPERTY_COUNT), to);
  }
  // Cross references make objects shared between trees; back references make cycles; weak ones change nothing.
  if (h % 100 < 22) edge(E.property, L.fixedStrings + CLASS_COUNT + ((h >>> 8) % PROPERTY_COUNT), L.firstObject + (mix(i, 3) % L.objects));
  if (h % 100 < 6 && i > L.firstObject + L.treeRoots) edge(E.internal, L.str('context'), L.firstObject + (mix(i, 4) % (i - L.firstObject)));
  if (h % 1000 < 40) edge(E.weak, L.str('weak'), L.firstObject + (mix(i, 5) % L.objects));
}

function nodeRow(L, i, edgeCount) {
  const id = 2 * i + 1;
  if (i === 0) return [T.synthetic, L.str(''), id, 0, edgeCount];
  if (i === L.gcRoots) return [T.synthetic, L.str('(GC roots)'), id, 0, edgeCount];
  if (i < L.global) return [T.synthetic, L.str(CATEGORIES[i - L.firstCategory]), id, 0, edgeCount];
  if (i === L.global) return [T.object, L.str('global'), id, 40, edgeCount];
  if (i === L.emptyArray) return [T.array, L.str('(empty fixed array)'), id, 16, edgeCount];
  if (i < L.firstObject) return [T.shape, L.str('system / Map'), id, 80, edgeCount];
  const h = mix(i, 6);
  switch (L.kind(i)) {
    case T.object:
      return [T.object, L.fixedStrings + (h % CLASS_COUNT), id, 16 + 8 * (h % 12), edgeCount];
    case T.array:
      return [T.array, L.str(''), id, 16 + 8 * (h % 64), edgeCount];
    case T.string:
      // Two in five strings repeat a class name (duplicated strings); the rest are unique.
      return [T.string, h % 5 < 2 ? L.fixedStrings + (h % CLASS_COUNT) : L.firstUniqueString + (i - L.firstObject), id, 20 + (h % 40), edgeCount];
    case T.closure:
      return [T.closure, L.fixedStrings + CLASS_COUNT + (h % PROPERTY_COUNT), id, 32, edgeCount];
    case T.number:
      return [T.number, L.str('heap number'), id, 16, edgeCount];
    case T.code:
      return [T.code, L.str('code'), id, 64 + (h % 400), edgeCount];
    default:
      return [T.hidden, L.str('system / Context'), id, 24 + 8 * (h % 8), edgeCount];
  }
}

class Writer {
  constructor(file) {
    this.fd = openSync(file, 'w');
    this.parts = [];
    this.length = 0;
  }

  write(text) {
    this.parts.push(text);
    this.length += text.length;
    if (this.length > 1 << 22) this.flush();
  }

  flush() {
    writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.length = 0;
  }

  close() {
    this.flush();
    closeSync(this.fd);
  }
}

/** Writes the snapshot to `file` (via a temporary name, so a cut-short run leaves no half file). */
export function generateSnapshot(file, targetBytes) {
  const nodeCount = Math.max(20_000, Math.round(targetBytes / BYTES_PER_NODE));
  const L = new Layout(nodeCount);
  L.strings.push('heap number');
  let edgeCount = 0;
  const edgeCounts = new Uint8Array(nodeCount);
  for (let i = 0; i < nodeCount; i++) {
    let count = 0;
    forEachEdge(L, i, () => count++);
    edgeCounts[i] = Math.min(count, 255);
    edgeCount += count;
  }
  const temp = `${file}.partial`;
  const out = new Writer(temp);
  const header = { meta: META, node_count: nodeCount, edge_count: edgeCount, trace_function_count: 0 };
  out.write(`{"snapshot":${JSON.stringify(header)},\n"nodes":[`);
  for (let i = 0; i < nodeCount; i++) {
    let count = 0;
    if (edgeCounts[i] === 255) forEachEdge(L, i, () => count++);
    else count = edgeCounts[i];
    out.write(`${i === 0 ? '' : '\n,'}${nodeRow(L, i, count).join(',')},0,0`);
  }
  out.write('],\n"edges":[');
  let first = true;
  for (let i = 0; i < nodeCount; i++) {
    forEachEdge(L, i, (type, name, to) => {
      out.write(`${first ? '' : '\n,'}${type},${name},${to * NODE_FIELDS}`);
      first = false;
    });
  }
  out.write('],\n"trace_function_infos":[],\n"trace_tree":[],\n"samples":[],\n"locations":[],\n"strings":[');
  for (let s = 0; s < L.strings.length; s++) out.write(`${s === 0 ? '' : ',\n'}${JSON.stringify(L.strings[s])}`);
  for (let i = L.firstObject; i < nodeCount; i++) out.write(`,\n"${uniqueString(i)}"`);
  out.write(']}\n');
  out.close();
  renameSync(temp, file);
  return { nodeCount, edgeCount };
}

/** The text of forest node i's unique string (used or not: V8 also keeps strings nothing names). */
function uniqueString(i) {
  const h = mix(i, 7).toString(36);
  return `request:${h}:${i}`;
}
