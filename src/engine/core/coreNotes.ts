// Decoders for the notes a Linux x86-64 core carries (fs/binfmt_elf.c writes them; layouts from
// include/uapi/linux/elfcore.h, asm/user_64.h and siginfo.h). Each takes one note and returns plain
// data; a note too short for its layout is a DumpError at the note's offset.

import { ByteCursor } from '../elf/byteCursor';
import type { ElfNote } from '../elf/elfNotes';

/** struct elf_prstatus: 112 bytes of header, then user_regs_struct (27 u64), then pr_fpvalid. */
const PRSTATUS_REGS_OFFSET = 112;
export const USER_REGS_COUNT = 27;
const PRSTATUS_SIZE = 336;
const PRPSINFO_SIZE = 136;
const SIGINFO_SIZE = 128;
/** Caps for NT_FILE: more mappings than this is not a real process. */
const MAX_FILE_MAPPINGS = 10_000_000;

export interface PrStatus {
  tid: number;
  /** The signal the thread was stopped with (pr_cursig); the first thread's is the fatal one. */
  cursig: number;
  ppid: number;
  /** user_regs_struct in its own order: r15 r14 r13 r12 rbp rbx r11 r10 r9 r8 rax rcx rdx rsi rdi orig_rax rip cs eflags rsp ss fs_base gs_base ds es fs gs. */
  registers: BigUint64Array;
}

export interface PrPsInfo {
  pid: number;
  ppid: number;
  uid: number;
  gid: number;
  /** Executable name, truncated by the kernel to 15 bytes. */
  fname: string;
  /** Command line, truncated by the kernel to 80 bytes. */
  psargs: string;
}

export interface SigInfo {
  signo: number;
  errno: number;
  code: number;
  /** si_addr: the faulting address for SIGSEGV, SIGBUS, SIGILL, SIGFPE and SIGTRAP. */
  address: bigint;
  /** si_pid/si_uid: the sender of a signal sent with kill/tkill/sigqueue. */
  senderPid: number;
  senderUid: number;
}

export interface FileMapping {
  start: number;
  end: number;
  /** Byte offset in the file of `start` (the kernel records page offsets). */
  fileOffset: number;
  path: string;
}

function cursor(note: ElfNote, file: string, what: string, minimum: number): ByteCursor {
  const c = new ByteCursor(note.desc, file, what, note.descOffset);
  if (note.desc.length < minimum) c.fail(`is ${note.desc.length} bytes, expected at least ${minimum}`, 0);
  return c;
}

/** Reads a NUL-padded fixed-size char array. */
function fixedString(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return Buffer.from(end < 0 ? bytes : bytes.subarray(0, end)).toString('utf8');
}

export function parsePrStatus(note: ElfNote, file: string): PrStatus {
  // pr_fpvalid and its padding (the last 8 bytes) are not needed.
  const c = cursor(note, file, 'NT_PRSTATUS note', PRSTATUS_SIZE - 8);
  c.seek(12);
  const cursig = c.i16();
  c.seek(32);
  const tid = c.i32();
  const ppid = c.i32();
  c.seek(PRSTATUS_REGS_OFFSET);
  const registers = new BigUint64Array(USER_REGS_COUNT);
  for (let i = 0; i < USER_REGS_COUNT; i++) registers[i] = c.u64();
  return { tid, cursig, ppid, registers };
}

export function parsePrPsInfo(note: ElfNote, file: string): PrPsInfo {
  const c = cursor(note, file, 'NT_PRPSINFO note', PRPSINFO_SIZE);
  c.seek(16);
  const uid = c.u32();
  const gid = c.u32();
  const pid = c.i32();
  const ppid = c.i32();
  c.seek(40);
  const fname = fixedString(c.take(16));
  const psargs = fixedString(c.take(80)).trimEnd();
  return { pid, ppid, uid, gid, fname, psargs };
}

export function parseSigInfo(note: ElfNote, file: string): SigInfo {
  const c = cursor(note, file, 'NT_SIGINFO note', SIGINFO_SIZE);
  const signo = c.i32();
  const errno = c.i32();
  const code = c.i32();
  c.seek(16);
  const address = c.u64();
  c.seek(16);
  return { signo, errno, code, address, senderPid: c.i32(), senderUid: c.u32() };
}

/** NT_AUXV: (type, value) pairs up to AT_NULL. */
export function parseAuxv(note: ElfNote, file: string): Map<number, bigint> {
  const c = cursor(note, file, 'NT_AUXV note', 0);
  const entries = new Map<number, bigint>();
  while (c.remaining >= 16) {
    const type = Number(c.u64() & 0xffffffffn);
    const value = c.u64();
    if (type === 0) break;
    if (!entries.has(type)) entries.set(type, value);
  }
  return entries;
}

/** NT_FILE: count, page size, `count` (start, end, page offset) triples, then `count` paths. */
export function parseFileNote(note: ElfNote, file: string): FileMapping[] {
  const c = cursor(note, file, 'NT_FILE note', 16);
  const count = c.u64n();
  const pageSize = c.u64n();
  if (count > MAX_FILE_MAPPINGS || count * 24 > c.remaining) c.fail(`claims ${count} mappings, more than its ${note.desc.length} bytes can hold`, 0);
  const ranges = Array.from({ length: count }, () => ({ start: c.u64n(), end: c.u64n(), fileOffset: c.u64n() * pageSize }));
  return ranges.map((r) => {
    if (r.end < r.start) c.fail(`mapping 0x${r.start.toString(16)}-0x${r.end.toString(16)} ends before it starts`);
    return { ...r, path: c.cstring() };
  });
}
