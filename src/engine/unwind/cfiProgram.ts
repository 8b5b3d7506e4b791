// The CFI state machine (DWARF 5 §6.4.2, "Call Frame Instructions"): runs a CIE's initial
// instructions and then an FDE's up to a pc, producing the unwind row for that pc — how to compute
// the CFA and where each register of the caller was saved. One reusable context per walk: rows and
// the remember-state stack are allocated once, so unwinding many frames allocates almost nothing.

import type { ByteCursor } from '../elf/byteCursor';
import type { Cie, Fde } from './cfiEntries';
import { readEncoded } from './ehPointer';
import { TRACKED_REGISTERS } from './registers';

export const enum Rule {
  /** No rule given: the unwinder applies the ABI's default for the register. */
  Unspecified = 0,
  Undefined,
  SameValue,
  /** Saved at CFA + N. */
  Offset,
  /** Value is CFA + N. */
  ValOffset,
  /** Value is in another register. */
  Register,
  /** Saved at the address an expression computes. */
  Expression,
  /** Value is what an expression computes. */
  ValExpression,
}

/** Deepest DW_CFA_remember_state nesting accepted; compilers use one or two levels. */
export const MAX_REMEMBER_DEPTH = 64;

export class UnwindRow {
  cfaRegister = 0;
  cfaOffset = 0;
  cfaExpression: ByteCursor | undefined = undefined;
  readonly rules = new Uint8Array(TRACKED_REGISTERS);
  /** The offset (Offset, ValOffset) or register number (Register) of each rule. */
  readonly operands = new Float64Array(TRACKED_REGISTERS);
  readonly expressions: (ByteCursor | undefined)[] = new Array<ByteCursor | undefined>(TRACKED_REGISTERS).fill(undefined);

  copyFrom(other: UnwindRow): void {
    this.cfaRegister = other.cfaRegister;
    this.cfaOffset = other.cfaOffset;
    this.cfaExpression = other.cfaExpression;
    this.rules.set(other.rules);
    this.operands.set(other.operands);
    for (let i = 0; i < TRACKED_REGISTERS; i++) this.expressions[i] = other.expressions[i];
  }

  clear(): void {
    this.cfaRegister = 0;
    this.cfaOffset = 0;
    this.cfaExpression = undefined;
    this.rules.fill(Rule.Unspecified);
    this.operands.fill(0);
    this.expressions.fill(undefined);
  }

  setRule(reg: number, rule: Rule, operand = 0, expression?: ByteCursor): void {
    if (reg >= TRACKED_REGISTERS) return;
    this.rules[reg] = rule;
    this.operands[reg] = operand;
    this.expressions[reg] = expression;
  }
}

/** Runs CFI programs; reuse one per stack walk. */
export class CfiContext {
  readonly row = new UnwindRow();
  private readonly initial = new UnwindRow();
  private readonly stack: UnwindRow[] = Array.from({ length: MAX_REMEMBER_DEPTH }, () => new UnwindRow());
  private depth = 0;
  private loc = 0;

  /**
   * The row in effect at `pc` (a file address inside the FDE's range). `instructionAddress` maps
   * a cursor to the link-time address of its first byte, for DW_CFA_set_loc's encoded operand.
   */
  rowFor(fde: Fde, pc: number, instructionAddress: (c: ByteCursor) => number): UnwindRow {
    this.row.clear();
    this.depth = 0;
    this.loc = fde.pcBegin;
    this.execute(fde.cie, fde.cie.instructions, Infinity, instructionAddress);
    this.initial.copyFrom(this.row);
    this.execute(fde.cie, fde.instructions, pc, instructionAddress);
    return this.row;
  }

  /** Executes instructions until the location passes `pc` or the instructions end. */
  private execute(cie: Cie, program: ByteCursor, pc: number, instructionAddress: (c: ByteCursor) => number): void {
    program.seek(0);
    while (program.remaining > 0) {
      const op = program.u8();
      const high = op & 0xc0;
      const low = op & 0x3f;
      if (high === 0x40) {
        if (!this.advance(low * cie.codeAlign, pc)) return;
      } else if (high === 0x80) {
        this.row.setRule(low, Rule.Offset, program.uleb() * cie.dataAlign);
      } else if (high === 0xc0) {
        this.restore(low);
      } else if (!this.extended(op, cie, program, pc, instructionAddress)) {
        return;
      }
    }
  }

  /** Moves the location; false when it has passed the target pc (the current row applies). */
  private advance(delta: number, pc: number): boolean {
    if (this.loc + delta > pc) return false;
    this.loc += delta;
    return true;
  }

