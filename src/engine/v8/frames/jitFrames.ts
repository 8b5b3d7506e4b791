// Frames of code V8 compiled at run time: the code object holding the pc tells the tier. Sparkplug
// frames are unoptimized frames whose bytecode offset comes from the pc; Maglev and Turbofan frames
// are decoded from the deoptimization data, which lists every function inlined at the call site.

import type { V8Process } from '../v8Process';
import { baselineBytecodeOffset, BytecodeSizes } from './baselineFrames';
import { CodeLookup, type CodeObject } from './codeLookup';
import { makeJsFrame } from './jsFrameFacts';
import { OptimizedFrames } from './optimizedFrames';
import { loadTranslationOpcodes } from './translationOpcodes';
import type { BytecodePositions } from './unoptimizedFrames';
import { type PhysicalFrame, unknownFrame, type V8FrameFacts } from './v8Frame';

export class JitFrames {
  private readonly code: CodeLookup;

  private constructor(
    private readonly v8: V8Process,
    private readonly positions: BytecodePositions,
    private readonly sizes: BytecodeSizes | undefined,
    private readonly optimized: OptimizedFrames | undefined,
    /** Why optimized frames cannot be decoded in this process, when they cannot. */
    readonly optimizedProblem: string | undefined,
  ) {
    this.code = new CodeLookup(v8);
  }

  static async create(v8: V8Process, positions: BytecodePositions): Promise<JitFrames> {
    const opcodes = await loadTranslationOpcodes(v8);
    const optimized = typeof opcodes === 'string' ? undefined : new OptimizedFrames(v8, positions, opcodes);
    return new JitFrames(v8, positions, await BytecodeSizes.load(v8), optimized, typeof opcodes === 'string' ? opcodes : undefined);
  }

  /** The JS frames of a physical frame running JIT code, or one unknown frame saying why there are none. */
  async decode(frame: PhysicalFrame, lookupPc: number): Promise<V8FrameFacts[]> {
    const code = await this.code.find(lookupPc);
    if (code === undefined) return [unknownFrame(frame, 'no code object holds this pc')];
    const c = this.v8.layout.code;
    if (code.kind === c.kindBaseline) return (await this.baseline(frame, code)) ?? [unknownFrame(frame, 'Sparkplug code whose function or bytecode could not be read')];
    const tier = code.kind === c.kindMaglev ? 'Maglev' : code.kind === c.kindTurbofan ? 'Turbofan' : undefined;
    if (tier === undefined) return [unknownFrame(frame, `V8 code of kind ${code.kind}, not a JavaScript tier`)];
    if (this.optimized === undefined) return [unknownFrame(frame, `${tier} code: ${this.optimizedProblem ?? 'not decoded'}`)];
    return (await this.optimized.decode(frame, code, tier === 'Maglev')) ?? [unknownFrame(frame, `${tier} code with no safepoint or deoptimization translation at this pc`)];
  }

  private async baseline(frame: PhysicalFrame, code: CodeObject): Promise<V8FrameFacts[] | undefined> {
    const { memory, layout } = this.v8;
    const fn = await memory.word(frame.fp + layout.frames.offsets.function);
    const bytecode = await memory.word(frame.fp + layout.frames.offsets.bytecodeArray);
    if (fn === undefined || bytecode === undefined || this.sizes === undefined) return undefined;
    const offset = await baselineBytecodeOffset(this.v8, this.sizes, code, bytecode, frame.pc);
    const scriptOffset = offset === undefined ? undefined : await this.positions.scriptOffset(bytecode, offset);
    const js = await makeJsFrame(this.v8, fn, 'baseline', frame, scriptOffset);
    return js === undefined ? undefined : [js];
  }
}
