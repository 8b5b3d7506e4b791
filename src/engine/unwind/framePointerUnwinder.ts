// The frame-pointer fallback: with `push rbp; mov rbp, rsp` prologues, [rbp] holds the caller's rbp
// and [rbp+8] the return address. V8-generated code always keeps this chain, so it is also how the
// walk crosses JIT frames, which have no CFI. Only callee-saved rbp is recovered; other registers
// of the caller are unknown.

import { Reg, RegisterSet } from './registers';
import type { FrameUnwinder, UnwindEnv, UnwindStep, UnwoundFrame } from './stackWalker';

export class FramePointerUnwinder implements FrameUnwinder {
  readonly name = 'frame pointer';

  async unwind(frame: UnwoundFrame, env: UnwindEnv): Promise<UnwindStep> {
    const fp = frame.registers.fp;
    const sp = frame.registers.sp;
    // A frame pointer below the stack pointer, misaligned or null is not a frame record.
    if (fp === undefined || fp === 0n || fp % 8n !== 0n) return undefined;
    if (sp !== undefined && fp < sp) return undefined;
    const savedFp = await env.memory.readU64(fp);
    const returnAddress = await env.memory.readU64(fp + 8n);
    if (savedFp === undefined || returnAddress === undefined) return undefined;
    const caller = new RegisterSet();
    caller.set(Reg.RBP, savedFp);
    caller.set(Reg.RSP, fp + 16n);
    caller.set(Reg.RIP, returnAddress);
    return { registers: caller, pc: returnAddress, method: 'frame-pointer', exactPc: false };
  }
}
