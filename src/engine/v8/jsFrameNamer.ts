// The JS side of a core's stacks, plugged into the native walk (coreStacks' FrameNamer): every
// physical frame whose pc is V8 code — a builtin or JIT code — becomes the JS frames it holds
// (several for optimized code with inlining), a label where JavaScript calls into C++ or C++ into
// JavaScript, or one de-emphasised frame for V8's own bookkeeping, so the order stays the true
// one. Native frames are left to the native rules. The facts behind each JS frame are kept for
// its scopes (arguments, receiver, closure variables).

import type { CoreImage } from '../core/coreImage';
import type { FrameNamer } from '../core/coreStacks';
import { type Frame, JS_FRAME_ID } from '../crash';
import { hex } from '../format';
import type { UnwoundFrame } from '../unwind/stackWalker';
import { EvalOrigins } from './frames/evalOrigins';
import { FrameDecoder } from './frames/frameDecoder';
import { HeapSources } from './heapSources';
import { CallSiteNames } from './frames/frameNames';
import { JsFramePresenter } from './frames/jsFramePresenter';
import { type JsFrameFacts, unknownFrame, type V8FrameFacts } from './frames/v8Frame';
import { V8Objects } from './heap/v8Objects';
import { V8Scripts } from './heap/v8Scripts';
import { V8Process } from './v8Process';

/** Labels of the boundary frames (DAP presentationHint 'label'). */
export const EXIT_LABEL = 'JavaScript → native';
export const ENTRY_LABEL = 'native → JavaScript';

export class JsFrameNamer implements FrameNamer {
  /** The facts behind every JS frame produced, by the frame's JS_FRAME_ID. */
  private readonly facts: JsFrameFacts[] = [];
  /** Frames that could not be decoded, in words, for the opener's warnings. */
  readonly problems: string[] = [];

  private constructor(
    readonly v8: V8Process,
    readonly decoder: FrameDecoder,
    readonly scripts: V8Scripts,
    readonly objects: V8Objects,
    readonly evals: EvalOrigins,
    readonly sources: HeapSources,
    readonly names: CallSiteNames,
    private readonly presenter: JsFramePresenter,
  ) {
    if (decoder.optimizedProblem !== undefined) this.problems.push(`Turbofan and Maglev frames are not decoded: ${decoder.optimizedProblem}`);
  }

  /** JS frame decoding for a core; undefined when the process has no V8 with postmortem metadata. */
  static async open(image: CoreImage): Promise<JsFrameNamer | undefined> {
    const v8 = await V8Process.open(image);
    if (v8 === undefined) return undefined;
    const decoder = await FrameDecoder.create(v8);
    const scripts = new V8Scripts(v8.heap, v8.strings);
    const objects = new V8Objects(v8.heap, v8.strings);
    const evals = new EvalOrigins(v8, scripts, decoder.positions);
    const sources = new HeapSources(scripts);
    const names = new CallSiteNames(v8, objects, evals);
    return new JsFrameNamer(v8, decoder, scripts, objects, evals, sources, names, new JsFramePresenter(v8, scripts, evals, names, sources));
  }

  async name(frame: UnwoundFrame): Promise<Frame[] | undefined> {
    const fp = frame.registers.fp;
    if (fp === undefined || frame.pc > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
    try {
      const decoded = await this.decoder.decode({ pc: Number(frame.pc), fp: Number(fp), exactPc: frame.exactPc });
      if (decoded.length === 0) return undefined;
      return await Promise.all(decoded.map((f) => this.toFrame(f, frame.exactPc)));
    } catch (error) {
      // V8's code that cannot be decoded is shown as such; anything else keeps its native description.
      const code = await this.v8.codeOfFrame(Number(frame.pc), frame.exactPc).catch(() => undefined);
      const why = (error as Error).message;
      if (code !== undefined && code.kind !== 'native') return [await this.toFrame(unknownFrame({ pc: Number(frame.pc), fp: Number(fp), exactPc: frame.exactPc }, why), frame.exactPc)];
      this.problems.push(`a frame at 0x${frame.pc.toString(16)} could not be decoded: ${why}`);
      return undefined;
    }
  }

  /** The facts behind a JS frame this namer produced (or a copy of one); undefined for any other frame. */
  factsOf(frame: Frame): JsFrameFacts | undefined {
    const id = frame[JS_FRAME_ID];
    return id === undefined ? undefined : this.facts[id];
  }

  /** The frame of a JS function's facts, kept so that its scopes can be found (also for frames not on the stack). */
  async jsFrame(facts: JsFrameFacts): Promise<Frame> {
    const frame = await this.presenter.present(facts);
    frame[JS_FRAME_ID] = this.facts.push(facts) - 1;
    return frame;
  }

  private async toFrame(facts: V8FrameFacts, exactPc: boolean): Promise<Frame> {
    if (facts.type === 'js') return this.jsFrame(facts);
    if (facts.type === 'boundary') return { kind: 'marker', function: facts.boundary === 'exit' ? EXIT_LABEL : ENTRY_LABEL };
    if (facts.type === 'unknown') return { kind: 'v8', function: `<unknown V8 frame at ${hex(facts.pc)}: ${facts.why}>`, pc: hex(facts.pc), undecoded: facts.why };
    const code = await this.v8.codeOfFrame(facts.pc, exactPc);
    let name = facts.name;
    if (code.kind === 'builtin') name = facts.name === code.name ? `Builtins_${code.name}` : `Builtins_${code.name} (${facts.name})`;
    return { kind: 'v8', function: name, pc: hex(facts.pc), isInternal: true };
  }
}
