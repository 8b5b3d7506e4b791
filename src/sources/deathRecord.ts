// A container's death that the store keeps as a file of its own, beside the dumps copied out of the
// container: `<store>/deaths/<name>-<id12>/<time>.json`. Many deaths leave no dump at all (an OOM
// kill, a crash with core dumps off), and a container's state only remembers its last one; the
// file is what lets the catalog count those deaths, and rebuild them, after the container is gone.

import { promises as fs } from 'fs';
import * as path from 'path';
import { writeAtomically } from './atomicFile';
import { containerFolderName, type DumpMetadata } from './dumpStore';

export const DEATHS_FOLDER = 'deaths';
const DEATH_RECORD_VERSION = 1;

export interface DeathRecord {
  salvageDeath: number;
  endpoint: DumpMetadata['endpoint'];
  /** The container as it was when the death was collected. */
  container: DumpMetadata['container'];
  /** When the process died (ISO, milliseconds). */
  diedAt: string;
  exitCode: number;
  signal: string | null;
  oomKilled: boolean;
}

export function deathFolder(storeDir: string, container: { id: string; name: string }): string {
  return path.join(storeDir, DEATHS_FOLDER, containerFolderName(container));
}

/** The record's file: named by the death's time, so collecting the same death twice writes one file. */
export function deathRecordPath(storeDir: string, container: { id: string; name: string }, diedAtMs: number): string {
  return path.join(deathFolder(storeDir, container), `${new Date(diedAtMs).toISOString().replace(/:/g, '-')}.json`);
}

/** Times of the deaths already recorded for the container. */
export async function recordedDeaths(storeDir: string, container: { id: string; name: string }): Promise<number[]> {
  const names = await fs.readdir(deathFolder(storeDir, container)).catch(() => [] as string[]);
  return names.map((n) => Date.parse(n.replace(/\.json$/, '').replace(/T(\d\d)-(\d\d)-/, 'T$1:$2:'))).filter((ms) => Number.isFinite(ms));
}

export async function writeDeathRecord(storeDir: string, record: Omit<DeathRecord, 'salvageDeath'>): Promise<string> {
  const file = deathRecordPath(storeDir, record.container, Date.parse(record.diedAt));
  await fs.mkdir(path.dirname(file), { recursive: true });
  const full: DeathRecord = { salvageDeath: DEATH_RECORD_VERSION, ...record };
  await writeAtomically(file, (out) => out.write(Buffer.from(`${JSON.stringify(full, null, 2)}\n`)));
  return file;
}

/** The record in `file`, or a one-line reason it is not one. */
export async function readDeathRecord(file: string): Promise<DeathRecord> {
  const text = await fs.readFile(file, 'utf8');
  let record: DeathRecord;
  try {
    record = JSON.parse(text) as DeathRecord;
  } catch (error) {
    throw new Error(`${file}: not a death record: ${(error as Error).message}`);
  }
  if (record.salvageDeath !== DEATH_RECORD_VERSION || typeof record.container?.id !== 'string' || !Number.isFinite(Date.parse(record.diedAt))) throw new Error(`${file}: not a death record of version ${DEATH_RECORD_VERSION}`);
  return record;
}
