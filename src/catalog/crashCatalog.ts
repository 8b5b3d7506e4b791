// The crash catalog of one dump store: `<store>/catalog.sqlite`. The indexer records each dump file
// in its own transaction (so an indexer killed mid-way loses only the file it was on, and a second
// window indexing the same store at the same time only repeats work); the crashes are regrouped
// from the dumps whenever a reader finds them older than the dumps. Tags and notes are on content:
// a crash's tags are those of its dumps (by SHA-256) and of its signature.

import * as fs from 'fs';
import * as path from 'path';
import type { CrashSignature } from '../engine/signature/crashSignature';
import { type CrashRecord, groupCrashes } from './crashGrouping';
import { DERIVED_TABLES, SCHEMA, SCHEMA_VERSION } from './catalogSchema';
import type { FileStamp, IndexedDump } from './indexedDump';
import { type Database, inTransaction, openDatabase, type Row } from './sqlite';

export const CATALOG_FILE = 'catalog.sqlite';

export interface CatalogNote {
  id: number;
  text: string;
  createdAtMs: number;
  /** The crash or signature the note was written on. */
  on: { crash: string } | { signature: string };
}

export interface CatalogCrash extends CrashRecord {
  tags: string[];
  notes: CatalogNote[];
}

export interface UnreadableDump {
  path: string;
  kind: string;
  error: string;
}

export interface CatalogContents {
  crashes: CatalogCrash[];
  /** Tags and notes written on whole signatures, by signature id. */
  signatureTags: Map<string, string[]>;
  unreadable: UnreadableDump[];
}

/** What a crash or a signature id typed by the user resolved to. */
export type CatalogSubject = { crash: CatalogCrash } | { signature: CrashSignature; crashes: CatalogCrash[] };

export class CatalogLookupError extends Error {}

/** A crash row's facts: the CrashRecord with its dumps' paths, in the grouping's order, for its dumps (its death record's rejoins by kind). */
type StoredCrash = Omit<CrashRecord, 'dumps' | 'death'> & { dumpPaths: string[] };

const dumpSubject = (sha256: string) => `dump:${sha256}`;
const signatureSubject = (id: string) => `signature:${id}`;

function text(row: Row, column: string): string {
  return String(row[column]);
}

export class CrashCatalog {
  private constructor(
    readonly file: string,
    private readonly db: Database,
  ) {}

  /** Opens the catalog of the store in `storeDir`, creating both when they do not exist. */
  static open(storeDir: string): CrashCatalog {
    fs.mkdirSync(storeDir, { recursive: true, mode: 0o700 });
    const file = path.join(storeDir, CATALOG_FILE);
    const db = openDatabase(file);
    try {
      inTransaction(db, () => {
        const version = Number(db.prepare('PRAGMA user_version').get()?.user_version ?? 0);
        if (version !== 0 && version !== SCHEMA_VERSION) for (const table of DERIVED_TABLES) db.exec(`DROP TABLE IF EXISTS ${table}`);
        db.exec(SCHEMA);
        db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
      });
    } catch (error) {
      db.close();
      throw error;
    }
    return new CrashCatalog(file, db);
  }

  close(): void {
    this.db.close();
  }

  /** Size and time of every file indexed, by path. */
  stamps(): Map<string, FileStamp> {
    const rows = this.db.prepare('SELECT path, size, mtime_ms FROM dumps').all();
    return new Map(rows.map((r) => [text(r, 'path'), { path: text(r, 'path'), size: Number(r.size), mtimeMs: Number(r.mtime_ms) }]));
  }

  private bumpGeneration(): void {
    this.db.prepare("UPDATE state SET value = value + 1 WHERE key = 'dumps_generation'").run();
  }

  putDump(dump: IndexedDump): void {
    inTransaction(this.db, () => {
      this.db.prepare('INSERT OR REPLACE INTO dumps (path, size, mtime_ms, sha256, kind, error, crash_id, facts) VALUES (?, ?, ?, ?, ?, ?, NULL, ?)').run(dump.path, dump.size, dump.mtimeMs, dump.sha256, dump.kind, dump.error, JSON.stringify(dump));
      this.bumpGeneration();
    });
  }

