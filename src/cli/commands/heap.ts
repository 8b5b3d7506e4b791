// `salvage heap <snapshot> [--top N] [--json]`: what holds the memory, by class — count, self size
// and retained size, largest retained first (DevTools' Summary). `salvage heap retainers` and
// `salvage heap diff` are the verb's two other questions (heapRetainers.ts, heapDiff.ts).

import { formatBytes } from '../../engine/format';
import type { HeapSnapshot } from '../../engine/snapshot/heapSnapshot';
import { parseArgs, UsageError } from '../args';
import type { Output } from '../output';
import { wholeNumber } from './heapArgs';
import { heapDiffCommand } from './heapDiff';
import { loadHeapFile } from './heapLoad';
import { heapRetainersCommand } from './heapRetainers';

const USAGE = 'usage: salvage heap <snapshot> [--top N] [--json] | heap retainers <snapshot> --node ID [--json] | heap diff <before> <after> [--json]';
const DEFAULT_TOP = 20;

/** The stable JSON contract of `salvage heap --json` (documented in the README). */
export function heapSummaryJson(snapshot: HeapSnapshot, top: number | undefined): unknown {
  const { nodeCount, edgeCount, totalSize } = snapshot.overview();
  const classes = snapshot.summary().slice(0, top);
  return {
    nodeCount,
    edgeCount,
    totalSize,
    classes: classes.map((c) => ({ name: c.name, count: c.count, selfSize: c.selfSize, retainedSize: c.retainedSize })),
  };
}

function printSummary(file: string, snapshot: HeapSnapshot, top: number, out: Output): void {
  const { nodeCount, edgeCount, totalSize } = snapshot.overview();
  const summary = snapshot.summary();
  out.line(`${file}: ${nodeCount.toLocaleString('en-US')} objects, ${edgeCount.toLocaleString('en-US')} references, ${formatBytes(totalSize)}`);
  out.line('');
  out.line(`${'retained'.padStart(11)} ${'self'.padStart(11)} ${'count'.padStart(10)}  class`);
  for (const c of summary.slice(0, top)) {
    out.line(`${formatBytes(c.retainedSize).padStart(11)} ${formatBytes(c.selfSize).padStart(11)} ${c.count.toLocaleString('en-US').padStart(10)}  ${c.name}`);
  }
  if (summary.length > top) out.line(`  (${summary.length - top} more classes: --top N shows more)`);
}

export async function heapCommand(argv: string[], out: Output): Promise<number> {
  if (argv[0] === 'retainers' && argv.length > 1) return heapRetainersCommand(argv.slice(1), out);
  if (argv[0] === 'diff' && argv.length > 1) return heapDiffCommand(argv.slice(1), out);
  const args = parseArgs(argv, { flags: ['json'], options: ['top'] });
  if (args.positionals.length !== 1) throw new UsageError(USAGE);
  const file = args.positionals[0];
  const top = wholeNumber('--top', args.options.get('top'), 1);
  const snapshot = await loadHeapFile(file);
  if (args.flags.has('json')) out.json(heapSummaryJson(snapshot, top));
  else printSummary(file, snapshot, top ?? DEFAULT_TOP, out);
  return 0;
}
