// The executables and shared objects a core's process had mapped, as the core itself describes
// them: NT_FILE mappings grouped by path, and — from the first page of each, which the kernel
// dumps by default (coredump_filter bit 4) — the ELF header, the load bias and the build-id the
// right file must have. Nothing here opens a file.

import { ByteCursor } from '../elf/byteCursor';
import { EHDR_SIZE, ELF_MAGIC, PHDR_SIZE, PT_LOAD, PT_NOTE } from '../elf/elfConstants';
import { type ProgramHeader, parseElfHeader, parseProgramHeader } from '../elf/elfHeaders';
import { buildIdOf, parseNotes } from '../elf/elfNotes';
import type { AddressSpace } from './addressSpace';
import type { FileMapping } from './coreNotes';

/** Program headers read from memory at most; real objects have about a dozen. */
const MAX_MEMORY_PHDRS = 256;
/** Page size for aligning segment addresses (x86-64). */
export const PAGE = 4096;

export interface CoreModule {
  /** Path as the kernel recorded it (may end in " (deleted)"). */
  path: string;
  mappings: FileMapping[];
  start: number;
  end: number;
  /** Runtime address of the file's first byte (its mapping at offset 0), when mapped. */
  base: number | undefined;
  /** Build-id found in the process image inside the core. */
  coreBuildId?: string;
  /** Runtime address minus file address; known once either the core or the file gave the headers. */
  bias?: number;
  /** False when the core's copy of the first page shows this is not an ELF file (data, fonts, ICU). */
  isElf?: boolean;
}

export function groupMappings(mappings: FileMapping[]): CoreModule[] {
  const byPath = new Map<string, CoreModule>();
  for (const m of mappings) {
    let module = byPath.get(m.path);
    if (module === undefined) {
      module = { path: m.path, mappings: [], start: m.start, end: m.end, base: undefined };
      byPath.set(m.path, module);
    }
    module.mappings.push(m);
    module.start = Math.min(module.start, m.start);
    module.end = Math.max(module.end, m.end);
    if (m.fileOffset === 0 && module.base === undefined) module.base = m.start;
  }
  return [...byPath.values()];
}

/**
 * Mappings the kernel names but that are no file on any disk — io_uring rings
 * (`anon_inode:[io_uring]`, on every Node 24 core), memfds, SysV shared memory, devices such as
 * /dev/zero, sockets — and that hold no code to name: never looked for, never "missing".
 */
const PSEUDO_FILE = /^(anon_inode:|socket:|pipe:|\[|\/memfd:|\/SYSV[0-9a-f]+|\/dev\/(zero|null)\b|\/dev\/shm\/|\/\[aio\])/;

export function isPseudoFile(path: string): boolean {
  return PSEUDO_FILE.test(path);
}

/** Load bias from the first PT_LOAD: where file offset 0 landed minus where the file wanted it. */
export function biasFrom(base: number, phdrs: ProgramHeader[]): number | undefined {
  const load = phdrs.find((p) => p.type === PT_LOAD);
  if (load === undefined || Number.isNaN(load.vaddr)) return undefined;
  return base - (Math.floor(load.vaddr / PAGE) * PAGE - Math.floor(load.offset / PAGE) * PAGE);
}

/**
 * Fills `isElf`, `bias` and `coreBuildId` from the module's first page when the core holds it.
 * A malformed header in memory only leaves these unknown; the file can still supply them.
 */
export async function readModuleHeaders(module: CoreModule, memory: AddressSpace, coreFile: string): Promise<void> {
  if (module.base === undefined) return;
  const head = await memory.readExact(module.base, EHDR_SIZE);
  if (head === undefined) return;
  module.isElf = ELF_MAGIC.every((b, i) => head[i] === b);
  if (!module.isElf) return;
  const where = `${coreFile} (memory image of ${module.path})`;
  try {
    const header = parseElfHeader(new ByteCursor(head, where, 'ELF header', 0));
    const count = Math.min(header.phnum, MAX_MEMORY_PHDRS);
    const table = await memory.readExact(module.base + header.phoff, count * PHDR_SIZE);
    if (table === undefined || header.phentsize !== PHDR_SIZE) return;
    const c = new ByteCursor(table, where, 'program headers', header.phoff);
    const phdrs = Array.from({ length: count }, () => parseProgramHeader(c));
    module.bias = biasFrom(module.base, phdrs);
    if (module.bias === undefined) return;
    for (const note of phdrs.filter((p) => p.type === PT_NOTE)) {
      const bytes = await memory.readExact(module.bias + note.vaddr, note.filesz);
      if (bytes === undefined) continue;
      module.coreBuildId ??= buildIdOf(parseNotes(bytes, where, note.offset, note.align));
    }
  } catch {
    // A garbled header in the process image: the located file will provide what is needed.
    module.isElf = undefined;
  }
}
