// Walking one thread's stack: from its registers, ask each unwinder in turn for the caller's
// registers until one answers, and stop on the rules that keep garbage from becoming a thousand
// frames — the stack pointer must grow, a return address must point into executable memory, and
// the depth is capped. Unwinders are pluggable: DWARF CFI and the frame-pointer chain today, a V8
// frame unwinder can be put in front of them without touching this loop.

import { RegisterSet } from './registers';
import { hex } from '../format';

/** Deepest stack walked; deeper is a runaway recursion or a loop through garbage. */
export const MAX_FRAMES = 1024;

export interface UnwindMemory {
  readU64(address: bigint): Promise<bigint | undefined>;
}

export interface UnwoundFrame {
  registers: RegisterSet;
  pc: bigint;
  /** How this frame's registers were recovered: 'context' for the thread's own, else the unwinder's name. */
  method: string;
  /**
   * True when `pc` is the instruction that was executing (the innermost frame, or a frame a signal
   * interrupted); false when it is a return address, which is looked up as pc - 1 so a call at the
   * very end of a function is attributed to that function.
   */
  exactPc: boolean;
}

export interface UnwindEnv {
  memory: UnwindMemory;
  /** Whether `pc` is in memory the process could execute (a mapping with PF_X). */
  isExecutable(pc: bigint): boolean;
}

/** 'outermost': the unwinder knows this frame is the first one (e.g. CFI marks the return address undefined). */
export type UnwindStep = UnwoundFrame | 'outermost' | undefined;

export interface FrameUnwinder {
  readonly name: string;
  /** The caller of `frame`, 'outermost', or undefined to let the next unwinder try. May throw: treated as undefined. */
  unwind(frame: UnwoundFrame, env: UnwindEnv): Promise<UnwindStep>;
}

export interface StackWalk {
  frames: UnwoundFrame[];
  /** Why the walk ended, in words ("reached the outermost frame", "stack pointer did not grow at 0x…"). */
  stopReason: string;
  /** True when the walk ended where the stack really ends, not on a failure or a limit. */
  complete: boolean;
}

export function lookupPc(frame: UnwoundFrame): bigint {
  return frame.exactPc || frame.pc === 0n ? frame.pc : frame.pc - 1n;
}

async function nextFrame(frame: UnwoundFrame, env: UnwindEnv, unwinders: FrameUnwinder[]): Promise<{ step: UnwindStep; failures: string[] }> {
  const failures: string[] = [];
  for (const unwinder of unwinders) {
    try {
      const step = await unwinder.unwind(frame, env);
      if (step !== undefined) return { step, failures };
    } catch (error) {
      failures.push(`${unwinder.name}: ${(error as Error).message}`);
    }
  }
  return { step: undefined, failures };
}

/** Why `caller` cannot follow `callee`, or undefined when it may. */
function refusal(callee: UnwoundFrame, caller: UnwoundFrame, env: UnwindEnv): string | undefined {
  const calleeSp = callee.registers.sp;
  const callerSp = caller.registers.sp;
  if (callerSp === undefined) return `the stack pointer of the caller of ${hex(callee.pc)} is unknown`;
  // A signal frame may switch stacks (sigaltstack): only there may the stack pointer go down.
  if (calleeSp !== undefined && callerSp <= calleeSp && !caller.exactPc) return `the stack pointer did not grow above ${hex(calleeSp)} (at pc ${hex(callee.pc)})`;
  if (!env.isExecutable(caller.pc)) return `return address ${hex(caller.pc)} is not in executable memory`;
  return undefined;
}

export async function walkStack(initial: RegisterSet, env: UnwindEnv, unwinders: FrameUnwinder[], maxFrames = MAX_FRAMES): Promise<StackWalk> {
  const pc = initial.pc;
  if (pc === undefined) return { frames: [], stopReason: 'the thread has no program counter', complete: false };
  const frames: UnwoundFrame[] = [{ registers: initial, pc, method: 'context', exactPc: true }];
  for (;;) {
    if (frames.length >= maxFrames) return { frames, stopReason: `stopped at the limit of ${maxFrames} frames`, complete: false };
    const frame = frames[frames.length - 1];
    const { step, failures } = await nextFrame(frame, env, unwinders);
    if (step === 'outermost') return { frames, stopReason: 'reached the outermost frame', complete: true };
    if (step === undefined) {
      const why = failures.length > 0 ? failures.join('; ') : 'no unwind information and no frame pointer';
      return { frames, stopReason: `cannot unwind past ${hex(frame.pc)}: ${why}`, complete: false };
    }
    if (step.pc === 0n) return { frames, stopReason: 'reached the outermost frame (return address 0)', complete: true };
    const refused = refusal(frame, step, env);
    if (refused !== undefined) return { frames, stopReason: refused, complete: false };
    frames.push(step);
  }
}
