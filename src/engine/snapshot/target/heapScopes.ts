// The scopes of a snapshot's one frame: Summary (classes by retained size → instances →
// references), GC roots (what the root holds) and Statistics (where the bytes are, by kind).

import { formatBytes } from '../../format';
import type { Inspectable, InspectableScope } from '../../inspectable';
import type { HeapStatistics } from '../passes/statistics';
import type { HeapAnalysis } from '../service/heapAnalysis';
import { HeapInspector } from './heapInspectables';
import { pagedChildren } from './pagedChildren';

function bytes(name: string, value: number): Inspectable {
  return { name, value: formatBytes(value), type: 'bytes' };
}

function statistics(stats: HeapStatistics): Inspectable[] {
  const { v8heap, native } = stats;
  return [
    bytes('total', stats.total),
    bytes('code', v8heap.code),
    bytes('strings', v8heap.strings),
    bytes('JS arrays', v8heap.jsArrays),
    bytes('typed arrays', native.typedArrays),
    bytes('system objects', v8heap.system),
    bytes('other JS objects', v8heap.total - v8heap.code - v8heap.strings - v8heap.jsArrays - v8heap.system),
    bytes('other native', native.total - native.typedArrays),
  ];
}

export function heapScopes(heap: HeapAnalysis, inspector: HeapInspector): InspectableScope[] {
  return [
    {
      name: 'Summary',
      expensive: false,
      variables: async () => {
        const summary = await heap.query('summary');
        return pagedChildren(summary.length, async (offset, limit) => summary.slice(offset, offset + limit).map((c) => inspector.classSummary(c)));
      },
    },
    {
      name: 'GC roots',
      expensive: false,
      variables: async () => (await heap.query('gcRoots')).map((e) => inspector.edge(e)),
    },
    {
      name: 'Statistics',
      expensive: false,
      variables: async () => statistics(await heap.query('statistics')),
    },
  ];
}
