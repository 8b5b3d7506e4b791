// Brings a store's catalog up to date with its files (dumps and death records): new and changed files are sniffed and
// analysed (one transaction each, so work done survives the indexer being killed), vanished ones
// are forgotten, unchanged ones cost a stat. A rebuild forgets every file first and analyses all.

import type { DumpKind } from '../engine/crash';
import { sniffDumpFile } from '../sources/local/findDumps';
import type { CrashCatalog } from './crashCatalog';
import { indexDeath, indexDump, type FileStamp, type IndexedDump } from './indexedDump';
import { isDeathRecord, storeFiles } from './storeFiles';

export interface IndexProgress {
  /** Files analysed so far, of those that needed it. */
  done: number;
  total: number;
  /** The file being analysed now. */
  file?: string;
}

export interface IndexOptions {
  rebuild?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: IndexProgress) => void;
}

export interface IndexSummary {
  /** Files analysed in this run (new or changed). */
  indexed: number;
  unchanged: number;
  /** Files the catalog had that are gone. */
  removed: number;
  /** Of those analysed, the ones that could not be read. */
  unreadable: number;
  elapsedMs: number;
}

function sameStamp(a: FileStamp, b: FileStamp | undefined): boolean {
  return b !== undefined && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

/** The kind of dump a file is when the catalog can index it: plain dumps (a compressed one is indexed as its decompressed copy, once made). */
async function indexableKind(file: string): Promise<Exclude<DumpKind, 'unknown'> | undefined> {
  const sniffed = await sniffDumpFile(file).catch(() => undefined);
  return sniffed === undefined || sniffed.kind === 'unknown' || sniffed.compression !== undefined ? undefined : sniffed.kind;
}

export async function indexStore(catalog: CrashCatalog, storeDir: string, options: IndexOptions = {}): Promise<IndexSummary> {
  const started = Date.now();
  if (options.rebuild === true) catalog.clearIndex();
  const known = catalog.stamps();
  const files = await storeFiles(storeDir, options.signal);
  const present = new Set(files.map((f) => f.path));
  const gone = [...known.keys()].filter((p) => !present.has(p));
  catalog.removeDumps(gone);
  const todo = files.filter((f) => !sameStamp(f, known.get(f.path)));
  let indexed = 0;
  let unreadable = 0;
  for (const [done, file] of todo.entries()) {
    options.signal?.throwIfAborted();
    options.onProgress?.({ done, total: todo.length, file: file.path });
    let dump: IndexedDump;
    if (isDeathRecord(storeDir, file.path)) dump = await indexDeath(file, options.signal);
    else {
      const kind = await indexableKind(file.path);
      if (kind === undefined) continue;
      dump = await indexDump(file, kind, storeDir, options.signal);
    }
    catalog.putDump(dump);
    indexed++;
    if (dump.error !== null) unreadable++;
  }
  options.onProgress?.({ done: todo.length, total: todo.length });
  return { indexed, unchanged: files.length - todo.length, removed: gone.length, unreadable, elapsedMs: Date.now() - started };
}
