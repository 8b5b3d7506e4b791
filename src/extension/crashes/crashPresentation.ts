// How a signature, a crash and a crash's dump read in the Crashes view: labels, one-line
// descriptions (count, the sparkline of the last days, tags as #badges) and tooltips.

import * as path from 'path';
import type { CatalogCrash } from '../../catalog/crashCatalog';
import type { IndexedDump } from '../../catalog/indexedDump';
import type { SignatureGroup } from '../../catalog/signatureGroups';
import { formatAge, formatBytes } from '../../engine/format';
import { sparkline } from '../../engine/sparkline';
import { exitStatusText } from '../../sources/docker/exitStatus';

/** The sparkline spans the last two weeks, a bar a day and a bit: long enough to see a deploy's effect. */
const SPARK_SPAN_MS = 14 * 24 * 3_600_000;

export const badges = (tags: readonly string[]): string => tags.map((t) => `#${t}`).join(' ');

/** The count, then what broke and where first: the sidebar is narrow, the whole signature is in the tooltip. */
export function signatureLabel(g: SignatureGroup): string {
  const head = g.signature.frames.length === 0 ? g.signature.text : g.signature.text.slice(0, g.signature.text.length - g.signature.frames.slice(1).reduce((n, f) => n + f.length + 3, 0));
  return `${g.count}× ${head}`;
}

export function signatureDescription(g: SignatureGroup, crashes: readonly CatalogCrash[], tags: readonly string[], nowMs: number): string {
  const times = crashes.map((c) => c.diedAtMs);
  const parts = [sparkline(times, nowMs - SPARK_SPAN_MS, nowMs), formatAge(g.lastSeenMs, nowMs)];
  if (tags.length > 0) parts.push(badges(tags));
  return parts.join('  ');
}

export function signatureTooltip(g: SignatureGroup, tags: readonly string[]): string[] {
  const lines = [`**${g.signature.text}**`, '', `- ${g.count} crash${g.count === 1 ? '' : 'es'}, first ${new Date(g.firstSeenMs).toISOString()}, last ${new Date(g.lastSeenMs).toISOString()}`];
  const facts: Array<[string, string[]]> = [
    ['images', g.images],
    ['Node.js', g.nodeVersions],
    ['services', g.services],
    ['containers', g.containers],
    ['hosts', g.hosts],
  ];
  for (const [name, values] of facts) if (values.length > 0) lines.push(`- ${name}: ${values.map((v) => `\`${v}\``).join(', ')}`);
  if (tags.length > 0) lines.push(`- tags: ${badges(tags)}`);
  lines.push(`- signature id \`${g.signature.id}\``);
  return lines;
}

/** When, then where: a container, else the host the report names (a core alone does not say). */
export function crashLabel(c: CatalogCrash, nowMs: number): string {
  const where = c.container?.name ?? c.host;
  return where === null ? formatAge(c.diedAtMs, nowMs) : `${formatAge(c.diedAtMs, nowMs)} · ${where}`;
}

export function crashDescription(c: CatalogCrash): string {
  const ended = c.death?.death === undefined ? '' : exitStatusText('exit', c.death.death.exitCode, c.death.death.oomKilled);
  const parts = [c.pid === null ? '' : `pid ${c.pid}`, c.dumps.length === 0 ? 'no dump' : c.dumps.map((d) => d.kind).join(' + '), ended, badges(c.tags)];
  return parts.filter((p) => p !== '').join('  ');
}

export function crashTooltip(c: CatalogCrash): string[] {
  const lines = [`**${c.description ?? c.signature.text}**`, '', `- crash \`${c.id}\`, died ${new Date(c.diedAtMs).toISOString()}${c.pid === null ? '' : `, pid ${c.pid}`}`];
  if (c.nodeVersion !== null) lines.push(`- Node.js ${c.nodeVersion}`);
  const k = c.container;
  if (k !== null) {
    lines.push(`- container \`${k.name}\` of \`${k.image}\`${k.service === null ? '' : `, service \`${k.service}\``}`);
    const restarts = k.restartCount === null || k.restartCount === 0 ? '' : `, restarted ${k.restartCount}× by its policy`;
    lines.push(`- exit ${k.exitCode ?? 'unknown'}${k.oomKilled ? ', OOM-killed' : ''} (${c.death === null ? 'when the dump was copied' : 'this death'})${restarts}`);
  }
  for (const n of c.notes) lines.push(`- note${'signature' in n.on ? ' (on the signature)' : ''}: ${n.text}`);
  lines.push('', c.dumps.length === 0 ? 'This death left no dump: click for its last log lines.' : 'Click to debug every dump of this crash in one session.');
  return lines;
}

export function dumpLabel(d: IndexedDump): string {
  return d.kind === 'death' ? (d.description ?? 'death') : path.basename(d.path);
}

export function dumpDescription(d: IndexedDump, nowMs: number): string {
  return d.kind === 'death' ? `the container's record  ${formatAge(d.diedAtMs, nowMs)}` : `${d.kind}  ${formatBytes(d.size)}  ${formatAge(d.diedAtMs, nowMs)}`;
}
