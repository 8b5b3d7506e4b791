// What a core says about the process, decoded from its notes: the process (pid, command line,
// auxv), each thread's registers, the fatal signal, the file mappings, and the PT_LOAD segments
// whose bytes the core holds. Pure data; reading memory is the address space's job.

import { DumpError } from '../dumpError';
import { ET_CORE, NT_AUXV, NT_FILE, NT_PRPSINFO, NT_PRSTATUS, NT_SIGINFO, PT_LOAD } from '../elf/elfConstants';
import type { ElfFile } from '../elf/elfFile';
import type { ElfNote } from '../elf/elfNotes';
import { type FileMapping, parseAuxv, parseFileNote, parsePrPsInfo, parsePrStatus, parseSigInfo, type PrPsInfo, type PrStatus } from './coreNotes';
import { describeSignal, type SignalFacts } from './signals';

/** auxv entries Salvage uses (elf.h). */
export const AT_ENTRY = 9;
export const AT_SYSINFO_EHDR = 33;

export interface CoreSegment {
  vaddr: number;
  memsz: number;
  /** Bytes of the segment present in the core; 0 for pages the kernel left out (read-only file pages). */
  filesz: number;
  offset: number;
  flags: number;
}

export interface CoreModel {
  file: string;
  process: PrPsInfo | undefined;
  /** Threads in note order; the first is the one that received the signal. */
  threads: PrStatus[];
  signal: SignalFacts;
  auxv: Map<number, bigint>;
  mappings: FileMapping[];
  segments: CoreSegment[];
  /** What the core lacks that a reader would expect, in words ("no NT_FILE note: ..."). */
  missing: string[];
}

function first(notes: ElfNote[], type: number): ElfNote | undefined {
  return notes.find((n) => n.type === type && (n.name === 'CORE' || n.name === 'LINUX'));
}

export async function readCoreModel(core: ElfFile): Promise<CoreModel> {
  const file = core.name;
  if (core.header.type !== ET_CORE) throw new DumpError(file, `ELF type ${core.header.type} is not a core (ET_CORE)`, 16);
  const notes = await core.notes();
  const threads = notes.filter((n) => n.type === NT_PRSTATUS && n.name === 'CORE').map((n) => parsePrStatus(n, file));
  if (threads.length === 0) throw new DumpError(file, 'the core has no NT_PRSTATUS note: it records no thread, so there is no stack to show (is the note segment missing or cut?)');
  const missing: string[] = [];
  const psinfo = first(notes, NT_PRPSINFO);
  const siginfo = first(notes, NT_SIGINFO);
  const auxv = first(notes, NT_AUXV);
  const fileNote = first(notes, NT_FILE);
  if (psinfo === undefined) missing.push('no NT_PRPSINFO note: the pid and command line are unknown');
  if (siginfo === undefined) missing.push('no NT_SIGINFO note: the signal code and fault address are unknown');
  if (fileNote === undefined) missing.push('no NT_FILE note: the mapped files are unknown, so native frames cannot be symbolised');
  // NT_SIGINFO's signo is authoritative; pr_cursig of the first thread is the fallback.
  const sig = siginfo === undefined ? undefined : parseSigInfo(siginfo, file);
  const segments = core.programHeaders.filter((p) => p.type === PT_LOAD).map((p) => ({ vaddr: p.vaddr, memsz: p.memsz, filesz: p.filesz, offset: p.offset, flags: p.flags }));
  const expected = segments.reduce((end, s) => Math.max(end, s.offset + s.filesz), 0);
  if (expected > core.reader.size) {
    const cut = segments.filter((s) => s.offset + s.filesz > core.reader.size).length;
    missing.push(`the core is truncated: ${core.reader.size} of ${expected} bytes are present, so ${cut} of ${segments.length} memory segments are missing or cut (stacks there cannot be read)`);
  }
  return {
    file,
    process: psinfo === undefined ? undefined : parsePrPsInfo(psinfo, file),
    threads,
    signal: describeSignal(sig?.signo ?? threads[0].cursig, sig),
    auxv: auxv === undefined ? new Map<number, bigint>() : parseAuxv(auxv, file),
    mappings: fileNote === undefined ? [] : parseFileNote(fileNote, file),
    segments,
    missing,
  };
}
