// `salvage objects <core> [--binary PATH] [--search DIR]... [--top N] [--json]`: the JS objects in
// a Node core's V8 heap, counted by constructor, with a few sample addresses of each — what filled
// the heap, read from the core itself (no heap snapshot needed).

import { DumpError } from '../../engine/dumpError';
import type { ConstructorCount } from '../../engine/v8/heapObjects';
import { parseArgs, UsageError } from '../args';
import { OpeningNotices } from '../openingNotices';
import type { Output } from '../output';
import { openCore } from './stack';

const USAGE = 'usage: salvage objects <core> [--binary PATH] [--search DIR]... [--top N] [--json]';
const DEFAULT_TOP = 30;

function printConstructors(out: Output, constructors: ConstructorCount[]): void {
  out.line(`${'count'.padStart(10)}  ${'self size'.padStart(12)}  constructor  (sample addresses)`);
  for (const c of constructors) out.line(`${String(c.count).padStart(10)}  ${String(c.selfSize).padStart(12)}  ${c.name}  (${c.samples.join(' ')})`);
}

export async function objectsCommand(argv: string[], out: Output): Promise<number> {
  const args = parseArgs(argv, { flags: ['json'], options: ['binary', 'search', 'top'] });
  if (args.positionals.length !== 1) throw new UsageError(USAGE);
  const top = Number(args.options.get('top')?.[0] ?? DEFAULT_TOP);
  if (!Number.isInteger(top) || top < 1) throw new UsageError(`--top must be a positive integer\n${USAGE}`);
  const file = args.positionals[0];
  const notices = new OpeningNotices();
  const target = await openCore(file, { binary: args.options.get('binary')?.[0], searchPaths: args.options.get('search'), onWarning: notices.onWarning, onNote: notices.onNote });
  try {
    const counting = target.census();
    if (counting === undefined) throw new DumpError(file, 'no V8 with postmortem metadata in this process: not a Node core, or its binary was not found (--binary)');
    const census = await counting;
    const isolates = census.isolates.map((i) => ({ ...i, constructors: i.constructors.slice(0, top) }));
    if (args.flags.has('json')) out.json({ objects: census.objects, maps: census.maps, bytesScanned: census.bytesScanned, constructors: census.constructors.slice(0, top), isolates });
    else {
      out.line(`${census.objects} JS objects of ${census.constructors.length} constructors (${census.maps} maps, ${(census.bytesScanned / 1024 / 1024).toFixed(1)} MiB of heap memory scanned)`);
      printConstructors(out, census.constructors.slice(0, top));
      // A process with workers: each isolate's own heap, as its threads see it.
      if (isolates.length > 1) {
        for (const isolate of isolates) {
          out.line('');
          const threads = isolate.threads.length === 0 ? '' : `, thread${isolate.threads.length === 1 ? '' : 's'} ${isolate.threads.join(', ')}`;
          out.line(`isolate ${isolate.name} (heap ${isolate.heap}${threads}): ${isolate.objects} JS objects`);
          printConstructors(out, isolate.constructors);
        }
      }
    }
    notices.print(out);
    return 0;
  } finally {
    await target.dispose();
  }
}
