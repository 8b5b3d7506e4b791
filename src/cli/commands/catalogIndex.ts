// `salvage index [--rebuild] [--json] [--store DIR]`: brings the store's crash catalog up to date
// with its files (what every crash verb does first), or, with --rebuild, remakes it from them —
// tags and notes are kept.

import { CrashCatalog } from '../../catalog/crashCatalog';
import { parseArgs, UsageError } from '../args';
import type { Output } from '../output';
import { storeDirArg, updateCatalog } from '../storeCatalog';

const USAGE = 'usage: salvage index [--rebuild] [--json] [--store DIR]';

export async function indexCommand(argv: string[], out: Output): Promise<number> {
  const args = parseArgs(argv, { flags: ['rebuild', 'json'], options: ['store'] });
  if (args.positionals.length !== 0) throw new UsageError(USAGE);
  const storeDir = storeDirArg(args);
  const catalog = CrashCatalog.open(storeDir);
  try {
    const summary = await updateCatalog(catalog, storeDir, args.flags.has('rebuild'));
    const crashes = catalog.contents().crashes.length;
    if (args.flags.has('json')) out.json({ store: storeDir, catalog: catalog.file, ...summary, crashes });
    else out.line(`${catalog.file}: ${summary.indexed} dumps indexed (${summary.unreadable} unreadable), ${summary.unchanged} unchanged, ${summary.removed} gone; ${crashes} crashes, in ${summary.elapsedMs} ms`);
    return 0;
  } finally {
    catalog.close();
  }
}
