// `salvage crash <id> [--json] [--store DIR] [--cached]`: everything the catalog knows of one crash —
// what broke, when, in which container of which image, its dumps, tags and notes.

import type { CatalogCrash } from '../../catalog/crashCatalog';
import { formatBytes } from '../../engine/format';
import { parseArgs, UsageError } from '../args';
import { crashJson } from '../catalogJson';
import type { Output } from '../output';
import { STORE_OPTIONS, STORE_USAGE, withStoreCatalog } from '../storeCatalog';
import { shortTime } from './crashes';

const USAGE = `usage: salvage crash <crash id> [--json] ${STORE_USAGE}`;

function printCrash(c: CatalogCrash, out: Output): void {
  out.line(`crash ${c.id}: ${c.description ?? c.signature.text}`);
  out.line(`  signature  ${c.signature.text}  (${c.signature.id})`);
  out.line(`  died       ${shortTime(c.diedAtMs)}${c.pid === null ? '' : `, pid ${c.pid}`}${c.host === null ? '' : ` on ${c.host}`}${c.nodeVersion === null ? '' : `, Node.js ${c.nodeVersion}`}`);
  const k = c.container;
  if (k !== null) {
    out.line(`  container  ${k.name} (${k.id.slice(0, 12)}) of ${k.image}${k.service === null ? '' : `, compose service ${k.project ?? ''}/${k.service}`}`);
    out.line(`             exit ${k.exitCode ?? 'unknown'}${k.oomKilled ? ', killed for memory (OOM)' : ''}${k.finishedAt === null ? '' : `, finished ${k.finishedAt}`} — as the container was when its dump was copied`);
  }
  if (c.tags.length > 0) out.line(`  tags       ${c.tags.join(', ')}`);
  out.line('  dumps');
  for (const d of c.dumps) out.line(`    ${d.kind.padEnd(12)} ${d.path}  ${formatBytes(d.size)}  sha256 ${d.sha256.slice(0, 16)}…${d.originUri === null ? '' : `  from ${d.originUri}`}`);
  for (const n of c.notes) out.line(`  note (${shortTime(n.createdAtMs)}${'signature' in n.on ? ', on its signature' : ''}): ${n.text}`);
}

export async function crashCommand(argv: string[], out: Output): Promise<number> {
  const args = parseArgs(argv, { flags: ['json', ...STORE_OPTIONS.flags], options: STORE_OPTIONS.options });
  if (args.positionals.length !== 1) throw new UsageError(USAGE);
  return withStoreCatalog(args, (catalog) => {
    const subject = catalog.resolve(args.positionals[0]);
    if (!('crash' in subject)) throw new UsageError(`${args.positionals[0]} is the signature "${subject.signature.text}": \`salvage crashes\` lists its ${subject.crashes.length} crashes`);
    if (args.flags.has('json')) out.json(crashJson(subject.crash));
    else printCrash(subject.crash, out);
    return 0;
  });
}
