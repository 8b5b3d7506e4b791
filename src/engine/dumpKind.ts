// Which kind of dump a file is, decided from its first bytes only. File names lie (cores are often
// just `core`, reports get renamed when copied out of containers), so the name is never consulted.

import type { ByteSource } from './bytes/byteSource';
import type { DumpKind } from './crash';

/** How many leading bytes detection looks at: enough for a report's header to name its version. */
export const SNIFF_LENGTH = 4096;

const ELF_MAGIC = [0x7f, 0x45, 0x4c, 0x46];
/** e_type value of a core file (ELF gABI, "ET_CORE"). */
const ET_CORE = 4;
/** EI_DATA value for big-endian objects. */
const ELFDATA2MSB = 2;

export type ElfType = 'core' | 'other-elf';

function elfType(head: Uint8Array): ElfType | undefined {
  if (head.length < 18 || ELF_MAGIC.some((b, i) => head[i] !== b)) return undefined;
  // e_type is the 16-bit field at offset 16, in the byte order EI_DATA (offset 5) names.
  const type = head[5] === ELFDATA2MSB ? (head[16] << 8) | head[17] : head[16] | (head[17] << 8);
  return type === ET_CORE ? 'core' : 'other-elf';
}

/** The text after a UTF-8 BOM and leading white space, as far as it was read. */
function jsonHead(head: Uint8Array): string {
  const text = Buffer.from(head.buffer, head.byteOffset, head.byteLength).toString('utf8');
  return text.replace(/^\uFEFF/, '').trimStart();
}

/** A V8 heap snapshot always begins with its `snapshot.meta` object (heap-snapshot-generator). */
const SNAPSHOT_HEAD = /^\{\s*"snapshot"\s*:\s*\{\s*"meta"\s*:/;
/** A Node report's first member is `header`, whose first member is `reportVersion`. */
const REPORT_HEAD = /^\{\s*"header"\s*:\s*\{[^]*?"reportVersion"\s*:/;

/** Classifies the first bytes of a file. `head` should hold up to SNIFF_LENGTH bytes. */
export function detectDumpKind(head: Uint8Array): DumpKind {
  const elf = elfType(head);
  if (elf !== undefined) return elf === 'core' ? 'core' : 'unknown';
  const text = jsonHead(head);
  if (SNAPSHOT_HEAD.test(text)) return 'heapsnapshot';
  if (REPORT_HEAD.test(text)) return 'report';
  return 'unknown';
}

export async function sniffDumpKind(source: ByteSource): Promise<DumpKind> {
  return detectDumpKind(await source.read(0, SNIFF_LENGTH));
}

export const DUMP_KIND_LABELS: Record<DumpKind, string> = {
  core: 'ELF core',
  heapsnapshot: 'V8 heap snapshot',
  report: 'Node.js diagnostic report',
  unknown: 'not a dump',
};

/** Why a file of kind 'unknown' is refused, in the words every front end uses. */
export const NOT_A_DUMP = 'not a dump Salvage knows: expected a Node.js diagnostic report, an ELF core or a V8 heap snapshot';
