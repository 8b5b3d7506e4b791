// `salvage crashes [--json] [--since T] [--tag X]... [--store DIR] [--cached]`: the crashes of the
// dump store, grouped by signature — what broke, how often, since when, and where.

import type { CatalogContents, CatalogCrash } from '../../catalog/crashCatalog';
import { groupBySignature } from '../../catalog/signatureGroups';
import { parseArgs, UsageError } from '../args';
import { crashJson, signatureJson } from '../catalogJson';
import type { Output } from '../output';
import { STORE_OPTIONS, STORE_USAGE, withStoreCatalog } from '../storeCatalog';

const USAGE = `usage: salvage crashes [--json] [--since TIME] [--tag TAG]... ${STORE_USAGE}   (TIME: an ISO date, or an age such as 90m, 12h, 7d)`;
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseSince(value: string, nowMs = Date.now()): number {
  const age = /^(\d+)([mhd])$/.exec(value);
  if (age !== null) return nowMs - Number(age[1]) * UNIT_MS[age[2]];
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new UsageError(`--since wants an ISO date or an age such as 12h, got "${value}"\n${USAGE}`);
  return ms;
}

export function shortTime(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
}

function crashLine(c: CatalogCrash): string {
  const where = c.container?.name ?? c.host ?? '';
  const pid = c.pid === null ? '' : ` (pid ${c.pid})`;
  const tags = c.tags.length === 0 ? '' : `  [${c.tags.join(', ')}]`;
  return `      crash ${c.id}  ${shortTime(c.diedAtMs)}  ${where}${pid}  ${c.dumps.map((d) => d.kind).join(', ')}${tags}`;
}

function printCrashes(contents: CatalogContents, crashes: CatalogCrash[], storeDir: string, out: Output): void {
  const groups = groupBySignature(crashes);
  out.line(`${groups.length} signature${groups.length === 1 ? '' : 's'}, ${crashes.length} crash${crashes.length === 1 ? '' : 'es'} in ${storeDir}`);
  for (const g of groups) {
    out.line('');
    out.line(`  ${String(g.count).padStart(4)}×  ${g.signature.text}   (signature ${g.signature.id})`);
    const facts = [`first ${shortTime(g.firstSeenMs)}`, `last ${shortTime(g.lastSeenMs)}`];
    if (g.images.length > 0) facts.push(`images ${g.images.join(', ')}`);
    if (g.nodeVersions.length > 0) facts.push(`node ${g.nodeVersions.join(', ')}`);
    if (g.services.length > 0) facts.push(`services ${g.services.join(', ')}`);
    if (g.containers.length > 0) facts.push(`${g.containers.length} container${g.containers.length === 1 ? '' : 's'}`);
    out.line(`         ${facts.join(' · ')}`);
    const tags = contents.signatureTags.get(g.signature.id);
    if (tags !== undefined) out.line(`         tags: ${tags.join(', ')}`);
    for (const id of g.crashIds) {
      const crash = crashes.find((c) => c.id === id);
      if (crash !== undefined) out.line(crashLine(crash));
    }
  }
  for (const u of contents.unreadable) out.line(`\n  unreadable ${u.kind}: ${u.error}`);
}

export async function crashesCommand(argv: string[], out: Output): Promise<number> {
  const args = parseArgs(argv, { flags: ['json', ...STORE_OPTIONS.flags], options: ['since', 'tag', ...STORE_OPTIONS.options] });
  if (args.positionals.length !== 0) throw new UsageError(USAGE);
  const since = args.options.get('since')?.at(-1);
  const sinceMs = since === undefined ? undefined : parseSince(since);
  const wanted = args.options.get('tag') ?? [];
  return withStoreCatalog(args, (catalog, storeDir) => {
    const contents = catalog.contents();
    const crashes = contents.crashes.filter((c) => (sinceMs === undefined || c.diedAtMs >= sinceMs) && wanted.every((t) => c.tags.includes(t)));
    if (args.flags.has('json')) {
      out.json({
        store: storeDir,
        signatures: groupBySignature(crashes).map((g) => signatureJson(g, contents.signatureTags.get(g.signature.id) ?? [])),
        crashes: crashes.map((c) => crashJson(c)),
        unreadable: contents.unreadable,
      });
    } else {
      printCrashes(contents, crashes, storeDir, out);
    }
    return 0;
  });
}
