// How a loaded file of a core looks in the Modules view: pure functions from the adapter's data to
// labels, icons and tooltips, kept free of the vscode API so they are unit-tested directly.

import * as path from 'path';
import type { DumpModule, DumpModuleStatus } from '../../engine/core/targetExtras';

/** Codicon and theme colour per status: missing and mismatched files are what the user must act on. */
export const STATUS_ICONS: Record<DumpModuleStatus, { icon: string; color?: string }> = {
  found: { icon: 'pass' },
  unverified: { icon: 'question', color: 'list.warningForeground' },
  missing: { icon: 'error', color: 'list.errorForeground' },
  mismatched: { icon: 'warning', color: 'list.warningForeground' },
};

const STATUS_WORDS: Record<DumpModuleStatus, string> = {
  found: 'found',
  unverified: 'found, build-id not verified',
  missing: 'missing',
  mismatched: 'wrong build-id',
};

export function moduleLabel(module: DumpModule): string {
  return path.basename(module.path) || module.path;
}

/** "found · 9f3e1c2a" — the status, then the first 8 hex digits of the build-id. */
export function moduleDescription(module: DumpModule): string {
  const id = module.buildId === undefined ? 'no build-id' : module.buildId.slice(0, 8);
  return `${STATUS_WORDS[module.status]} · ${id}`;
}

/** The expandable details of a module, one line each. */
export function moduleDetails(module: DumpModule): Array<{ label: string; value: string }> {
  const lines = [
    { label: 'recorded path', value: module.path },
    { label: 'address range', value: `${module.start}–${module.end}` },
    { label: 'build-id', value: module.buildId ?? 'none recorded' },
    { label: 'file used', value: module.file ?? 'none' },
    { label: 'debug file', value: module.debugFile ?? 'none' },
  ];
  return [...lines, ...module.problems.map((p) => ({ label: 'problem', value: p }))];
}

/** Markdown for the tooltip: status in words, then every detail. */
export function moduleTooltip(module: DumpModule): string {
  const details = moduleDetails(module).map((d) => `- **${d.label}**: \`${d.value}\``);
  return [`**${moduleLabel(module)}** — ${STATUS_WORDS[module.status]}`, '', ...details].join('\n');
}

/** Missing and mismatched first (they need attention), then by name. */
export function sortModules(modules: DumpModule[]): DumpModule[] {
  const rank: Record<DumpModuleStatus, number> = { mismatched: 0, missing: 1, unverified: 2, found: 3 };
  return [...modules].sort((a, b) => rank[a.status] - rank[b.status] || moduleLabel(a).localeCompare(moduleLabel(b)));
}
