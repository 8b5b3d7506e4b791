// Pass "statistics": where the heap's bytes are, by kind, with DevTools' definitions
// (JSHeapSnapshot.calculateStatistics) so the numbers read the same as its Statistics view.

import type { HeapGraph } from '../heapGraph';

export interface HeapStatistics {
  total: number;
  v8heap: { total: number; code: number; strings: number; jsArrays: number; system: number };
  native: { total: number; typedArrays: number };
}

export function computeStatistics(graph: HeapGraph, totalSize: number, firstRetainer: Uint32Array): HeapStatistics {
  const { nodeCount, nodeType, nodeName, nodeSelfSize, strings } = graph;
  const t = graph.layout.nodeTypeIds;
  let native = graph.header.extraNativeBytes;
  let typedArrays = 0;
  let code = 0;
  let stringBytes = 0;
  let jsArrays = 0;
  let system = 0;
  for (let n = 0; n < nodeCount; n++) {
    const size = nodeSelfSize[n];
    const type = nodeType[n];
    if (type === t.hidden) system += size;
    else if (type === t.native) {
      native += size;
      if (strings.equalsAscii(nodeName[n], 'system / JSArrayBufferData')) typedArrays += size;
    } else if (type === t.code) code += size;
    else if (type === t.string || type === t.consString || type === t.slicedString) stringBytes += size;
    else if (type === t.object && strings.equalsAscii(nodeName[n], 'Array')) jsArrays += arraySize(graph, n, firstRetainer);
  }
  return {
    total: totalSize,
    v8heap: { total: totalSize - native, code, strings: stringBytes, jsArrays, system },
    native: { total: native, typedArrays },
  };
}

/** An Array's own size plus its `elements` store when the array is the store's only retainer. */
function arraySize(graph: HeapGraph, array: number, firstRetainer: Uint32Array): number {
  const { firstEdge, edgeType, edgeName, edgeTo, nodeSelfSize, strings } = graph;
  const internal = graph.layout.edgeTypeIds.internal;
  for (let e = firstEdge[array], end = firstEdge[array + 1]; e < end; e++) {
    if (edgeType[e] !== internal || !strings.equalsAscii(edgeName[e], 'elements')) continue;
    const elements = edgeTo[e];
    const sole = firstRetainer[elements + 1] - firstRetainer[elements] === 1;
    return nodeSelfSize[array] + (sole ? nodeSelfSize[elements] : 0);
  }
  return nodeSelfSize[array];
}
