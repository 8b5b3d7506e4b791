// The CFI state machine, the DWARF expression evaluator and the stack walker on synthesised input:
// one test per malformation (each a named error, never a loop or a crash), and the expected values
// worked out by hand from the DWARF 5 specification.

import * as assert from 'assert';
import { DumpError } from '../../../../src/engine/dumpError';
import { ByteCursor } from '../../../../src/engine/elf/byteCursor';
import type { Cie, Fde } from '../../../../src/engine/unwind/cfiEntries';
import { CfiContext, MAX_REMEMBER_DEPTH, Rule } from '../../../../src/engine/unwind/cfiProgram';
import { evaluate, ExpressionError, MAX_EXPRESSION_STEPS } from '../../../../src/engine/unwind/dwarfExpression';
import { FramePointerUnwinder } from '../../../../src/engine/unwind/framePointerUnwinder';
import { Reg, RegisterSet } from '../../../../src/engine/unwind/registers';
import { type FrameUnwinder, MAX_FRAMES, walkStack } from '../../../../src/engine/unwind/stackWalker';

const cursor = (bytes: number[], what = 'test CFI'): ByteCursor => new ByteCursor(Uint8Array.from(bytes), 'synthetic', what, 1000);

/** A CIE like gcc's for x86-64: code align 1, data align -8, ra in 16, CFA = rsp+8, ra at CFA-8. */
function fde(instructions: number[], pcBegin = 0x1000, pcEnd = 0x1100): Fde {
  const cie: Cie = { codeAlign: 1, dataAlign: -8, returnRegister: 16, fdeEncoding: 0x1b, signalFrame: false, hasAugmentationData: true, instructions: cursor([0x0c, 0x07, 0x08, 0x90, 0x01]) };
  return { cie, pcBegin, pcEnd, instructions: cursor(instructions) };
}

const noAddress = (): number => 0;

