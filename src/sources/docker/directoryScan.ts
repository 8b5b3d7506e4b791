// Listing the dumps in a folder of a container that `changes()` cannot see — a volume or a bind
// mount — with the archive endpoint, the only listing the Engine API offers without exec. The
// folder's tar stream is read entry by entry: each regular file is classified from its first bytes
// as they pass, nothing is kept or written, and the scan stops after a byte budget so a mount
// holding a whole source tree costs a bounded amount.

import * as path from 'path';
import type { DumpKind } from '../../engine/crash';
import { detectDumpKind, SNIFF_LENGTH } from '../../engine/dumpKind';
import { MIN_DUMP_SIZE } from '../local/findDumps';
import { type TarEntry, TarParser } from '../tar/tarParser';
import type { DockerClient } from './dockerClient';

export interface ScannedFile {
  path: string;
  kind: Exclude<DumpKind, 'unknown'>;
  size: number;
  mtimeMs: number;
}

export interface DirectoryScan {
  files: ScannedFile[];
  /** The scan stopped at the byte budget: files after that point were not seen. */
  truncated: boolean;
}

class DumpSniffer {
  readonly files: ScannedFile[] = [];
  private current: { entry: TarEntry; head: Uint8Array; fill: number } | undefined;

  constructor(private readonly folder: string) {}

  entry(entry: TarEntry): void {
    this.flush();
    if (entry.type === 'file' && entry.size >= MIN_DUMP_SIZE) this.current = { entry, head: new Uint8Array(Math.min(SNIFF_LENGTH, entry.size)), fill: 0 };
  }

  data(bytes: Uint8Array): void {
    const c = this.current;
    if (c === undefined || c.fill === c.head.length) return;
    const take = Math.min(bytes.length, c.head.length - c.fill);
    c.head.set(bytes.subarray(0, take), c.fill);
    c.fill += take;
  }

  /** Classifies the entry being read once its head is complete. */
  flush(): void {
    const c = this.current;
    this.current = undefined;
    if (c === undefined || c.fill < c.head.length) return;
    const kind = detectDumpKind(c.head);
    // Names in a folder's archive start with the folder's own base name ("dumps/core" for /dumps).
    const full = path.posix.join(path.posix.dirname(this.folder), c.entry.name);
    if (kind !== 'unknown' && full.startsWith(`${this.folder}/`)) this.files.push({ path: full, kind, size: c.entry.size, mtimeMs: c.entry.mtimeMs });
  }
}

export async function scanContainerDirectory(client: DockerClient, container: string, folder: string, label: string, budgetBytes: number, signal?: AbortSignal): Promise<DirectoryScan> {
  const sniffer = new DumpSniffer(folder);
  const parser = new TarParser(label, sniffer);
  const stream = await client.archive(container, folder, signal);
  let streamed = 0;
  try {
    for await (const chunk of stream) {
      parser.push(chunk);
      streamed += (chunk as Uint8Array).length;
      if (parser.done) break;
      if (streamed >= budgetBytes) {
        sniffer.flush();
        return { files: sniffer.files, truncated: true };
      }
    }
    parser.finish();
    sniffer.flush();
    return { files: sniffer.files, truncated: false };
  } finally {
    stream.destroy();
  }
}
