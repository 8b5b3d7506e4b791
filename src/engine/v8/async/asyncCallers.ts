// The `async callers` of a thread: where its stack shows an async function resumed by the microtask
// queue (one of V8's await closures on the stack, the innermost of them being the microtask that ran
// last), the functions that await it — suspended, so on no stack — are rebuilt from the heap
// (awaitChain.ts) and follow the live frames after a label, as `at async …` lines follow the live
// ones in Node's Error.stack. Each suspended function is a JS frame like any other: named, located
// at the await it is suspended at, source-mapped, with its arguments and its context's variables.

import type { ThreadStack } from '../../core/coreStacks';
import type { Frame } from '../../crash';
import { hex } from '../../format';
import type { JsFrameNamer } from '../jsFrameNamer';
import { AwaitChain, type AsyncCaller } from './awaitChain';

/** The label before the rebuilt frames (DAP presentationHint 'label'). */
export const ASYNC_CALLERS_LABEL = 'async callers';

/** The builtins through which an await resumes its async function or async generator. */
const RESUMING_BUILTIN = /^Async(Function|Generator)\w*(Resolve|Reject)Closure$/;

export class AsyncCallers {
  private readonly chain: AwaitChain;

  constructor(private readonly namer: JsFrameNamer) {
    this.chain = new AwaitChain(namer.v8);
  }

  /** Appends the thread's async callers (after the label) when its stack resumed an async function. */
  async append(stack: ThreadStack): Promise<void> {
    const closure = await this.resumingClosure(stack);
    const callers = closure === undefined ? [] : await this.chain.callersOfResumed(closure);
    if (callers.length === 0) return;
    const frames = await Promise.all(callers.map((c) => this.frameOf(c)));
    stack.frames.push({ kind: 'marker', function: ASYNC_CALLERS_LABEL }, ...frames);
    const last = stack.registers[stack.registers.length - 1];
    // Rebuilt frames have no registers of their own: they share the outermost frame's, as labels do.
    for (let i = 0; i <= frames.length; i++) stack.registers.push(last);
  }

  /** The closure of the innermost await-resuming builtin frame on the stack. */
  private async resumingClosure(stack: ThreadStack): Promise<number | undefined> {
    const v8 = this.namer.v8;
    for (const [index, frame] of stack.frames.entries()) {
      const fp = stack.registers[index]?.fp;
      if (frame.kind !== 'v8' || frame.pc === undefined || fp === undefined) continue;
      const code = await v8.codeOfFrame(Number(frame.pc), index === 0);
      if (code.kind !== 'builtin' || !RESUMING_BUILTIN.test(code.name)) continue;
      return v8.memory.word(Number(fp) + v8.layout.frames.offsets.function);
    }
    return undefined;
  }

  private async frameOf(caller: AsyncCaller): Promise<Frame> {
    if (caller.kind === 'combinator') {
      return { kind: 'async', function: `${caller.name} (index ${caller.index ?? '?'})`, isInternal: true };
    }
    const v8 = this.namer.v8;
    const sfi = await v8.functions.shared(caller.function);
    const bytecode = sfi === undefined ? undefined : await v8.functions.bytecodeArray(sfi);
    const scriptOffset = bytecode === undefined || caller.bytecodeOffset === undefined ? undefined : await this.namer.decoder.positions.scriptOffset(bytecode, caller.bytecodeOffset);
    if (sfi === undefined) return { kind: 'async', function: `<async function at ${hex(caller.function)}: no SharedFunctionInfo>`, undecoded: 'the suspended function has no SharedFunctionInfo' };
    const frame = await this.namer.jsFrame({
      type: 'js',
      tier: 'suspended',
      function: caller.function,
      sfi,
      scriptOffset,
      isConstructor: false,
      values: { kind: 'values', receiver: caller.receiver, args: caller.args },
      context: caller.context,
      fp: 0,
      pc: 0,
    });
    delete frame.pc;
    frame.kind = 'async';
    return frame;
  }
}
