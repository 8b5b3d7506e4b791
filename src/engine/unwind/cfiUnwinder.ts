// The DWARF CFI unwinder: finds the FDE for a frame's pc in the module that holds it, runs the CFI
// state machine to get the unwind row, then computes the CFA and each register of the caller from
// the row's rules (DWARF 5 §6.4.1) and the x86-64 psABI defaults for registers without a rule.

import { CfiContext, Rule, type UnwindRow } from './cfiProgram';
import type { CfiTable } from './cfiTable';
import { evaluate, type ExpressionEnv } from './dwarfExpression';
import { isCalleeSaved, Reg, RegisterSet, TRACKED_REGISTERS } from './registers';
import { type FrameUnwinder, lookupPc, type UnwindEnv, type UnwindStep, type UnwoundFrame } from './stackWalker';

/** The CFI of the module holding a pc, and how its file addresses relate to runtime ones. */
export interface ModuleCfi {
  tables: CfiTable[];
  /** Runtime address minus file address. */
  bias: number;
}

export type CfiProvider = (pc: bigint) => Promise<ModuleCfi | undefined>;

export class CfiUnwinder implements FrameUnwinder {
  readonly name = 'cfi';
  /** Reused for every frame of every walk (see CfiContext). */
  private readonly context = new CfiContext();

  constructor(private readonly cfiFor: CfiProvider) {}

  async unwind(frame: UnwoundFrame, env: UnwindEnv): Promise<UnwindStep> {
    const pc = lookupPc(frame);
    const cfi = await this.cfiFor(pc);
    if (cfi === undefined || pc > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
    const filePc = Number(pc) - cfi.bias;
    for (const table of cfi.tables) {
      const fde = await table.find(filePc);
      if (fde === undefined) continue;
      const row = this.context.rowFor(fde, filePc, (c) => table.addressOf(c));
      return callerOf(row, fde.cie.returnRegister, fde.cie.signalFrame, frame.registers, env);
    }
    return undefined;
  }
}

async function callerOf(row: UnwindRow, returnRegister: number, signalFrame: boolean, regs: RegisterSet, env: UnwindEnv): Promise<UnwindStep> {
  if (returnRegister < TRACKED_REGISTERS && row.rules[returnRegister] === Rule.Undefined) return 'outermost';
  const exprEnv: ExpressionEnv = { register: (r) => regs.get(r), readU64: (a) => env.memory.readU64(a) };
  const cfa = await computeCfa(row, regs, exprEnv);
  const caller = new RegisterSet();
  for (let reg = 0; reg < TRACKED_REGISTERS; reg++) caller.set(reg, await registerValue(row, reg, cfa, regs, exprEnv));
  // The CFA is by definition the caller's stack pointer on x86-64 when no rule says otherwise.
  if (row.rules[Reg.RSP] === Rule.Unspecified) caller.set(Reg.RSP, cfa);
  const pc = await registerValue(row, returnRegister, cfa, regs, exprEnv);
  if (pc === undefined) throw new Error('the return address is not recoverable');
  caller.set(Reg.RIP, pc);
  return { registers: caller, pc: BigInt.asUintN(64, pc), method: 'cfi', exactPc: signalFrame };
}

async function computeCfa(row: UnwindRow, regs: RegisterSet, env: ExpressionEnv): Promise<bigint> {
  if (row.cfaExpression !== undefined) return evaluate(row.cfaExpression, env);
  const base = regs.get(row.cfaRegister);
  if (base === undefined) throw new Error(`the CFA register ${row.cfaRegister} is not known`);
  return BigInt.asUintN(64, base + BigInt(row.cfaOffset));
}

async function registerValue(row: UnwindRow, reg: number, cfa: bigint, regs: RegisterSet, env: ExpressionEnv): Promise<bigint | undefined> {
  const operand = row.operands[reg];
  switch (row.rules[reg] as Rule) {
    case Rule.Unspecified:
      return isCalleeSaved(reg) ? regs.get(reg) : undefined;
    case Rule.Undefined:
      return undefined;
    case Rule.SameValue:
      return regs.get(reg);
    case Rule.Offset:
      return env.readU64(BigInt.asUintN(64, cfa + BigInt(operand)));
    case Rule.ValOffset:
      return BigInt.asUintN(64, cfa + BigInt(operand));
    case Rule.Register:
      return regs.get(operand);
    case Rule.Expression: {
      const expression = row.expressions[reg];
      return expression === undefined ? undefined : env.readU64(await evaluate(expression, env, cfa));
    }
    case Rule.ValExpression: {
      const expression = row.expressions[reg];
      return expression === undefined ? undefined : evaluate(expression, env, cfa);
    }
  }
}
