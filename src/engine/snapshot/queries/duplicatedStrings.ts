// Strings held many times over: the same text in several string objects. V8 writes each distinct
// text once in the `strings` table, so string nodes with equal names have the same name index and
// are grouped without decoding anything. (DevTools also flattens concatenated strings to compare
// them; we group plain and sliced strings only. Texts are as V8 recorded them, cut at 1024 chars.)

import type { HeapGraph } from '../heapGraph';

export interface DuplicatedString {
  value: string;
  count: number;
  /** Self size of all the copies together. */
  totalSize: number;
  /** What keeping one copy would save. */
  wastedSize: number;
}

export function duplicatedStrings(graph: HeapGraph, limit: number): DuplicatedString[] {
  const { nodeCount, nodeType, nodeName, nodeSelfSize, strings } = graph;
  const t = graph.layout.nodeTypeIds;
  const counts = new Uint32Array(strings.count);
  const sizes = new Float64Array(strings.count);
  const largest = new Float64Array(strings.count);
  for (let n = 0; n < nodeCount; n++) {
    const type = nodeType[n];
    if (type !== t.string && type !== t.slicedString) continue;
    const name = nodeName[n];
    counts[name]++;
    sizes[name] += nodeSelfSize[n];
    if (nodeSelfSize[n] > largest[name]) largest[name] = nodeSelfSize[n];
  }
  const repeated: number[] = [];
  for (let s = 0; s < counts.length; s++) if (counts[s] > 1) repeated.push(s);
  const wasted = (s: number): number => sizes[s] - largest[s];
  repeated.sort((a, b) => wasted(b) - wasted(a) || counts[b] - counts[a] || a - b);
  return repeated.slice(0, limit).map((s) => ({ value: strings.get(s), count: counts[s], totalSize: sizes[s], wastedSize: wasted(s) }));
}
