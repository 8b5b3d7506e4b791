// How a dump looks in the Dumps view: pure functions from data to labels, kept free of the vscode
// API so they are unit-tested directly.

import type { DumpKind } from '../../engine/crash';
import { DUMP_KIND_LABELS } from '../../engine/dumpKind';
import { formatAge, formatBytes } from '../../engine/format';

/** Codicon per kind of dump. */
export const KIND_ICONS: Record<Exclude<DumpKind, 'unknown'>, string> = {
  report: 'report',
  core: 'chip',
  heapsnapshot: 'graph',
};

export function describeDump(size: number, mtimeMs: number, nowMs: number): string {
  return `${formatBytes(size)} · ${formatAge(mtimeMs, nowMs)}`;
}

/** Markdown lines for a dump's tooltip: kind, path, size, time, then any key facts. */
export function dumpTooltipLines(dump: { path: string; kind: Exclude<DumpKind, 'unknown'>; size: number; mtimeMs: number }, headline: string | undefined, facts: Record<string, string>): string[] {
  const lines = [`**${DUMP_KIND_LABELS[dump.kind]}**${headline === undefined ? '' : ` — ${headline}`}`, '', `\`${dump.path}\``, ''];
  lines.push(`${formatBytes(dump.size)} (${dump.size} bytes), modified ${new Date(dump.mtimeMs).toISOString()}`);
  for (const [name, value] of Object.entries(facts)) lines.push(`- ${name}: ${value}`);
  return lines;
}
