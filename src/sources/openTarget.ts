// The one way every front end (the CLI verbs, the debug adapter, the heap viewer) opens a dump from
// what the user typed — a local path or a docker:// URI: it fetches the dump (and a container core's
// binaries), refuses a dump of a kind the caller cannot show in one line, and closes what it opened.
// openTarget then hands the engine the files of the dump's own origin and the search paths, for a
// DumpTarget that keeps only what it reopened itself; the heap verbs and viewer take the snapshot's
// bytes to their own analysis (withExpectedDump).

import type { ByteSource } from '../engine/bytes/byteSource';
import type { DumpKind } from '../engine/crash';
import { DumpError } from '../engine/dumpError';
import { DUMP_KIND_LABELS, sniffDumpKind } from '../engine/dumpKind';
import type { DumpTarget, OpenOptions } from '../engine/dumpTarget';
import { openDump } from '../engine/openDump';
import type { OpenedDumpSource, OpenSourceOptions } from './dumpSource';
import { mergeSearchPaths, withDumpSource } from './openDumpSource';

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

/** Fetches the dump at `location`, refuses it unless it is one of `expect`, runs `use`, and always closes it. */
export function withExpectedDump<T>(location: string, expect: readonly Exclude<DumpKind, 'unknown'>[] | undefined, use: (source: ByteSource, opened: OpenedDumpSource) => Promise<T>, options: OpenSourceOptions & Pick<OpenOptions, 'onWarning'> = {}): Promise<T> {
  return withDumpSource(
    location,
    async (source, opened) => {
      for (const warning of opened.warnings) options.onWarning?.(warning);
      await expectKind(source, location, expect);
      return use(source, opened);
    },
    options,
  );
}

/** Opens the dump at `location` (a path or a docker:// URI); throws one clear line when it cannot. */
export function openTarget(location: string, options: TargetOptions = {}): Promise<DumpTarget> {
  const { expect, storeDir, onDownload, onSize, ...open } = options;
  return withExpectedDump(
    location,
    expect,
    async (source, opened) => {
      onSize?.(source.size);
      return openDump(source, { ...open, searchPaths: mergeSearchPaths(opened, open.searchPaths), files: await opened.files(open) });
    },
    { storeDir, signal: open.signal, onProgress: onDownload, onWarning: open.onWarning, fetchBinaries: true },
  );
}
