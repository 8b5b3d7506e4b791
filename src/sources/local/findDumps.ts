// Finds dumps in local folders: walks each folder to a bounded depth and sniffs candidate files by
// their first bytes. Names never decide what a file is; they only prune what is certainly not a
// dump (source code, images, folders of dependencies) so a large workspace scans quickly.

import { promises as fs } from 'fs';
import * as path from 'path';
import type { DumpKind } from '../../engine/crash';
import { detectDumpKind, SNIFF_LENGTH } from '../../engine/dumpKind';
import { type Compression, detectCompression } from '../compressed/compression';
import { decompressedHead } from '../compressed/decompressedHead';
import { withFile } from './fileByteSource';

export interface FoundDump {
  path: string;
  kind: Exclude<DumpKind, 'unknown'>;
  size: number;
  /** Last modification time, ms since the epoch. */
  mtimeMs: number;
  /** How the file is compressed, when it is (the kind is what it decompresses to). */
  compression?: Compression;
}

export interface FindOptions {
  /** Folder levels below each root to descend into (0: the root's own files only). */
  depth: number;
  /** Upper bound on files sniffed per call, so a huge tree cannot stall the caller. */
  maxFiles?: number;
  signal?: AbortSignal;
}

export const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', '.vscode-test', '.cache']);
/** Extensions a dump never has: text sources and media. Everything else is sniffed. */
export const NEVER_DUMPS = /\.(ts|tsx|js|mjs|cjs|jsx|map|md|css|scss|html|svg|png|jpe?g|gif|ico|lock|yml|yaml|toml|txt|d\.ts)$/i;
/** No dump is smaller than an ELF header or a snapshot's opening JSON. */
export const MIN_DUMP_SIZE = 64;

/** The kind of dump a file holds, looking inside it when it is compressed. */
export async function sniffDumpFile(file: string): Promise<{ kind: DumpKind; compression?: Compression }> {
  return withFile(file, async (source) => {
    const head = await source.read(0, SNIFF_LENGTH);
    const compression = detectCompression(head);
    if (compression === undefined) return { kind: detectDumpKind(head) };
    return { kind: detectDumpKind(await decompressedHead(source, compression, SNIFF_LENGTH)), compression };
  });
}

class DumpWalker {
  readonly found: FoundDump[] = [];
  private sniffed = 0;

  constructor(private readonly options: FindOptions) {}

  async walk(folder: string, depth: number): Promise<void> {
    if (this.options.signal?.aborted) return;
    const entries = await fs.readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (depth > 0 && !SKIPPED_FOLDERS.has(entry.name)) await this.walk(full, depth - 1);
      } else if (entry.isFile() && !NEVER_DUMPS.test(entry.name)) {
        await this.consider(full);
      }
    }
  }

  private async consider(file: string): Promise<void> {
    if (this.sniffed >= (this.options.maxFiles ?? 5000)) return;
    try {
      const stat = await fs.stat(file);
      if (stat.size < MIN_DUMP_SIZE) return;
      this.sniffed++;
      const { kind, compression } = await sniffDumpFile(file);
      if (kind !== 'unknown') this.found.push({ path: file, kind, size: stat.size, mtimeMs: stat.mtimeMs, ...(compression === undefined ? {} : { compression }) });
    } catch {
      // Unreadable or vanished while scanning (a dump being rotated): not listed, not an error.
    }
  }
}

/** The dumps under `folder`, newest first. A missing folder yields none. */
export async function findDumps(folder: string, options: FindOptions): Promise<FoundDump[]> {
  const walker = new DumpWalker(options);
  await walker.walk(folder, options.depth);
  return walker.found.sort((a, b) => b.mtimeMs - a.mtimeMs);
}