  private restore(reg: number): void {
    if (reg >= TRACKED_REGISTERS) return;
    this.row.setRule(reg, this.initial.rules[reg], this.initial.operands[reg], this.initial.expressions[reg]);
  }

  /** The opcodes with a zero high part; false when execution should stop at this row. */
  private extended(op: number, cie: Cie, p: ByteCursor, pc: number, instructionAddress: (c: ByteCursor) => number): boolean {
    const row = this.row;
    switch (op) {
      case 0x00: // DW_CFA_nop
      case 0x2e: // DW_CFA_GNU_args_size: only matters for exception landing pads
        if (op === 0x2e) p.uleb();
        return true;
      case 0x01: {
        const base = instructionAddress(p);
        const target = readEncoded(p, cie.fdeEncoding, { section: base });
        if (target > pc) return false;
        this.loc = target;
        return true;
      }
      case 0x02:
        return this.advance(p.u8() * cie.codeAlign, pc);
      case 0x03:
        return this.advance(p.u16() * cie.codeAlign, pc);
      case 0x04:
        return this.advance(p.u32() * cie.codeAlign, pc);
      case 0x05: // DW_CFA_offset_extended
        row.setRule(p.uleb(), Rule.Offset, p.uleb() * cie.dataAlign);
        return true;
      case 0x06: // DW_CFA_restore_extended
        this.restore(p.uleb());
        return true;
      case 0x07:
        row.setRule(p.uleb(), Rule.Undefined);
        return true;
      case 0x08:
        row.setRule(p.uleb(), Rule.SameValue);
        return true;
      case 0x09:
        row.setRule(p.uleb(), Rule.Register, p.uleb());
        return true;
      case 0x0a: // DW_CFA_remember_state
        if (this.depth >= MAX_REMEMBER_DEPTH) p.fail(`DW_CFA_remember_state nested deeper than ${MAX_REMEMBER_DEPTH}`);
        this.stack[this.depth++].copyFrom(row);
        return true;
      case 0x0b: {
        // DW_CFA_restore_state brings back the whole row, the CFA rule included (§6.4.2.4).
        if (this.depth === 0) p.fail('DW_CFA_restore_state without a remembered state');
        row.copyFrom(this.stack[--this.depth]);
        return true;
      }
      default:
        return this.cfaInstruction(op, cie, p);
    }
  }

  private cfaInstruction(op: number, cie: Cie, p: ByteCursor): boolean {
    const row = this.row;
    switch (op) {
      case 0x0c: // DW_CFA_def_cfa
        row.cfaRegister = p.uleb();
        row.cfaOffset = p.uleb();
        row.cfaExpression = undefined;
        return true;
      case 0x0d:
        row.cfaRegister = p.uleb();
        row.cfaExpression = undefined;
        return true;
      case 0x0e:
        row.cfaOffset = p.uleb();
        return true;
      case 0x0f:
        row.cfaExpression = p.sub(p.uleb(), 'DW_CFA_def_cfa_expression');
        return true;
      case 0x10: {
        const reg = p.uleb();
        row.setRule(reg, Rule.Expression, 0, p.sub(p.uleb(), 'DW_CFA_expression'));
        return true;
      }
      case 0x11: // DW_CFA_offset_extended_sf
        row.setRule(p.uleb(), Rule.Offset, p.sleb() * cie.dataAlign);
        return true;
      case 0x12: // DW_CFA_def_cfa_sf
        row.cfaRegister = p.uleb();
        row.cfaOffset = p.sleb() * cie.dataAlign;
        row.cfaExpression = undefined;
        return true;
      case 0x13:
        row.cfaOffset = p.sleb() * cie.dataAlign;
        return true;
      case 0x14:
        row.setRule(p.uleb(), Rule.ValOffset, p.uleb() * cie.dataAlign);
        return true;
      case 0x15:
        row.setRule(p.uleb(), Rule.ValOffset, p.sleb() * cie.dataAlign);
        return true;
      case 0x16: {
        const reg = p.uleb();
        row.setRule(reg, Rule.ValExpression, 0, p.sub(p.uleb(), 'DW_CFA_val_expression'));
        return true;
      }
      case 0x2f: // DW_CFA_GNU_negative_offset_extended
        row.setRule(p.uleb(), Rule.Offset, -p.uleb() * cie.dataAlign);
        return true;
      default:
        return p.fail(`unknown call frame instruction 0x${op.toString(16)}`, p.pos - 1);
    }
  }
}
