// Reading a whole folder of a container in one archive request and classifying every regular file
// in it from its first bytes as they pass: nothing is kept or written. Two users: a volume or bind
// mount, which `changes()` cannot see (the archive endpoint is the only listing the Engine API
// offers without exec), and several candidate files of one folder, which would otherwise cost one
// request each (~45 ms of daemon CPU: the engine re-executes itself for every archive request).
// A byte budget bounds the cost of a folder holding a big dump or a whole source tree.

import * as path from 'path';
import type { DumpKind } from '../../engine/crash';
import { detectDumpKind, SNIFF_LENGTH } from '../../engine/dumpKind';
import { type TarEntry, TarParser } from '../tar/tarParser';
import type { DockerClient } from './dockerClient';

export interface SniffedEntry {
  /** Absolute path inside the container. */
  path: string;
  /** 'unknown' for every file that is not a dump, however small. */
  kind: DumpKind;
  size: number;
  mtimeMs: number;
}

export interface DirectoryScan {
  /** Every regular file whose head was seen, in archive order. */
  files: SniffedEntry[];
  /** The scan stopped at the byte budget: files after that point were not seen. */
  truncated: boolean;
}

export interface ScanLimits {
  budgetBytes: number;
  /** Stop as soon as all of these paths have been classified: the rest of the folder is not needed. */
  wanted?: ReadonlySet<string>;
}

class FileSniffer {
  readonly files: SniffedEntry[] = [];
  private current: { path: string; entry: TarEntry; head: Uint8Array; fill: number } | undefined;
  private wantedLeft: number;

  constructor(
    private readonly folder: string,
    private readonly wanted: ReadonlySet<string> | undefined,
  ) {
    this.wantedLeft = wanted?.size ?? Infinity;
  }

  get seenAllWanted(): boolean {
    return this.wantedLeft === 0;
  }

  entry(entry: TarEntry): void {
    this.current = undefined;
    // Names in a folder's archive start with the folder's own base name ("dumps/core" for /dumps).
    const full = path.posix.join(path.posix.dirname(this.folder), entry.name);
    if (entry.type !== 'file' || !full.startsWith(`${this.folder}/`)) return;
    this.current = { path: full, entry, head: new Uint8Array(Math.min(SNIFF_LENGTH, entry.size)), fill: 0 };
    if (entry.size === 0) this.classify();
  }

  data(bytes: Uint8Array): void {
    const c = this.current;
    if (c === undefined) return;
    const take = Math.min(bytes.length, c.head.length - c.fill);
    c.head.set(bytes.subarray(0, take), c.fill);
    c.fill += take;
    if (c.fill === c.head.length) this.classify();
  }

  /** Classifies the current entry as soon as its head is complete, so a scan can stop right there. */
  private classify(): void {
    const c = this.current;
    this.current = undefined;
    if (c === undefined) return;
    this.files.push({ path: c.path, kind: detectDumpKind(c.head), size: c.entry.size, mtimeMs: c.entry.mtimeMs });
    if (this.wanted?.has(c.path)) this.wantedLeft--;
  }
}

export async function scanContainerDirectory(client: DockerClient, container: string, folder: string, label: string, limits: ScanLimits, signal?: AbortSignal): Promise<DirectoryScan> {
  const sniffer = new FileSniffer(folder, limits.wanted);
  const parser = new TarParser(label, sniffer);
  const stream = await client.archive(container, folder, signal);
  let streamed = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Uint8Array>) {
      parser.push(chunk);
      streamed += chunk.length;
      if (parser.done || sniffer.seenAllWanted) return { files: sniffer.files, truncated: false };
      if (streamed >= limits.budgetBytes) return { files: sniffer.files, truncated: true };
    }
    parser.finish();
    return { files: sniffer.files, truncated: false };
  } finally {
    stream.destroy();
  }
}
