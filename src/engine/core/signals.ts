// Signal numbers, si_code values and the sentence a person needs: "address 0x0 not mapped" rather
// than "si_code 1". Numbers are Linux x86-64 (asm-generic/signal.h, siginfo.h); descriptions follow
// what gdb prints ("Segmentation fault"), reasons follow the kernel's si_code meanings.

import type { SigInfo } from './coreNotes';
import { hex } from '../format';

const NAMES: Record<number, [string, string]> = {
  1: ['SIGHUP', 'Hangup'],
  2: ['SIGINT', 'Interrupt'],
  3: ['SIGQUIT', 'Quit'],
  4: ['SIGILL', 'Illegal instruction'],
  5: ['SIGTRAP', 'Trace/breakpoint trap'],
  6: ['SIGABRT', 'Aborted'],
  7: ['SIGBUS', 'Bus error'],
  8: ['SIGFPE', 'Arithmetic exception'],
  9: ['SIGKILL', 'Killed'],
  10: ['SIGUSR1', 'User defined signal 1'],
  11: ['SIGSEGV', 'Segmentation fault'],
  12: ['SIGUSR2', 'User defined signal 2'],
  13: ['SIGPIPE', 'Broken pipe'],
  14: ['SIGALRM', 'Alarm clock'],
  15: ['SIGTERM', 'Terminated'],
  16: ['SIGSTKFLT', 'Stack fault'],
  17: ['SIGCHLD', 'Child status changed'],
  18: ['SIGCONT', 'Continued'],
  19: ['SIGSTOP', 'Stopped (signal)'],
  20: ['SIGTSTP', 'Stopped (user)'],
  21: ['SIGTTIN', 'Stopped (tty input)'],
  22: ['SIGTTOU', 'Stopped (tty output)'],
  23: ['SIGURG', 'Urgent I/O condition'],
  24: ['SIGXCPU', 'CPU time limit exceeded'],
  25: ['SIGXFSZ', 'File size limit exceeded'],
  26: ['SIGVTALRM', 'Virtual timer expired'],
  27: ['SIGPROF', 'Profiling timer expired'],
  28: ['SIGWINCH', 'Window size changed'],
  29: ['SIGIO', 'I/O possible'],
  30: ['SIGPWR', 'Power fail/restart'],
  31: ['SIGSYS', 'Bad system call'],
};

const SIGILL = 4;
const SIGTRAP = 5;
const SIGBUS = 7;
const SIGFPE = 8;
const SIGSEGV = 11;
const SI_KERNEL = 0x80;

/** si_code values every signal may carry (<= 0: sent by a process; 0x80: by the kernel). */
const GENERIC_CODES: Record<number, [string, string]> = {
  0: ['SI_USER', 'sent by kill()'],
  [-1]: ['SI_QUEUE', 'sent by sigqueue()'],
  [-2]: ['SI_TIMER', 'a POSIX timer expired'],
  [-3]: ['SI_MESGQ', 'a message arrived on a POSIX message queue'],
  [-4]: ['SI_ASYNCIO', 'asynchronous I/O completed'],
  [-5]: ['SI_SIGIO', 'queued SIGIO'],
  [-6]: ['SI_TKILL', 'sent by tkill()/tgkill(), as abort() and raise() do'],
  0x80: ['SI_KERNEL', 'sent by the kernel'],
};

