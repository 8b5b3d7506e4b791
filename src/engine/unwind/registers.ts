// x86-64 registers as the unwinder sees them: the 17 DWARF-numbered integer registers (System V
// AMD64 psABI, table "DWARF Register Number Mapping"; 16 is the return address, i.e. rip), mapped
// from the kernel's user_regs_struct order used in NT_PRSTATUS.

/** DWARF register numbers (psABI §3.6.2). */
export const enum Reg {
  RAX = 0,
  RDX = 1,
  RCX = 2,
  RBX = 3,
  RSI = 4,
  RDI = 5,
  RBP = 6,
  RSP = 7,
  R8 = 8,
  R9 = 9,
  R10 = 10,
  R11 = 11,
  R12 = 12,
  R13 = 13,
  R14 = 14,
  R15 = 15,
  RIP = 16,
}

/** How many DWARF registers the unwinder tracks (0..16); rules for others (xmm, ...) are ignored. */
export const TRACKED_REGISTERS = 17;

export const DWARF_REGISTER_NAMES = ['rax', 'rdx', 'rcx', 'rbx', 'rsi', 'rdi', 'rbp', 'rsp', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15', 'rip'];

/** user_regs_struct field order (asm/user_64.h), as stored in NT_PRSTATUS. */
export const USER_REGS_NAMES = ['r15', 'r14', 'r13', 'r12', 'rbp', 'rbx', 'r11', 'r10', 'r9', 'r8', 'rax', 'rcx', 'rdx', 'rsi', 'rdi', 'orig_rax', 'rip', 'cs', 'eflags', 'rsp', 'ss', 'fs_base', 'gs_base', 'ds', 'es', 'fs', 'gs'];

/** Registers the psABI says a callee preserves: without a CFI rule they keep their value in the caller. */
const CALLEE_SAVED = new Set<number>([Reg.RBX, Reg.RBP, Reg.R12, Reg.R13, Reg.R14, Reg.R15]);

export function isCalleeSaved(reg: number): boolean {
  return CALLEE_SAVED.has(reg);
}

/** Register values of one frame; undefined where the value is not known (clobbered or unrecoverable). */
export class RegisterSet {
  readonly values: (bigint | undefined)[];

  constructor(values?: (bigint | undefined)[]) {
    this.values = values ?? new Array<bigint | undefined>(TRACKED_REGISTERS).fill(undefined);
  }

  /** The DWARF registers of a thread, from its NT_PRSTATUS user_regs_struct. */
  static fromUserRegs(userRegs: BigUint64Array): RegisterSet {
    const set = new RegisterSet();
    DWARF_REGISTER_NAMES.forEach((name, reg) => {
      set.values[reg] = userRegs[USER_REGS_NAMES.indexOf(name)];
    });
    return set;
  }

  get(reg: number): bigint | undefined {
    return this.values[reg];
  }

  set(reg: number, value: bigint | undefined): void {
    if (reg < TRACKED_REGISTERS) this.values[reg] = value === undefined ? undefined : BigInt.asUintN(64, value);
  }

  get pc(): bigint | undefined {
    return this.values[Reg.RIP];
  }

  get sp(): bigint | undefined {
    return this.values[Reg.RSP];
  }

  get fp(): bigint | undefined {
    return this.values[Reg.RBP];
  }
}
