// Decoding one physical V8 frame (V8's StackFrame::ComputeType, read from the outside): a small
// marker in the context slot names V8's own frame types (entry, exit, stub, construct, ...);
// otherwise the slots hold a context and a function, and the code at the pc says the tier —
// the interpreter trampoline keeps a BytecodeArray in its frame, other builtins with a JSFunction
// are builtin JS frames (Array.prototype.map), and JIT code is looked up to tell Sparkplug, Maglev
// and Turbofan apart.

import type { V8Process } from '../v8Process';
import { JitFrames } from './jitFrames';
import { makeJsFrame } from './jsFrameFacts';
import { BytecodePositions, interpretedState } from './unoptimizedFrames';
import { type JsFrameFacts, type PhysicalFrame, unknownFrame, type V8FrameFacts } from './v8Frame';

/** Frame-type markers are small even integers (StackFrame::TypeToMarker: type << 1). */
const MAX_MARKER = 2 * 64;

export function markerType(slot: number | undefined): number | undefined {
  return slot !== undefined && slot >= 0 && slot < MAX_MARKER && slot % 2 === 0 ? slot / 2 : undefined;
}

export class FrameDecoder {
  private constructor(
    private readonly v8: V8Process,
    readonly positions: BytecodePositions,
    private readonly jit: JitFrames,
  ) {}

  static async create(v8: V8Process): Promise<FrameDecoder> {
    const positions = new BytecodePositions(v8);
    return new FrameDecoder(v8, positions, await JitFrames.create(v8, positions));
  }

  /** Why this process's optimized frames cannot be decoded, when they cannot. */
  get optimizedProblem(): string | undefined {
    return this.jit.optimizedProblem;
  }

  /** The V8 frames of one physical frame, innermost first; [] when the pc is not V8 code. */
  async decode(frame: PhysicalFrame): Promise<V8FrameFacts[]> {
    const facts = await this.decodeAll(frame);
    await this.markConstructorCall(frame, facts);
    return Promise.all(facts.map((f) => this.hideInvisible(f)));
  }

  /**
   * JavaScriptFrame::IsConstructor: a frame called by V8's construct stub (`new F()`) has a
   * construct frame as its caller. The outermost JS function of the physical frame is the callee.
   */
  private async markConstructorCall(frame: PhysicalFrame, facts: V8FrameFacts[]): Promise<void> {
    const outermost = facts[facts.length - 1];
    if (outermost?.type !== 'js' || outermost.tier === 'builtin-exit') return;
    const { memory, layout } = this.v8;
    const callerFp = await memory.word(frame.fp);
    const marker = callerFp === undefined ? undefined : markerType(await memory.word(callerFp + layout.frames.offsets.contextOrFrameType));
    if (marker !== undefined && (marker === layout.frames.types.construct || marker === layout.frames.types.fastConstruct)) outermost.isConstructor = true;
  }

  /** Frames V8 leaves out of stack traces (API callbacks, internal closures) become internal frames. */
  private async hideInvisible(facts: V8FrameFacts): Promise<V8FrameFacts> {
    if (facts.type !== 'js' || (await this.v8.functions.isVisibleInStackTrace(facts.sfi))) return facts;
    const name = await this.v8.functions.debugName(facts.sfi);
    return { type: 'internal', name: name === '' ? 'hidden JS function' : name, pc: facts.pc, fp: facts.fp };
  }

  private async decodeAll(frame: PhysicalFrame): Promise<V8FrameFacts[]> {
    const lookup = frame.exactPc ? frame.pc : frame.pc - 1;
    const code = await this.v8.codeOfFrame(frame.pc, frame.exactPc);
    if (code.kind === 'native') return [];
    if (code.kind === 'unknown') return [unknownFrame(frame, code.why)];
    const { memory, layout } = this.v8;
    const slot = await memory.word(frame.fp + layout.frames.offsets.contextOrFrameType);
    const marker = markerType(slot);
    if (marker !== undefined) return this.markerFrame(frame, marker, code.kind === 'builtin' ? code.name : undefined);
    if (code.kind === 'builtin') return this.builtinFrame(frame, code.name);
    return this.jit.decode(frame, lookup);
  }

  private async markerFrame(frame: PhysicalFrame, marker: number, builtin: string | undefined): Promise<V8FrameFacts[]> {
    const t = this.v8.layout.frames.types;
    const { pc, fp } = frame;
    if (marker === t.entry || marker === t.constructEntry) return [{ type: 'boundary', boundary: 'entry', pc, fp }];
    if (marker === t.exit || marker === t.apiCallbackExit) return [{ type: 'boundary', boundary: 'exit', pc, fp }];
    if (marker === t.builtinExit) {
      const js = await this.builtinExitFrame(frame);
      return js === undefined ? [{ type: 'boundary', boundary: 'exit', pc, fp }] : [{ type: 'boundary', boundary: 'exit', pc, fp }, js];
    }
    if (marker === t.jsContinuation || marker === t.jsContinuationWithCatch) {
      const fn = await this.v8.memory.word(fp + this.v8.layout.frames.offsets.function);
      const js = fn === undefined ? undefined : await makeJsFrame(this.v8, fn, 'continuation', frame, undefined);
      if (js !== undefined) return [js];
    }
    const name = marker === t.construct || marker === t.fastConstruct ? 'construct' : (builtin ?? `V8 frame type ${marker}`);
    return [{ type: 'internal', name, pc, fp }];
  }

  private async builtinFrame(frame: PhysicalFrame, name: string): Promise<V8FrameFacts[]> {
    const state = await interpretedState(this.v8, frame.fp);
    const fn = await this.v8.memory.word(frame.fp + this.v8.layout.frames.offsets.function);
    if (state !== undefined && fn !== undefined) {
      const offset = await this.positions.scriptOffset(state.bytecode, state.offset);
      const js = await makeJsFrame(this.v8, fn, 'interpreted', frame, offset);
      if (js !== undefined) return [js];
    }
    if (fn !== undefined) {
      const js = await makeJsFrame(this.v8, fn, 'builtin', frame, undefined);
      if (js !== undefined) return [js];
    }
    return [{ type: 'internal', name, pc: frame.pc, fp: frame.fp }];
  }

  /** A C++ builtin called like a JS function (JSON.parse): BuiltinExitFrame keeps the function above fp. */
  private async builtinExitFrame(frame: PhysicalFrame): Promise<JsFrameFacts | undefined> {
    const fn = await this.v8.memory.word(frame.fp + BUILTIN_EXIT_FUNCTION);
    return fn === undefined ? undefined : makeJsFrame(this.v8, fn, 'builtin-exit', frame, undefined);
  }
}

/** BuiltinExitFrameConstants::kFunctionOffset: the target function, above the return address. */
const BUILTIN_EXIT_FUNCTION = 24;
