// `salvage crash <id> [--json] [--lines N] [--store DIR] [--cached]`: everything the catalog knows of
// one crash — what broke, when, in which container of which image, how it ended, its dumps, tags and
// notes, and the container's last log lines before it died (with its compose neighbours' in JSON).

import type { CatalogCrash } from '../../catalog/crashCatalog';
import { CRASH_LOG_LINES, type CrashLogs, crashLogs } from '../../catalog/crashLogs';
import { formatBytes } from '../../engine/format';
import { parseArgs, UsageError } from '../args';
import { crashJson } from '../catalogJson';
import type { Output } from '../output';
import { STORE_OPTIONS, STORE_USAGE, withStoreCatalog } from '../storeCatalog';
import { shortTime } from './crashes';

const USAGE = `usage: salvage crash <crash id> [--json] [--lines N] ${STORE_USAGE}`;

function printLogs(logs: CrashLogs, out: Output): void {
  if (logs.own === null) return;
  out.line(`  log        the last ${logs.own.lines.length} lines of ${logs.own.container.name} before it died (read ${logs.own.collectedAt})`);
  for (const l of logs.own.lines) out.line(`    ${l.stream === 'stderr' ? '!' : ' '} ${l.text}`);
  for (const n of logs.neighbours) out.line(`  also       ${n.container.service ?? 'container'} ${n.container.name} logged ${n.lines.length} lines in the minute before (--json has them)`);
}

function printCrash(c: CatalogCrash, logs: CrashLogs, out: Output): void {
  out.line(`crash ${c.id}: ${c.description ?? c.signature.text}`);
  out.line(`  signature  ${c.signature.text}  (${c.signature.id})`);
  out.line(`  died       ${shortTime(c.diedAtMs)}${c.pid === null ? '' : `, pid ${c.pid}`}${c.host === null ? '' : ` on ${c.host}`}${c.nodeVersion === null ? '' : `, Node.js ${c.nodeVersion}`}`);
  const k = c.container;
  if (k !== null) {
    out.line(`  container  ${k.name} (${k.id.slice(0, 12)}) of ${k.image}${k.service === null ? '' : `, compose service ${k.project ?? ''}/${k.service}`}`);
    out.line(
      `             exit ${k.exitCode ?? 'unknown'}${k.oomKilled ? ', killed for memory (OOM)' : ''}${k.finishedAt === null ? '' : `, finished ${k.finishedAt}`}${c.death === null ? ' — as the container was when its dump was copied' : ''}${k.restartCount === null || k.restartCount === 0 ? '' : `; restarted ${k.restartCount}× by its policy`}`,
    );
  }
  if (c.tags.length > 0) out.line(`  tags       ${c.tags.join(', ')}`);
  out.line(c.dumps.length === 0 ? "  dumps      none: this death left only the container's record of it" : '  dumps');
  for (const d of c.dumps) out.line(`    ${d.kind.padEnd(12)} ${d.path}  ${formatBytes(d.size)}  sha256 ${d.sha256.slice(0, 16)}…${d.originUri === null ? '' : `  from ${d.originUri}`}`);
  for (const n of c.notes) out.line(`  note (${shortTime(n.createdAtMs)}${'signature' in n.on ? ', on its signature' : ''}): ${n.text}`);
  printLogs(logs, out);
}

export async function crashCommand(argv: string[], out: Output): Promise<number> {
  const args = parseArgs(argv, { flags: ['json', ...STORE_OPTIONS.flags], options: ['lines', ...STORE_OPTIONS.options] });
  if (args.positionals.length !== 1) throw new UsageError(USAGE);
  const lines = Number(args.options.get('lines')?.at(-1) ?? CRASH_LOG_LINES);
  if (!Number.isInteger(lines) || lines < 0) throw new UsageError(`--lines needs a whole number of lines\n${USAGE}`);
  return withStoreCatalog(args, async (catalog, storeDir) => {
    const subject = catalog.resolve(args.positionals[0]);
    if (!('crash' in subject)) throw new UsageError(`${args.positionals[0]} is the signature "${subject.signature.text}": \`salvage crashes\` lists its ${subject.crashes.length} crashes`);
    const logs = await crashLogs(storeDir, subject.crash, lines);
    if (args.flags.has('json')) out.json(crashJson(subject.crash, logs));
    else printCrash(subject.crash, logs, out);
    return 0;
  });
}
