// `salvage heap retainers <snapshot> --node ID [--paths N] [--json]`: why object @ID is alive — the
// chains of references from a GC root down to it, shortest first.

import { DumpError } from '../../engine/dumpError';
import { formatBytes } from '../../engine/format';
import type { HeapNode } from '../../engine/snapshot/queries/heapNodeInfo';
import type { RetainerPath } from '../../engine/snapshot/queries/retainerPaths';
import { parseArgs, UsageError } from '../args';
import type { Output } from '../output';
import { wholeNumber } from './heapArgs';
import { loadHeapFile } from './heapLoad';

const USAGE = 'usage: salvage heap retainers <snapshot> --node ID [--paths N] [--json]';
const DEFAULT_PATHS = 3;

function nodeJson(node: HeapNode): unknown {
  return { id: node.id, className: node.className, name: node.name, type: node.type, selfSize: node.selfSize, retainedSize: node.retainedSize, distance: node.distance };
}

/** The stable JSON contract of `salvage heap retainers --json` (documented in the README). */
export function retainersJson(node: HeapNode, paths: RetainerPath[]): unknown {
  return {
    node: nodeJson(node),
    paths: paths.map((p) => ({ hops: p.hops.map((h) => ({ type: h.type, name: h.name, label: h.label, retainer: nodeJson(h.retainer) })) })),
  };
}

function describe(node: HeapNode): string {
  return `${node.className} @${node.id}`;
}

function printPaths(node: HeapNode, paths: RetainerPath[], out: Output): void {
  out.line(`${describe(node)}: self ${formatBytes(node.selfSize)}, retained ${formatBytes(node.retainedSize)}`);
  if (paths.length === 0) out.line('  no path from a GC root: nothing keeps it alive (it is garbage the snapshot still held)');
  paths.forEach((path, i) => {
    out.line('');
    out.line(`path ${i + 1} (${path.hops.length} reference${path.hops.length === 1 ? '' : 's'} from a GC root):`);
    out.line(`  ${describe(node)}`);
    for (const hop of path.hops) out.line(`    ${hop.label} in ${describe(hop.retainer)}`);
    out.line(path.hops.length === 0 ? '  (it is itself a GC root)' : '    (GC root)');
  });
}

export async function heapRetainersCommand(argv: string[], out: Output): Promise<number> {
  const args = parseArgs(argv, { flags: ['json'], options: ['node', 'paths'] });
  const id = wholeNumber('--node', args.options.get('node'), 0);
  if (args.positionals.length !== 1 || id === undefined) throw new UsageError(USAGE);
  const file = args.positionals[0];
  const snapshot = await loadHeapFile(file);
  const ordinal = snapshot.ordinalOfId(id);
  if (ordinal < 0) throw new DumpError(file, `no object has id @${id}`);
  const node = snapshot.node(ordinal);
  const paths = snapshot.retainerPaths(ordinal, wholeNumber('--paths', args.options.get('paths'), 1) ?? DEFAULT_PATHS);
  if (args.flags.has('json')) out.json(retainersJson(node, paths));
  else printPaths(node, paths, out);
  return 0;
}
