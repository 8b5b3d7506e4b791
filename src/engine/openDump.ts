// Opening a dump: sniff its kind from content, then hand it to the opener for that kind; a file of
// no known kind is refused with one sentence saying what Salvage expected.

import type { ByteSource } from './bytes/byteSource';
import { openCoreTarget } from './core/coreTarget';
import type { DumpKind } from './crash';
import { DumpError } from './dumpError';
import { NOT_A_DUMP, sniffDumpKind } from './dumpKind';
import { openHeapTarget } from './snapshot/target/heapTarget';
import type { DumpTarget, OpenOptions } from './dumpTarget';
import { openReportTarget } from './report/reportTarget';

type Opener = (source: ByteSource, options: OpenOptions) => Promise<DumpTarget>;

const OPENERS: Record<DumpKind, Opener> = {
  report: openReportTarget,
  core: openCoreTarget,
  heapsnapshot: openHeapTarget,
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