  removeDumps(paths: readonly string[]): void {
    if (paths.length === 0) return;
    inTransaction(this.db, () => {
      const remove = this.db.prepare('DELETE FROM dumps WHERE path = ?');
      for (const p of paths) remove.run(p);
      this.bumpGeneration();
    });
  }

  /** Forgets everything derived from the files (for a rebuild); tags and notes stay. */
  clearIndex(): void {
    inTransaction(this.db, () => {
      for (const table of DERIVED_TABLES) this.db.exec(`DELETE FROM ${table}`);
      this.bumpGeneration();
    });
  }

  private generation(key: string): number {
    return Number(this.db.prepare('SELECT value FROM state WHERE key = ?').get(key)?.value ?? 0);
  }

  /** Regroups the crashes from the dumps when a dump changed since they were last grouped. */
  private regroupIfStale(): void {
    if (this.generation('dumps_generation') === this.generation('grouped_generation')) return;
    inTransaction(this.db, () => {
      const generation = this.generation('dumps_generation');
      if (generation === this.generation('grouped_generation')) return;
      const dumps = this.db
        .prepare('SELECT facts FROM dumps WHERE error IS NULL')
        .all()
        .map((r) => JSON.parse(text(r, 'facts')) as IndexedDump);
      const crashes = groupCrashes(dumps);
      this.db.exec('UPDATE dumps SET crash_id = NULL; DELETE FROM crashes; DELETE FROM signatures');
      const putSignature = this.db.prepare('INSERT OR IGNORE INTO signatures (id, text, frames) VALUES (?, ?, ?)');
      const putCrash = this.db.prepare('INSERT INTO crashes (id, signature_id, died_at_ms, facts) VALUES (?, ?, ?, ?)');
      const link = this.db.prepare('UPDATE dumps SET crash_id = ? WHERE path = ?');
      for (const crash of crashes) {
        putSignature.run(crash.signature.id, crash.signature.text, JSON.stringify(crash.signature.frames));
        const { dumps: members, death, ...facts } = crash;
        const stored: StoredCrash = { ...facts, dumpPaths: members.map((d) => d.path) };
        putCrash.run(crash.id, crash.signature.id, crash.diedAtMs, JSON.stringify(stored));
        for (const d of death === null ? members : [...members, death]) link.run(crash.id, d.path);
      }
      this.db.prepare("UPDATE state SET value = ? WHERE key = 'grouped_generation'").run(generation);
    });
  }

  private tagsBySubject(): Map<string, string[]> {
    const tags = new Map<string, string[]>();
    for (const row of this.db.prepare('SELECT subject, tag FROM tags ORDER BY tag').all()) {
      const list = tags.get(text(row, 'subject'));
      if (list === undefined) tags.set(text(row, 'subject'), [text(row, 'tag')]);
      else list.push(text(row, 'tag'));
    }
    return tags;
  }

  private notesBySubject(): Map<string, Array<{ id: number; text: string; createdAtMs: number }>> {
    const notes = new Map<string, Array<{ id: number; text: string; createdAtMs: number }>>();
    for (const row of this.db.prepare('SELECT id, subject, text, created_at_ms FROM notes ORDER BY created_at_ms, id').all()) {
      const note = { id: Number(row.id), text: text(row, 'text'), createdAtMs: Number(row.created_at_ms) };
      const list = notes.get(text(row, 'subject'));
      if (list === undefined) notes.set(text(row, 'subject'), [note]);
      else list.push(note);
    }
    return notes;
  }

