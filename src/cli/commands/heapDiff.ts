// `salvage heap diff <before> <after> [--by id|class] [--top N] [--json]`: what changed between two
// snapshots, per class. Snapshots of one process are matched object by object (V8 keeps ids);
// snapshots of different processes only by class totals. The mode is detected unless --by says.

import { formatBytes } from '../../engine/format';
import type { HeapSnapshot } from '../../engine/snapshot/heapSnapshot';
import { type ClassDiff, compareSnapshots, type SnapshotComparison } from '../../engine/snapshot/queries/compareSnapshots';
import { parseArgs, UsageError } from '../args';
import type { Output } from '../output';
import { wholeNumber } from './heapArgs';
import { loadHeapFile } from './heapLoad';

const USAGE = 'usage: salvage heap diff <before> <after> [--by id|class] [--top N] [--json]';
const DEFAULT_TOP = 20;

function totals(snapshot: HeapSnapshot): { nodeCount: number; totalSize: number } {
  const { nodeCount, totalSize } = snapshot.overview();
  return { nodeCount, totalSize };
}

/** The stable JSON contract of `salvage heap diff --json` (documented in the README). */
export function diffJson(before: HeapSnapshot, after: HeapSnapshot, comparison: SnapshotComparison, top: number | undefined): unknown {
  return { mode: comparison.mode, before: totals(before), after: totals(after), classes: comparison.classes.slice(0, top) };
}

function signed(n: number, format: (n: number) => string): string {
  return n > 0 ? `+${format(n)}` : n < 0 ? `-${format(-n)}` : format(0);
}

function printDiff(files: [string, string], before: HeapSnapshot, after: HeapSnapshot, comparison: SnapshotComparison, top: number, out: Output): void {
  const a = totals(before);
  const b = totals(after);
  const how = comparison.mode === 'id' ? 'object by object (one process)' : 'by class totals (different processes)';
  out.line(`${files[0]} → ${files[1]}: ${signed(b.totalSize - a.totalSize, formatBytes)}, ${signed(b.nodeCount - a.nodeCount, String)} objects, compared ${how}`);
  out.line('');
  out.line(`${'size Δ'.padStart(12)} ${'count Δ'.padStart(10)} ${'added'.padStart(9)} ${'removed'.padStart(9)}  class`);
  const row = (d: ClassDiff): string => `${signed(d.sizeDelta, formatBytes).padStart(12)} ${signed(d.countDelta, String).padStart(10)} ${String(d.addedCount).padStart(9)} ${String(d.removedCount).padStart(9)}  ${d.name}`;
  for (const d of comparison.classes.slice(0, top)) out.line(row(d));
  if (comparison.classes.length > top) out.line(`  (${comparison.classes.length - top} more classes changed: --top N shows more)`);
}

export async function heapDiffCommand(argv: string[], out: Output): Promise<number> {
  const args = parseArgs(argv, { flags: ['json'], options: ['by', 'top'] });
  if (args.positionals.length !== 2) throw new UsageError(USAGE);
  const by = args.options.get('by')?.at(-1) ?? 'auto';
  if (by !== 'auto' && by !== 'id' && by !== 'class') throw new UsageError(`--by wants "id" or "class", got "${by}"`);
  const top = wholeNumber('--top', args.options.get('top'), 1);
  const [first, second] = args.positionals;
  const before = await loadHeapFile(first);
  const after = await loadHeapFile(second);
  const comparison = compareSnapshots(before, after, by);
  if (args.flags.has('json')) out.json(diffJson(before, after, comparison, top));
  else printDiff([first, second], before, after, comparison, top ?? DEFAULT_TOP, out);
  return 0;
}
