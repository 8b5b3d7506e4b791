// The catalog the crash verbs work on: the dump store's (`--store DIR`, else the default store),
// brought up to date with the store's files first unless `--cached` says to list what is indexed.

import * as path from 'path';
import { indexStore, type IndexSummary } from '../catalog/catalogIndexer';
import { CrashCatalog } from '../catalog/crashCatalog';
import { defaultStoreDir } from '../sources/dumpStore';
import type { ParsedArgs } from './args';

export const STORE_OPTIONS = { flags: ['cached'], options: ['store'] };
export const STORE_USAGE = '[--store DIR] [--cached]';

export function storeDirArg(args: ParsedArgs): string {
  return path.resolve(args.options.get('store')?.at(-1) ?? defaultStoreDir());
}

/** Progress (`what: done of total unit`), as one line on stderr rewritten in place, when stderr is a terminal. */
export function terminalProgress(what: string, unit = '', stream: NodeJS.WriteStream = process.stderr): ((p: { done: number; total: number }) => void) | undefined {
  if (!stream.isTTY) return undefined;
  return ({ done, total }) => stream.write(`\r${what}: ${done} of ${total}${unit}\u001b[K${done === total ? '\n' : ''}`);
}

export async function updateCatalog(catalog: CrashCatalog, storeDir: string, rebuild = false): Promise<IndexSummary> {
  return indexStore(catalog, storeDir, { rebuild, onProgress: terminalProgress('indexing the dump store') });
}

/** Opens the store's catalog (indexed first unless --cached), runs `use`, and closes it. */
export async function withStoreCatalog<T>(args: ParsedArgs, use: (catalog: CrashCatalog, storeDir: string) => Promise<T> | T): Promise<T> {
  const storeDir = storeDirArg(args);
  const catalog = CrashCatalog.open(storeDir);
  try {
    if (!args.flags.has('cached')) await updateCatalog(catalog, storeDir);
    return await use(catalog, storeDir);
  } finally {
    catalog.close();
  }
}
