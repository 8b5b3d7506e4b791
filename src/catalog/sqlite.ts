// The catalog's database is SQLite through node:sqlite, the copy built into Node (≥ 22.13 without a
// flag) and into the Electron that runs VS Code: no native addon to build per platform and per
// Electron ABI, and SQLite's own locking and write-ahead log, so an index survives its indexer
// being killed and two VS Code windows writing to it at once (a WebAssembly SQLite has neither: it
// writes the whole file back from memory). On an older Node the catalog refuses in one line.

import { DumpError } from '../engine/dumpError';

/** The part of node:sqlite's StatementSync the catalog uses (@types/node 20 has no node:sqlite). */
export interface Statement {
  run(...parameters: SqlValue[]): { changes: number | bigint; lastInsertRowid: number | bigint };
  get(...parameters: SqlValue[]): Row | undefined;
  all(...parameters: SqlValue[]): Row[];
}

export type SqlValue = string | number | bigint | null | Uint8Array;
export type Row = Record<string, SqlValue>;

/** The part of node:sqlite's DatabaseSync the catalog uses. */
export interface Database {
  exec(sql: string): void;
  prepare(sql: string): Statement;
  close(): void;
}

interface SqliteModule {
  DatabaseSync: new (file: string, options?: { timeout?: number }) => Database;
}

/** How long a writer waits for another window's transaction before giving up. */
const BUSY_TIMEOUT_MS = 15_000;

export class CatalogUnavailableError extends Error {}

function loadSqlite(): SqliteModule {
  // Node 22 calls node:sqlite experimental as it loads it: a warning on every CLI run, about us, not the user's dump.
  // Put back as it was, unbound, after the load.
  // eslint-disable-next-line @typescript-eslint/unbound-method
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: never[]) => {
    if (!String(typeof warning === 'string' ? warning : warning.message).startsWith('SQLite is an experimental')) emitWarning.call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    // A plain require: the bundler must leave it to the runtime, which may not have it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('node:sqlite') as SqliteModule;
  } catch {
    throw new CatalogUnavailableError(`the crash catalog needs SQLite from Node.js 22.13 or later (node:sqlite); this is Node.js ${process.version}`);
  } finally {
    process.emitWarning = emitWarning;
  }
}

/** Opens (creating) the database file, in write-ahead-log mode, waiting on other writers' locks. */
export function openDatabase(file: string): Database {
  const { DatabaseSync } = loadSqlite();
  let db: Database;
  try {
    db = new DatabaseSync(file, { timeout: BUSY_TIMEOUT_MS });
  } catch (error) {
    throw new DumpError(file, `the crash catalog cannot be opened: ${(error as Error).message}`);
  }
  try {
    db.exec(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.exec('PRAGMA journal_mode = WAL');
    // In WAL mode NORMAL loses at most the last transactions on a power cut, never consistency.
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA foreign_keys = ON');
  } catch (error) {
    db.close();
    throw new DumpError(file, `not a crash catalog Salvage can use: ${(error as Error).message}`);
  }
  return db;
}

/** Runs `work` in one write transaction, taken at once so two writers never deadlock upgrading. */
export function inTransaction<T>(db: Database, work: () => T): T {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
}