/** Fault codes per signal; `%a` stands for the fault address. */
const FAULT_CODES: Record<number, Record<number, [string, string]>> = {
  [SIGSEGV]: {
    1: ['SEGV_MAPERR', 'address %a not mapped'],
    2: ['SEGV_ACCERR', 'address %a mapped, but without permission for this access'],
    3: ['SEGV_BNDERR', 'address %a failed a bounds check'],
    4: ['SEGV_PKUERR', 'address %a denied by a memory protection key'],
  },
  [SIGBUS]: {
    1: ['BUS_ADRALN', 'misaligned address %a'],
    2: ['BUS_ADRERR', 'address %a does not exist (past the end of a mapped file?)'],
    3: ['BUS_OBJERR', 'hardware error at address %a'],
    4: ['BUS_MCEERR_AR', 'hardware memory error consumed at %a'],
    5: ['BUS_MCEERR_AO', 'hardware memory error detected at %a'],
  },
  [SIGILL]: {
    1: ['ILL_ILLOPC', 'illegal opcode at %a'],
    2: ['ILL_ILLOPN', 'illegal operand at %a'],
    3: ['ILL_ILLADR', 'illegal addressing mode at %a'],
    4: ['ILL_ILLTRP', 'illegal trap at %a'],
    5: ['ILL_PRVOPC', 'privileged opcode at %a'],
    6: ['ILL_PRVREG', 'privileged register at %a'],
    7: ['ILL_COPROC', 'coprocessor error at %a'],
    8: ['ILL_BADSTK', 'internal stack error at %a'],
  },
  [SIGFPE]: {
    1: ['FPE_INTDIV', 'integer divide by zero at %a'],
    2: ['FPE_INTOVF', 'integer overflow at %a'],
    3: ['FPE_FLTDIV', 'floating-point divide by zero at %a'],
    4: ['FPE_FLTOVF', 'floating-point overflow at %a'],
    5: ['FPE_FLTUND', 'floating-point underflow at %a'],
    6: ['FPE_FLTRES', 'floating-point inexact result at %a'],
    7: ['FPE_FLTINV', 'invalid floating-point operation at %a'],
    8: ['FPE_FLTSUB', 'subscript out of range at %a'],
  },
  [SIGTRAP]: {
    1: ['TRAP_BRKPT', 'breakpoint at %a'],
    2: ['TRAP_TRACE', 'trace trap at %a'],
    3: ['TRAP_BRANCH', 'branch trap at %a'],
    4: ['TRAP_HWBKPT', 'hardware breakpoint at %a'],
  },
};

export function signalName(signo: number): string {
  if (NAMES[signo] !== undefined) return NAMES[signo][0];
  if (signo >= 34 && signo <= 64) return signo === 34 ? 'SIGRTMIN' : `SIGRTMIN+${signo - 34}`;
  return `signal ${signo}`;
}

/** gdb's wording: "Segmentation fault", "Aborted". */
export function signalDescription(signo: number): string {
  return NAMES[signo]?.[1] ?? (signo >= 34 && signo <= 64 ? 'Real-time signal' : 'Unknown signal');
}

export interface SignalFacts {
  number: number;
  name: string;
  description: string;
  code: number;
  /** Symbolic si_code ("SEGV_MAPERR"), when known. */
  codeName?: string;
  /** The fault address, for signals that carry one. */
  faultAddress?: bigint;
  /** Plain English: "address 0x0 not mapped", "sent by kill() from pid 42". */
  reason: string;
}

/** Facts about the fatal signal from NT_SIGINFO, or from pr_cursig alone when the core has no siginfo. */
export function describeSignal(signo: number, info: SigInfo | undefined): SignalFacts {
  const base = { number: signo, name: signalName(signo), description: signalDescription(signo) };
  if (info === undefined) return { ...base, code: 0, reason: `${base.description} (the core records no details: no NT_SIGINFO note)` };
  const fault = info.code > 0 && info.code < 0x80 ? FAULT_CODES[signo]?.[info.code] : undefined;
  if (fault !== undefined) {
    const nullHint = signo === SIGSEGV && info.address < 4096n ? ' (a NULL pointer dereference)' : '';
    return { ...base, code: info.code, codeName: fault[0], faultAddress: info.address, reason: fault[1].replace('%a', hex(info.address)) + nullHint };
  }
  const generic = GENERIC_CODES[info.code];
  if (generic === undefined) return { ...base, code: info.code, reason: `${base.description} (si_code ${info.code})` };
  if (signo === SIGTRAP && info.code === SI_KERNEL) {
    return { ...base, code: info.code, codeName: generic[0], reason: 'a breakpoint instruction (int3) ran: how V8 and Node abort on a fatal error' };
  }
  if (signo === SIGSEGV && info.code === SI_KERNEL) {
    return { ...base, code: info.code, codeName: generic[0], reason: 'general protection fault (a non-canonical address or a privileged instruction); the kernel gives no address' };
  }
  const sender = info.code <= 0 ? ` from pid ${info.senderPid}` : '';
  return { ...base, code: info.code, codeName: generic[0], reason: generic[1] + sender };
}
