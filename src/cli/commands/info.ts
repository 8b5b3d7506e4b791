// `salvage info <file|docker://…> [--json]`: what kind of dump a file is, and its key facts.

import { DumpError } from '../../engine/dumpError';
import { NOT_A_DUMP } from '../../engine/dumpKind';
import { summarizeDump } from '../../engine/dumpSummary';
import { withDumpSource } from '../../sources/openDumpSource';
import { parseArgs, UsageError } from '../args';
import { terminalProgress } from '../downloadProgress';
import type { Output } from '../output';

export async function infoCommand(argv: string[], out: Output): Promise<number> {
  const args = parseArgs(argv, { flags: ['json'], options: [] });
  if (args.positionals.length !== 1) throw new UsageError('usage: salvage info <file> [--json]');
  const file = args.positionals[0];
  const summary = await withDumpSource(file, async (source, opened) => ({ ...(await summarizeDump(source)), ...(opened.compression === undefined ? {} : { compression: opened.compression }) }), { onProgress: terminalProgress(`reading ${file}`) });
  if (summary.kind === 'unknown') throw new DumpError(file, NOT_A_DUMP, 0);
  if (args.flags.has('json')) {
    out.json({ file, ...summary });
    return 0;
  }
  const compressed = summary.compression === undefined ? '' : ` (${summary.compression}-compressed; decompressed size)`;
  out.line(`${file}: ${summary.kindLabel}, ${summary.size} bytes${compressed}`);
  if (summary.headline !== undefined) out.line(summary.headline);
  for (const [name, value] of Object.entries(summary.facts)) out.line(`  ${name}: ${value}`);
  return 0;
}
