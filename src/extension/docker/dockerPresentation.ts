// How containers and their dumps look in the Dumps view: pure functions from data to labels, icons
// and groups, kept free of the vscode API so they are unit-tested directly.

import * as path from 'path';
import { DUMP_KIND_LABELS } from '../../engine/dumpKind';
import { formatBytes } from '../../engine/format';
import type { ContainerDump } from '../../sources/docker/containerDumps';
import type { ExploredContainer } from '../../sources/docker/dockerExplorer';
import { exitStatus } from '../../sources/docker/exitStatus';
import { formatAge } from '../dumps/dumpPresentation';

export const COMPOSE_PROJECT_LABEL = 'com.docker.compose.project';

export interface IconSpec {
  /** Codicon id. */
  id: string;
  /** Theme color of the icon, when the state deserves one. */
  color?: 'errorForeground' | 'charts.yellow' | 'charts.green';
}

/** One icon per container state; a crash (non-zero exit, signal, OOM, dead) stands out in red. */
export function containerIcon(c: ExploredContainer['container']): IconSpec {
  const status = exitStatus(c);
  if (c.state === 'running') return { id: 'vm-running', color: 'charts.green' };
  if (c.state === 'paused') return { id: 'debug-pause', color: 'charts.yellow' };
  if (c.state === 'restarting') return { id: 'sync', color: 'charts.yellow' };
  if (c.state === 'created') return { id: 'vm-outline' };
  if (c.state === 'dead' || status.oomKilled || (status.exitCode ?? 0) !== 0) return { id: 'vm-outline', color: 'errorForeground' };
  return { id: 'vm-outline' };
}

/** Did it end badly? Such containers are listed even without dumps: their absence is news too. */
export function endedBadly(c: ExploredContainer['container']): boolean {
  const status = exitStatus(c);
  return c.state === 'dead' || status.oomKilled || (status.exitCode ?? 0) !== 0;
}

/** "exited 133 (SIGTRAP) · node-mini · 5 min ago" */
export function containerDescription(c: ExploredContainer['container'], nowMs: number): string {
  const parts = [exitStatus(c).text, c.image];
  const when = c.state === 'running' ? c.startedAtMs : (c.finishedAtMs ?? c.createdMs);
  if (when !== undefined && !Number.isNaN(when)) parts.push(formatAge(when, nowMs));
  return parts.join(' · ');
}

export function containerTooltipLines(explored: ExploredContainer): string[] {
  const c = explored.container;
  const status = exitStatus(c);
  const lines = [`**${c.name}** — ${status.text}`, '', `image \`${c.image}\`, id \`${c.id.slice(0, 12)}\``];
  if (c.finishedAtMs !== undefined) lines.push(`finished ${new Date(c.finishedAtMs).toISOString()}`);
  if (status.oomKilled) lines.push('killed by the kernel for using too much memory (OOMKilled)');
  if (c.error !== undefined) lines.push(`engine error: ${c.error}`);
  const project = c.labels[COMPOSE_PROJECT_LABEL];
  if (project !== undefined) lines.push(`compose project \`${project}\``);
  for (const note of explored.notes) lines.push(`- ${note}`);
  return lines;
}

export function dumpLabel(dump: ContainerDump): string {
  return path.posix.basename(dump.path);
}

/** "ELF core · 46.8 MiB · 3 min ago" */
export function containerDumpDescription(dump: ContainerDump, nowMs: number): string {
  return `${formatBytes(dump.size)} · ${formatAge(dump.mtimeMs, nowMs)}`;
}

const FOUND_BY: Record<ContainerDump['foundBy'], string> = {
  changes: 'a file added in the container',
  path: 'in a dump path (salvage.containerDumpPaths)',
  label: 'named by the salvage.dumps label',
  mount: 'in a volume or bind mount',
};

export function containerDumpTooltipLines(dump: ContainerDump, uri: string, downloadedTo: string | undefined): string[] {
  const lines = [`**${DUMP_KIND_LABELS[dump.kind]}** in the container`, '', `\`${uri}\``, '', `${formatBytes(dump.size)} (${dump.size} bytes), modified ${new Date(dump.mtimeMs).toISOString()}`, `found ${FOUND_BY[dump.foundBy]}`];
  if (downloadedTo !== undefined) lines.push(`downloaded to \`${downloadedTo}\``);
  return lines;
}

export interface ContainerGroups {
  /** Compose projects by name, sorted. */
  projects: Array<{ project: string; containers: ExploredContainer[] }>;
  /** Containers outside any compose project. */
  loose: ExploredContainer[];
}

/** Which containers the view lists (dumps, or a bad end), grouped by compose project; newest first. */
export function groupContainers(containers: readonly ExploredContainer[]): ContainerGroups {
  const shown = containers.filter((c) => c.dumps.length > 0 || endedBadly(c.container) || c.error !== undefined);
  const recent = (c: ExploredContainer) => c.container.finishedAtMs ?? c.container.startedAtMs ?? c.container.createdMs;
  shown.sort((a, b) => recent(b) - recent(a));
  const byProject = new Map<string, ExploredContainer[]>();
  const loose: ExploredContainer[] = [];
  for (const c of shown) {
    const project = c.container.labels[COMPOSE_PROJECT_LABEL];
    if (project === undefined) loose.push(c);
    else byProject.set(project, [...(byProject.get(project) ?? []), c]);
  }
  const projects = [...byProject.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([project, list]) => ({ project, containers: list }));
  return { projects, loose };
}
