// The one way every front end (the CLI verbs, the debug adapter) opens a dump from what the user
// typed — a local path or a docker:// URI — into a DumpTarget: it fetches the dump (and a container
// core's binaries), refuses a dump of a kind the caller cannot show in one line, hands the engine
// the files of the dump's own origin and the search paths, and closes what it opened. The target
// keeps only what it reopened itself.

import type { ByteSource } from '../engine/bytes/byteSource';
import type { DumpKind } from '../engine/crash';
import { DumpError } from '../engine/dumpError';
import { DUMP_KIND_LABELS, sniffDumpKind } from '../engine/dumpKind';
import type { DumpTarget, OpenOptions } from '../engine/dumpTarget';
import { openDump } from '../engine/openDump';
import { mergeSearchPaths, openDumpSource } from './openDumpSource';

export interface TargetOptions extends Omit<OpenOptions, 'files'> {
  /** The kinds the caller can show; any other is refused in one line saying what it is. */
  expect?: readonly Exclude<DumpKind, 'unknown'>[];
  /** Dump store folder for docker:// dumps; default defaultStoreDir(). */
  storeDir?: string;
  /** Download progress of a docker:// dump: bytes so far of total. */
  onDownload?: (progress: { bytes: number; total?: number }) => void;
  /** The dump's size in bytes, once it is here and about to be analysed (for progress in bytes). */
  onSize?: (bytes: number) => void;
}

const WANTED: Record<Exclude<DumpKind, 'unknown'>, string> = {
  core: 'an ELF core',
  report: 'a Node.js diagnostic report',
  heapsnapshot: 'a V8 heap snapshot',
};

/** The dump's kind, by content; a DumpError naming what it is when it is none of `expect`. */
export async function expectKind(source: ByteSource, location: string, expect: readonly Exclude<DumpKind, 'unknown'>[] | undefined): Promise<DumpKind> {
  const kind = await sniffDumpKind(source);
  if (expect === undefined || (kind !== 'unknown' && expect.includes(kind))) return kind;
  const wanted = expect.map((k) => WANTED[k]).join(' or ');
  throw new DumpError(location, kind === 'unknown' ? `not ${wanted}` : `${DUMP_KIND_LABELS[kind]}, not ${wanted}`, 0);
}

/** Opens the dump at `location` (a path or a docker:// URI); throws one clear line when it cannot. */
export async function openTarget(location: string, options: TargetOptions = {}): Promise<DumpTarget> {
  const { expect, storeDir, onDownload, onSize, ...open } = options;
  const opened = await openDumpSource(location, { storeDir, signal: open.signal, onProgress: onDownload, fetchBinaries: true });
  try {
    for (const warning of opened.warnings) open.onWarning?.(warning);
    await expectKind(opened.source, location, expect);
    onSize?.(opened.source.size);
    return await openDump(opened.source, { ...open, searchPaths: mergeSearchPaths(opened, open.searchPaths), files: await opened.files(open) });
  } finally {
    await opened.source.close();
  }
}