suite('CFI state machine, expressions and walk limits', () => {
  test('rows advance with the location: push rbp; mov rbp,rsp gives CFA rsp+16 then rbp+16', () => {
    // advance 1; def_cfa_offset 16; offset r6 at cfa-16; advance 3; def_cfa_register r6
    const program = fde([0x41, 0x0e, 0x10, 0x86, 0x02, 0x43, 0x0d, 0x06]);
    const context = new CfiContext();
    const at0 = context.rowFor(program, 0x1000, noAddress);
    assert.deepStrictEqual([at0.cfaRegister, at0.cfaOffset, at0.rules[Reg.RBP]], [Reg.RSP, 8, Rule.Unspecified]);
    const at1 = context.rowFor(program, 0x1001, noAddress);
    assert.deepStrictEqual([at1.cfaRegister, at1.cfaOffset, at1.rules[Reg.RBP], at1.operands[Reg.RBP]], [Reg.RSP, 16, Rule.Offset, -16]);
    const at4 = context.rowFor(program, 0x1004, noAddress);
    assert.deepStrictEqual([at4.cfaRegister, at4.cfaOffset], [Reg.RBP, 16]);
    assert.deepStrictEqual([at4.rules[Reg.RIP], at4.operands[Reg.RIP]], [Rule.Offset, -8]);
  });

  test('remember/restore state brings the whole row back', () => {
    // advance 1; def_cfa_offset 16; remember; def_cfa_offset 8; advance 1; restore
    const program = fde([0x41, 0x0e, 0x10, 0x0a, 0x0e, 0x08, 0x41, 0x0b]);
    assert.strictEqual(new CfiContext().rowFor(program, 0x1002, noAddress).cfaOffset, 16);
  });

  test('restore_state without a remembered state is an error at its byte', () => {
    assert.throws(
      () => new CfiContext().rowFor(fde([0x00, 0x0b]), 0x1000, noAddress),
      (e: unknown) => e instanceof DumpError && /without a remembered state/.test(e.message) && e.offset === 1002,
    );
  });

  test(`remember_state nested deeper than ${MAX_REMEMBER_DEPTH} is refused`, () => {
    const program = fde(new Array<number>(MAX_REMEMBER_DEPTH + 1).fill(0x0a));
    assert.throws(() => new CfiContext().rowFor(program, 0x1000, noAddress), new RegExp(`nested deeper than ${MAX_REMEMBER_DEPTH}`));
  });

  test('an unknown opcode is an error naming it', () => {
    assert.throws(() => new CfiContext().rowFor(fde([0x3f]), 0x1000, noAddress), /unknown call frame instruction 0x3f \(at byte offset 1000\)/);
  });

  test('an operand cut off at the end of the program is an error, not a wrong row', () => {
    assert.throws(() => new CfiContext().rowFor(fde([0x0c, 0x07]), 0x1000, noAddress), /truncated/);
  });

  test('a PLT-style CFA expression: rsp+8 plus 8 once rip&15 >= 11', async () => {
    // breg7 +8; breg16 +0; lit15; and; lit11; ge; lit3; shl; plus  (.plt entries, from binutils)
    const expression = cursor([0x77, 0x08, 0x80, 0x00, 0x3f, 0x1a, 0x3b, 0x2a, 0x33, 0x24, 0x22]);
    const registers = (rip: bigint) => ({ register: (r: number) => (r === 7 ? 0x7000n : r === 16 ? rip : undefined), readU64: async () => undefined });
    assert.strictEqual(await evaluate(expression, registers(0x1004n)), 0x7008n);
    assert.strictEqual(await evaluate(expression, registers(0x100cn)), 0x7010n);
  });

  test('an expression that branches back to itself stops at the step limit', async () => {
    const loop = cursor([0x2f, 0xfd, 0xff]); // DW_OP_skip -3: jumps to itself
    await assert.rejects(evaluate(loop, { register: () => 0n, readU64: async () => 0n }), (e: unknown) => e instanceof ExpressionError && e.message.includes(String(MAX_EXPRESSION_STEPS)));
  });

  test('stack underflow and unreadable memory are expression errors', async () => {
    const env = { register: () => 0n, readU64: async () => undefined };
    await assert.rejects(evaluate(cursor([0x22]), env), /underflow/);
    await assert.rejects(evaluate(cursor([0x30, 0x06]), env), /memory at 0x0 is not in the dump/);
  });

  test('an unwinder that returns a caller whose stack pointer did not grow is not followed', async () => {
    // Corrupt CFI can describe a "caller" at the same stack pointer: the walk must stop there.
    const sameFrame: FrameUnwinder = { name: 'corrupt', unwind: async (frame) => ({ ...frame, pc: 0x4010n, exactPc: false }) };
    const regs = new RegisterSet();
    regs.set(Reg.RIP, 0x4000n);
    regs.set(Reg.RSP, 0x6ff0n);
    const walk = await walkStack(regs, { memory: { readU64: async () => undefined }, isExecutable: () => true }, [sameFrame]);
    assert.strictEqual(walk.frames.length, 1);
    assert.strictEqual(walk.complete, false);
    assert.match(walk.stopReason, /stack pointer did not grow above 0x6ff0/);
  });

  test('a frame-pointer chain that points below the stack ends the walk', async () => {
    const memory = new Map<bigint, bigint>([
      [0x7000n, 0x7000n],
      [0x7008n, 0x4000n],
    ]);
    const regs = new RegisterSet();
    regs.set(Reg.RIP, 0x4000n);
    regs.set(Reg.RSP, 0x6ff0n);
    regs.set(Reg.RBP, 0x7000n);
    const walk = await walkStack(regs, { memory: { readU64: async (a) => memory.get(a) }, isExecutable: () => true }, [new FramePointerUnwinder()]);
    assert.strictEqual(walk.frames.length, 2);
    assert.match(walk.stopReason, /cannot unwind past 0x4000: no unwind information and no frame pointer/);
  });

  test(`an endless but growing chain stops at ${MAX_FRAMES} frames`, async () => {
    // Every frame record points 32 bytes further up: a stack that never ends.
    const memory = { readU64: async (a: bigint) => (a % 32n === 0n ? a + 32n : 0x4000n) };
    const regs = new RegisterSet();
    regs.set(Reg.RIP, 0x4000n);
    regs.set(Reg.RSP, 0x10000n);
    regs.set(Reg.RBP, 0x10000n);
    const walk = await walkStack(regs, { memory, isExecutable: () => true }, [new FramePointerUnwinder()]);
    assert.strictEqual(walk.frames.length, MAX_FRAMES);
    assert.match(walk.stopReason, new RegExp(`limit of ${MAX_FRAMES} frames`));
  });

  test('a return address outside executable memory ends the walk with that reason', async () => {
    const memory = new Map<bigint, bigint>([
      [0x7000n, 0x7100n],
      [0x7008n, 0x1234n],
    ]);
    const regs = new RegisterSet();
    regs.set(Reg.RIP, 0x4000n);
    regs.set(Reg.RSP, 0x6ff0n);
    regs.set(Reg.RBP, 0x7000n);
    const walk = await walkStack(regs, { memory: { readU64: async (a) => memory.get(a) }, isExecutable: (pc) => pc === 0x4000n }, [new FramePointerUnwinder()]);
    assert.strictEqual(walk.frames.length, 1);
    assert.match(walk.stopReason, /return address 0x1234 is not in executable memory/);
  });
});
