// A container's log as the store keeps it: the engine's last lines (both streams, with their times)
// read when the container's dumps and deaths were collected, `<store>/logs/<name>-<id12>.json`. A
// removed container's log is gone from the engine; this copy is what a crash shows of it then.
// Each collection replaces the file: the engine's newer tail holds the older one's lines.

import { promises as fs } from 'fs';
import * as path from 'path';
import { writeAtomically } from './atomicFile';
import { containerFolderName } from './dumpStore';
import type { ContainerLogLine } from './docker/containerLogs';

export const LOGS_FOLDER = 'logs';
const STORED_LOG_VERSION = 1;

export interface StoredLog {
  salvageLog: number;
  container: { id: string; name: string; labels: Record<string, string> };
  collectedAt: string;
  /** Oldest first. */
  lines: ContainerLogLine[];
}

export function storedLogPath(storeDir: string, container: { id: string; name: string }): string {
  return path.join(storeDir, LOGS_FOLDER, `${containerFolderName(container)}.json`);
}

export async function writeStoredLog(storeDir: string, log: Omit<StoredLog, 'salvageLog'>): Promise<string> {
  const file = storedLogPath(storeDir, log.container);
  await fs.mkdir(path.dirname(file), { recursive: true });
  const full: StoredLog = { salvageLog: STORED_LOG_VERSION, ...log };
  await writeAtomically(file, (out) => out.write(Buffer.from(`${JSON.stringify(full)}\n`)));
  return file;
}

/** Every stored log of the store; files that are not one are passed over. */
export async function readStoredLogs(storeDir: string): Promise<StoredLog[]> {
  const folder = path.join(storeDir, LOGS_FOLDER);
  const names = await fs.readdir(folder).catch(() => [] as string[]);
  const logs: StoredLog[] = [];
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
    const log = await fs
      .readFile(path.join(folder, name), 'utf8')
      .then((text) => JSON.parse(text) as StoredLog)
      .catch(() => undefined);
    if (log?.salvageLog === STORED_LOG_VERSION && Array.isArray(log.lines)) logs.push(log);
  }
  return logs;
}
