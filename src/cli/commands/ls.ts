// `salvage ls [DIR]... [--docker] [--context NAME]... [--all-contexts] [--host] [--depth N] [--json]`:
// the dumps every registered source finds — local folders by content, Docker containers running or
// stopped, the cores this host's crash handler caught (with any Docker flag, or --host) — the same
// listing the Dumps view shows. Without DIR and without a Docker or host flag it lists the current
// folder.

import { formatBytes } from '../../engine/format';
import { type Dump, type DumpPlace, dumpsOf, type SourceListing } from '../../sources/dump';
import type { ListSettings } from '../../sources/dumpSource';
import { dumpSources } from '../../sources/dumpSources';
import { joinListings } from '../../sources/joinedListings';
import { defaultStoreDir } from '../../sources/dumpStore';
import { dockerEndpointsArg, parseArgs, UsageError } from '../args';
import type { Output } from '../output';

const USAGE = 'usage: salvage ls [DIR]... [--docker] [--context NAME]... [--all-contexts] [--host] [--depth N] [--json]';

function settingsOf(argv: string[]): { settings: ListSettings; json: boolean } {
  const args = parseArgs(argv, { flags: ['json', 'docker', 'all-contexts', 'host'], options: ['context', 'depth'] });
  const depth = Number(args.options.get('depth')?.at(-1) ?? 3);
  if (!Number.isInteger(depth) || depth < 0 || depth > 16) throw new UsageError(`--depth wants a whole number from 0 to 16\n${USAGE}`);
  const docker = dockerEndpointsArg(args);
  const hostStore = args.flags.has('host');
  const folders = args.positionals.length === 0 && docker === 'off' && !hostStore ? ['.'] : args.positionals;
  return { settings: { folders: folders.map((folder) => ({ folder, label: folder })), depth, docker, hostStore, storeDir: defaultStoreDir() }, json: args.flags.has('json') };
}

/** One dump in `salvage ls --json` (documented in the README): its facts under its source's name. */
function jsonItem(d: Dump): Record<string, unknown> {
  return { location: d.location, source: d.source, kind: d.kind, ...(d.compression === undefined ? {} : { compression: d.compression }), size: d.size, mtime: new Date(d.mtimeMs).toISOString(), ...(d.facts === undefined ? {} : { [d.source]: d.facts }) };
}

function dumpLine(d: Dump, indent: string): string {
  const kind = d.compression === undefined ? d.kind : `${d.kind} (${d.compression})`;
  return `${indent}${kind.padEnd(12)} ${formatBytes(d.size).padStart(10)}  ${new Date(d.mtimeMs).toISOString().slice(0, 16).replace('T', ' ')}  ${d.location}`;
}

function printPlace(place: DumpPlace, indent: string, out: Output): void {
  const empty = place.dumps.length === 0 && place.places.length === 0 && place.error === undefined;
  out.line(`${indent}${place.label}${place.description === undefined ? '' : `  ${place.description}`}${empty && place.empty !== undefined ? `: ${place.empty}` : ''}`);
  for (const d of place.dumps) out.line(dumpLine(d, `${indent}    `));
  if (place.error !== undefined) out.line(`${indent}    ${place.error}`);
  for (const p of place.places) printPlace(p, `${indent}  `, out);
}

/** Places that could not be read, depth first (a container whose layer is gone). */
function unreadable(places: readonly DumpPlace[]): DumpPlace[] {
  return places.flatMap((p) => [...(p.error !== undefined && p.facts !== undefined ? [p] : []), ...unreadable(p.places)]);
}

export async function lsCommand(argv: string[], out: Output): Promise<number> {
  const { settings, json } = settingsOf(argv);
  const listers = dumpSources().flatMap((s) => s.lister(settings) ?? []);
  const listings: SourceListing[] = joinListings(await Promise.all(listers.map((l) => l.list())));
  const errors = listings.flatMap((l) => l.errors);
  const places = listings.flatMap((l) => l.places);
  if (json) {
    // An endpoint that could not be reached is already among the listing's errors.
    const broken = unreadable(places)
      .filter((p) => !errors.some((e) => e.place === p.id))
      .map((p) => ({ ...p.facts, message: p.error }));
    out.json({ dumps: dumpsOf(places).map(jsonItem), errors: [...errors.map((e) => ({ ...e.facts, message: e.message })), ...broken] });
  } else {
    // A place that could not be listed at all is said once, on stderr, not also as an empty place.
    const failed = new Set(errors.map((e) => e.place));
    for (const place of places) if (!failed.has(place.id)) printPlace(place, '', out);
  }
  for (const e of errors) out.error(e.message);
  return errors.length > 0 ? 1 : 0;
}
