// How a heap snapshot's load reads in a progress bar. The engine reports named passes, each with the
// fraction of it done (analyzeHeapGraph.ts); here each pass gets a span of one 0–100 bar and a
// sentence. The spans are rough shares of the wall time measured in the adapter's worker (2 cores):
// reading and parsing the file is a quarter of it on heavily linked heaps and most of it on
// string-heavy ones; the dominator tree is most of the rest. A pass not listed keeps the bar where it is.

import { formatBytes } from '../../engine/format';
import type { HeapProgress } from '../../engine/snapshot/heapGraph';
import type { ProgressReport } from '../launchProgress';

export const HEAP_LOAD_TITLE = 'Salvage: analysing heap snapshot';

interface Span {
  from: number;
  to: number;
  label: string;
}

// In the order the engine runs them (analyzeHeapGraph.ts), so the bar only moves forward.
const SPANS: ReadonlyMap<string, Span> = new Map([
  ['parse', { from: 0, to: 45, label: 'reading' }],
  ['first-edge index', { from: 45, to: 46, label: 'indexing edges' }],
  ['essential edges', { from: 46, to: 50, label: 'marking the edges that retain' }],
  ['dominators', { from: 50, to: 85, label: 'computing dominators' }],
  ['retained sizes', { from: 85, to: 87, label: 'computing retained sizes' }],
  ['dominator tree', { from: 87, to: 89, label: 'building the dominator tree' }],
  // Run one by one on the worker's thread, or together on its helper thread as one pass.
  ['detachedness', { from: 89, to: 90, label: 'propagating detachedness' }],
  ['class names', { from: 90, to: 92, label: 'naming classes' }],
  ['distances', { from: 92, to: 94, label: 'computing distances from the roots' }],
  ['class names and distances', { from: 89, to: 94, label: 'naming classes, computing distances from the roots' }],
  ['class summary', { from: 94, to: 95, label: 'summarising classes' }],
  ['retainers', { from: 95, to: 98, label: 'indexing retainers' }],
  ['statistics', { from: 98, to: 100, label: 'computing statistics' }],
]);

/** The bar and sentence for one progress report of loading a snapshot of `size` bytes. */
export function heapLoadReport(progress: HeapProgress, size: number): ProgressReport {
  const span = SPANS.get(progress.phase);
  if (span === undefined) return { message: progress.phase };
  const fraction = Math.min(1, Math.max(0, progress.fraction));
  const percentage = Math.round(span.from + (span.to - span.from) * fraction);
  if (progress.phase !== 'parse') return { message: span.label, percentage };
  return { message: `${span.label} ${formatBytes(size * fraction)} of ${formatBytes(size)}`, percentage };
}
