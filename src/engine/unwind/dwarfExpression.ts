// A DWARF expression evaluator (DWARF 5 §2.5) for what CFI needs: the stack operations, arithmetic,
// register-relative values and memory dereferences found in .eh_frame (PLT entries, signal
// trampolines, hand-written assembly). Values are 64-bit; named limits bound the stack and the
// number of operations, so a crafted expression (a branch back to itself) ends with an error.

import type { ByteCursor } from '../elf/byteCursor';

export const MAX_EXPRESSION_STACK = 64;
export const MAX_EXPRESSION_STEPS = 10_000;

export interface ExpressionEnv {
  register(reg: number): bigint | undefined;
  readU64(address: bigint): Promise<bigint | undefined>;
}

/** Why an expression produced no value. */
export class ExpressionError extends Error {}

const MASK = (1n << 64n) - 1n;
const signed = (v: bigint): bigint => BigInt.asIntN(64, v);

/** Binary operators 0x1a..0x2e, by opcode (DW_OP_and, div, minus, mod, mul, or, plus, shl, shr, shra, xor, eq..ne). */
const BINARY: Record<number, (a: bigint, b: bigint) => bigint> = {
  0x1a: (a, b) => a & b,
  0x1b: (a, b) => {
    if (b === 0n) throw new ExpressionError('division by zero');
    return signed(a) / signed(b);
  },
  0x1c: (a, b) => a - b,
  0x1d: (a, b) => {
    if (b === 0n) throw new ExpressionError('modulo by zero');
    return a % b;
  },
  0x1e: (a, b) => a * b,
  0x21: (a, b) => a | b,
  0x22: (a, b) => a + b,
  0x24: (a, b) => (b >= 64n ? 0n : a << b),
  0x25: (a, b) => (b >= 64n ? 0n : a >> b),
  0x26: (a, b) => signed(a) >> (b >= 64n ? 63n : b),
  0x27: (a, b) => a ^ b,
  0x29: (a, b) => (signed(a) === signed(b) ? 1n : 0n),
  0x2a: (a, b) => (signed(a) >= signed(b) ? 1n : 0n),
  0x2b: (a, b) => (signed(a) > signed(b) ? 1n : 0n),
  0x2c: (a, b) => (signed(a) <= signed(b) ? 1n : 0n),
  0x2d: (a, b) => (signed(a) < signed(b) ? 1n : 0n),
  0x2e: (a, b) => (signed(a) !== signed(b) ? 1n : 0n),
};

class Machine {
  readonly stack: bigint[] = [];

  constructor(private readonly c: ByteCursor) {}

  push(v: bigint): void {
    if (this.stack.length >= MAX_EXPRESSION_STACK) throw new ExpressionError(`stack deeper than ${MAX_EXPRESSION_STACK}`);
    this.stack.push(v & MASK);
  }

  pop(): bigint {
    const v = this.stack.pop();
    if (v === undefined) throw new ExpressionError(`stack underflow at byte ${this.c.pos}`);
    return v;
  }

  pick(index: number): bigint {
    const v = this.stack[this.stack.length - 1 - index];
    if (v === undefined) throw new ExpressionError(`DW_OP_pick ${index} beyond the stack`);
    return v;
  }
}

function register(env: ExpressionEnv, reg: number): bigint {
  const v = env.register(reg);
  if (v === undefined) throw new ExpressionError(`register ${reg} is not known in this frame`);
  return v;
}

async function deref(env: ExpressionEnv, address: bigint, size: number): Promise<bigint> {
  const v = await env.readU64(address);
  if (v === undefined) throw new ExpressionError(`memory at 0x${address.toString(16)} is not in the dump`);
  return size >= 8 ? v : v & ((1n << BigInt(size * 8)) - 1n);
}

/** Evaluates `expression` with `initial` pushed first (the CFA, for register rules); returns the top of the stack. */
export async function evaluate(expression: ByteCursor, env: ExpressionEnv, initial?: bigint): Promise<bigint> {
  const c = expression.seek(0);
  const m = new Machine(c);
  if (initial !== undefined) m.push(initial);
  for (let steps = 0; c.remaining > 0; steps++) {
    if (steps >= MAX_EXPRESSION_STEPS) throw new ExpressionError(`more than ${MAX_EXPRESSION_STEPS} operations`);
    await step(c.u8(), c, m, env);
  }
  return m.pop();
}

async function step(op: number, c: ByteCursor, m: Machine, env: ExpressionEnv): Promise<void> {
  if (op >= 0x30 && op <= 0x4f) return m.push(BigInt(op - 0x30)); // DW_OP_lit0..31
  if (op >= 0x70 && op <= 0x8f) return m.push(register(env, op - 0x70) + c.slebBig()); // DW_OP_breg0..31
  if (op >= 0x50 && op <= 0x6f) return m.push(register(env, op - 0x50)); // DW_OP_reg0..31, as a value
  const binary = BINARY[op];
  if (binary !== undefined) {
    const b = m.pop();
    return m.push(binary(m.pop(), b));
  }
  switch (op) {
    case 0x03: return m.push(c.u64()); // DW_OP_addr
    case 0x06: return m.push(await deref(env, m.pop(), 8));
    case 0x08: return m.push(BigInt(c.u8()));
    case 0x09: return m.push(BigInt(c.i8()));
    case 0x0a: return m.push(BigInt(c.u16()));
    case 0x0b: return m.push(BigInt(c.i16()));
    case 0x0c: return m.push(BigInt(c.u32()));
    case 0x0d: return m.push(BigInt(c.i32()));
    case 0x0e: return m.push(c.u64());
    case 0x0f: return m.push(c.i64());
    case 0x10: return m.push(c.ulebBig());
    case 0x11: return m.push(c.slebBig());
    case 0x12: return m.push(m.pick(0));
    case 0x13: return void m.pop();
    case 0x14: return m.push(m.pick(1));
    case 0x15: return m.push(m.pick(c.u8()));
    case 0x16: {
      const a = m.pop();
      const b = m.pop();
      m.push(a);
      return m.push(b);
    }
    case 0x17: {
      const a = m.pop();
      const b = m.pop();
      const d = m.pop();
      m.push(a);
      m.push(d);
      return m.push(b);
    }
    case 0x19: {
      const v = signed(m.pop());
      return m.push(v < 0n ? -v : v);
    }
    case 0x1f: return m.push(-m.pop());
    case 0x20: return m.push(~m.pop());
    case 0x23: return m.push(m.pop() + c.ulebBig()); // DW_OP_plus_uconst
    case 0x28: {
      const offset = c.i16();
      if (m.pop() !== 0n) c.seek(c.pos + offset);
      return;
    }
    case 0x2f: { // DW_OP_skip: the offset counts from the end of its own operand
      const offset = c.i16();
      return void c.seek(c.pos + offset);
    }
    case 0x90: return m.push(register(env, c.uleb())); // DW_OP_regx
    case 0x92: return m.push(register(env, c.uleb()) + c.slebBig()); // DW_OP_bregx
    case 0x94: return m.push(await deref(env, m.pop(), c.u8())); // DW_OP_deref_size
    case 0x96: return; // DW_OP_nop
    default:
      throw new ExpressionError(`DWARF operation 0x${op.toString(16)} is not supported in unwinding`);
  }
}