  /** Every crash, newest first, with its dumps, tags and notes; and the dumps that could not be read. */
  contents(): CatalogContents {
    this.regroupIfStale();
    const dumpsByCrash = new Map<string, IndexedDump[]>();
    const unreadable: UnreadableDump[] = [];
    for (const row of this.db.prepare('SELECT crash_id, error, facts FROM dumps').all()) {
      const dump = JSON.parse(text(row, 'facts')) as IndexedDump;
      if (row.error !== null) unreadable.push({ path: dump.path, kind: dump.kind, error: text(row, 'error') });
      if (row.crash_id === null) continue;
      const list = dumpsByCrash.get(text(row, 'crash_id'));
      if (list === undefined) dumpsByCrash.set(text(row, 'crash_id'), [dump]);
      else list.push(dump);
    }
    const tags = this.tagsBySubject();
    const notes = this.notesBySubject();
    const crashes = this.db
      .prepare('SELECT c.id, c.facts, s.text, s.frames FROM crashes c JOIN signatures s ON s.id = c.signature_id ORDER BY c.died_at_ms DESC, c.id')
      .all()
      .map((row): CatalogCrash => {
        const { dumpPaths, ...facts } = JSON.parse(text(row, 'facts')) as StoredCrash;
        const signature = { ...facts.signature, text: text(row, 'text'), frames: JSON.parse(text(row, 'frames')) as string[] };
        const rows = dumpsByCrash.get(facts.id) ?? [];
        // In the grouping's order: the lead dump first.
        const members = rows.filter((d) => d.kind !== 'death').sort((a, b) => dumpPaths.indexOf(a.path) - dumpPaths.indexOf(b.path));
        const death = rows.find((d) => d.kind === 'death') ?? null;
        const subjects = [...[...members, ...(death === null ? [] : [death])].map((d) => dumpSubject(d.sha256)), signatureSubject(signature.id)];
        return {
          ...facts,
          signature,
          dumps: members,
          death,
          tags: [...new Set(subjects.flatMap((s) => tags.get(s) ?? []))].sort(),
          notes: subjects.flatMap((s) => (notes.get(s) ?? []).map((n) => ({ ...n, on: s.startsWith('signature:') ? { signature: signature.id } : { crash: facts.id } }))).sort((a, b) => a.createdAtMs - b.createdAtMs || a.id - b.id),
        };
      });
    const signatureTags = new Map<string, string[]>();
    for (const [subject, list] of tags) if (subject.startsWith('signature:')) signatureTags.set(subject.slice('signature:'.length), list);
    return { crashes, signatureTags, unreadable };
  }

  /** The crash or signature an id (or an unambiguous prefix of one) names. */
  resolve(id: string, contents = this.contents()): CatalogSubject {
    const wanted = id.trim().toLowerCase();
    if (!/^[0-9a-f]{4,16}$/.test(wanted)) throw new CatalogLookupError(`"${id}" is not a crash or signature id (4 to 16 hex digits)`);
    const crashes = contents.crashes.filter((c) => c.id.startsWith(wanted));
    const signatures = [...new Map(contents.crashes.filter((c) => c.signature.id.startsWith(wanted)).map((c) => [c.signature.id, c.signature])).values()];
    if (crashes.length + signatures.length > 1) throw new CatalogLookupError(`"${id}" names ${crashes.length + signatures.length} crashes and signatures: give more digits`);
    if (crashes.length === 1) return { crash: crashes[0] };
    if (signatures.length === 1) return { signature: signatures[0], crashes: contents.crashes.filter((c) => c.signature.id === signatures[0].id) };
    throw new CatalogLookupError(`no crash or signature in ${this.file} has the id "${id}"`);
  }

  private subjectsOf(subject: CatalogSubject): string[] {
    if (!('crash' in subject)) return [signatureSubject(subject.signature.id)];
    const { dumps, death } = subject.crash;
    return [...dumps, ...(death === null ? [] : [death])].map((d) => dumpSubject(d.sha256));
  }

  /** Adds (or removes) tags on a crash — on each of its dumps, so the tag follows them — or on a signature. */
  tag(subject: CatalogSubject, tags: readonly string[], remove = false): void {
    inTransaction(this.db, () => {
      const statement = this.db.prepare(remove ? 'DELETE FROM tags WHERE subject = ? AND tag = ?' : 'INSERT OR IGNORE INTO tags (subject, tag) VALUES (?, ?)');
      for (const s of this.subjectsOf(subject)) for (const tag of tags) statement.run(s, tag);
    });
  }

  /** Writes a note on a crash (on its anchor dump, or its death record when it left no dump) or on a signature. */
  note(subject: CatalogSubject, note: string, nowMs = Date.now()): void {
    inTransaction(this.db, () => {
      this.db.prepare('INSERT INTO notes (subject, text, created_at_ms) VALUES (?, ?, ?)').run(this.subjectsOf(subject)[0], note, nowMs);
    });
  }
}
