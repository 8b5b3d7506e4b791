// Whether what a crash writes at a path inside a container outlives the container: a volume or a
// bind mount keeps it wherever the container goes; its own layer keeps it until the container is
// removed (`--rm` does that as it exits); a tmpfs loses it when the container stops.

import * as path from 'path';
import type { ContainerDetails, MountInfo } from '../docker/dockerClient';

export interface DumpFolder {
  /** The folder, absolute, inside the container. */
  folder: string;
  keptBy: 'volume' | 'bind' | 'tmpfs' | 'layer';
  mount?: MountInfo;
}

/** The innermost mount holding `folder`, as the kernel resolves it. */
function mountHolding(folder: string, mounts: readonly MountInfo[]): MountInfo | undefined {
  const within = (m: MountInfo) => folder === m.destination || folder.startsWith(m.destination.endsWith('/') ? m.destination : `${m.destination}/`);
  return mounts.filter(within).sort((a, b) => b.destination.length - a.destination.length)[0];
}

/** Where a path relative to the process's working directory (`core`, `./reports`) or absolute lands. */
export function dumpFolder(folderOrRelative: string, details: Pick<ContainerDetails, 'workingDir' | 'mounts'>): DumpFolder {
  const folder = path.posix.resolve(details.workingDir, folderOrRelative);
  const mount = mountHolding(folder, details.mounts);
  if (mount === undefined) return { folder, keptBy: 'layer' };
  const keptBy = mount.type === 'volume' ? 'volume' : mount.type === 'tmpfs' ? 'tmpfs' : 'bind';
  return { folder, keptBy, mount };
}

/** "the volume `data` at /dumps", "the container's own layer", … */
export function describeFolder(where: DumpFolder): string {
  if (where.keptBy === 'layer') return `${where.folder}, in the container's own layer`;
  const mount = where.mount as MountInfo;
  if (where.keptBy === 'volume') return `${where.folder}, on the volume \`${mount.source}\``;
  if (where.keptBy === 'bind') return `${where.folder}, on the host folder \`${mount.source}\``;
  return `${where.folder}, on a tmpfs`;
}
