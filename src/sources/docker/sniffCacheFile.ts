// Classifications of container files kept between runs, in the dump store (sniff-cache.json). Reading
// a file's head costs the engine one archive request (~45 ms of daemon CPU: it re-executes itself for
// each), a stat costs ~4 ms: so a later `salvage ls --docker` or VS Code session revalidates what it
// already classified with a stat instead of reading it again. Container ids are never reused, and
// an entry is only trusted while the file's size and time are unchanged.

import { promises as fs } from 'fs';
import * as path from 'path';
import { writeAtomically } from '../atomicFile';
import type { DumpKind } from '../../engine/crash';
import type { SniffCache } from './containerDumps';

const FILE = 'sniff-cache.json';
const VERSION = 1;
/** Entries kept at most; the oldest containers' entries go first. */
const MAX_ENTRIES = 20_000;

interface CacheFile {
  version: number;
  entries: Array<[string, { kind: string; size: number; mtimeMs: number }]>;
}

const KINDS: readonly string[] = ['core', 'heapsnapshot', 'report', 'unknown'] satisfies DumpKind[];

function isKind(kind: unknown): kind is DumpKind {
  return typeof kind === 'string' && KINDS.includes(kind);
}

export async function loadSniffCache(storeDir: string): Promise<SniffCache> {
  const cache: SniffCache = new Map();
  try {
    const file = JSON.parse(await fs.readFile(path.join(storeDir, FILE), 'utf8')) as CacheFile;
    if (file.version !== VERSION || !Array.isArray(file.entries)) return cache;
    for (const [key, value] of file.entries) {
      // A damaged or hand-edited file must not inject a kind the engine does not know.
      const kind: unknown = value?.kind;
      if (typeof key === 'string' && isKind(kind) && Number.isSafeInteger(value.size) && Number.isFinite(value.mtimeMs)) {
        cache.set(key, { kind, size: value.size, mtimeMs: value.mtimeMs });
      }
    }
  } catch {
    // No cache yet, or an unreadable one: start empty.
  }
  return cache;
}

/** Saves the cache (the newest MAX_ENTRIES entries: those of removed containers age out). */
export async function saveSniffCache(storeDir: string, cache: SniffCache): Promise<void> {
  const entries = [...cache.entries()].slice(-MAX_ENTRIES);
  await fs.mkdir(storeDir, { recursive: true });
  const body: CacheFile = { version: VERSION, entries };
  await writeAtomically(path.join(storeDir, FILE), (out) => out.write(Buffer.from(JSON.stringify(body))));
}
