// The files of a dump store that may be dumps: everything but the containers' binaries and logs the
// store keeps beside them, the sidecars, partial downloads and the catalog's own database; and the
// death records (deathRecord.ts), told apart by their folder. Only names and sizes here (a stat per
// file); what a file holds is sniffed later, and only for files not indexed.

import { promises as fs } from 'fs';
import * as path from 'path';
import { PARTIAL_SUFFIX } from '../sources/atomicFile';
import { DEATHS_FOLDER } from '../sources/deathRecord';
import { BUILD_ID_FOLDER, FILES_FOLDER, SIDECAR_SUFFIX, SYSROOT_FOLDER } from '../sources/dumpStore';
import { MIN_DUMP_SIZE, NEVER_DUMPS, SKIPPED_FOLDERS } from '../sources/local/findDumps';
import { LOGS_FOLDER } from '../sources/storedLog';
import { CATALOG_FILE } from './crashCatalog';
import type { FileStamp } from './indexedDump';

const NOT_DUMP_FOLDERS = new Set([SYSROOT_FOLDER, BUILD_ID_FOLDER, FILES_FOLDER, LOGS_FOLDER]);
/** The store mirrors paths inside containers (`docker/<container>/var/crash/app/core`): deep enough for those. */
const MAX_DEPTH = 16;

function isCandidate(name: string): boolean {
  return !name.endsWith(SIDECAR_SUFFIX) && !name.endsWith(PARTIAL_SUFFIX) && !name.startsWith(CATALOG_FILE) && !NEVER_DUMPS.test(name);
}

async function walk(folder: string, depth: number, found: FileStamp[], signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted();
  const entries = await fs.readdir(folder, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (depth < MAX_DEPTH && !SKIPPED_FOLDERS.has(entry.name) && !(depth === 0 && NOT_DUMP_FOLDERS.has(entry.name))) await walk(full, depth + 1, found, signal);
    } else if (entry.isFile() && isCandidate(entry.name)) {
      const stat = await fs.stat(full).catch(() => undefined);
      if (stat !== undefined && stat.size >= MIN_DUMP_SIZE) found.push({ path: full, size: stat.size, mtimeMs: stat.mtimeMs });
    }
  }
}

/** Whether a store file is a death record rather than a dump. */
export function isDeathRecord(storeDir: string, file: string): boolean {
  return path.relative(storeDir, file).split(path.sep)[0] === DEATHS_FOLDER && file.endsWith('.json');
}

/** Every file of the store that may be a dump or is a death record, in path order. */
export async function storeFiles(storeDir: string, signal?: AbortSignal): Promise<FileStamp[]> {
  const found: FileStamp[] = [];
  await walk(storeDir, 0, found, signal);
  return found.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
