// The catalog's tables. What is derived from the dump files (dumps, crashes, signatures) can be
// dropped and rebuilt from them at any time; what people wrote (tags, notes) is kept across
// rebuilds, tied to content — a dump's SHA-256, a signature's id — never to a row or a path.

/** PRAGMA user_version of the schema below; a catalog of another version is rebuilt, keeping tags and notes. */
export const SCHEMA_VERSION = 3;

export const DERIVED_TABLES = ['crashes', 'signatures', 'dumps'] as const;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS dumps (
  path TEXT PRIMARY KEY,
  size INTEGER NOT NULL,
  mtime_ms REAL NOT NULL,
  sha256 TEXT NOT NULL,
  kind TEXT NOT NULL,
  error TEXT,
  crash_id TEXT,
  -- The IndexedDump, as JSON: what the grouping reads back.
  facts TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS dumps_by_crash ON dumps (crash_id);
CREATE TABLE IF NOT EXISTS signatures (
  id TEXT PRIMARY KEY,
  text TEXT NOT NULL,
  frames TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS crashes (
  id TEXT PRIMARY KEY,
  signature_id TEXT NOT NULL REFERENCES signatures (id),
  died_at_ms REAL NOT NULL,
  -- The CrashRecord without its dumps, as JSON.
  facts TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS crashes_by_time ON crashes (died_at_ms);
CREATE TABLE IF NOT EXISTS tags (
  subject TEXT NOT NULL,
  tag TEXT NOT NULL,
  PRIMARY KEY (subject, tag)
);
CREATE TABLE IF NOT EXISTS notes (
  id INTEGER PRIMARY KEY,
  subject TEXT NOT NULL,
  text TEXT NOT NULL,
  created_at_ms REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS notes_by_subject ON notes (subject);
-- Every change to dumps bumps dumps_generation; the crashes are current when grouped_generation equals it.
CREATE TABLE IF NOT EXISTS state (
  key TEXT PRIMARY KEY,
  value INTEGER NOT NULL
);
INSERT OR IGNORE INTO state VALUES ('dumps_generation', 0), ('grouped_generation', 0);
`;
