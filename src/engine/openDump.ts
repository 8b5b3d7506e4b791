// Opening a dump: sniff its kind from content, then hand it to the opener for that kind. Kinds
// whose analysis has not landed yet are recognised and refused with a plain sentence, so the
// user learns what the file is rather than "unknown format".

import type { ByteSource } from './bytes/byteSource';
import type { DumpKind } from './crash';
import { DumpError } from './dumpError';
import { DUMP_KIND_LABELS, NOT_A_DUMP, sniffDumpKind } from './dumpKind';
import type { DumpTarget, OpenOptions } from './dumpTarget';
import { openReportTarget } from './report/reportTarget';

type Opener = (source: ByteSource, options: OpenOptions) => Promise<DumpTarget>;

function notYetSupported(kind: DumpKind): Opener {
  return async (source) => {
    throw new DumpError(source.name, `${DUMP_KIND_LABELS[kind]} recognised; Salvage cannot analyse this kind yet (support is coming)`);
  };
}

const OPENERS: Record<DumpKind, Opener> = {
  report: openReportTarget,
  core: notYetSupported('core'),
  heapsnapshot: notYetSupported('heapsnapshot'),
  unknown: async (source) => {
    throw new DumpError(source.name, NOT_A_DUMP, 0);
  },
};

/** Opens any dump; throws DumpError with one clear line when it cannot. */
export async function openDump(source: ByteSource, options: OpenOptions = {}): Promise<DumpTarget> {
  if (source.size === 0) throw new DumpError(source.name, 'file is empty', 0);
  const kind = await sniffDumpKind(source);
  return OPENERS[kind](source, options);
}
