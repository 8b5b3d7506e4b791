// JS frame facts as the Frame every front end shows, spelled the way Node prints a stack (V8's
// CallSiteInfo serialization): the function's name (qualified by its receiver where V8 would),
// `new` for constructors, the script and the 1-based line and column of the executing position,
// `<anonymous>` as the location of builtins, and eval origins for code from eval/new Function.

import type { Frame } from '../../crash';
import { ANONYMOUS } from '../../report/stackLine';
import type { V8Scripts } from '../heap/v8Scripts';
import type { HeapSources } from '../heapSources';
import type { V8Process } from '../v8Process';
import type { EvalOrigins } from './evalOrigins';
import type { CallSiteNames } from './frameNames';
import type { JsFrameFacts } from './v8Frame';
import { hex } from '../../format';

export class JsFramePresenter {
  constructor(
    private readonly v8: V8Process,
    private readonly scripts: V8Scripts,
    private readonly evals: EvalOrigins,
    private readonly namer: CallSiteNames,
    /** Told about every script a frame is located in, so its text can be served later. */
    private readonly sources: HeapSources,
  ) {}

  async present(facts: JsFrameFacts): Promise<Frame> {
    const script = await this.v8.functions.script(facts.sfi);
    const name = await this.namer.name(facts, script);
    const frame: Frame = { kind: 'js', function: name === '' ? ANONYMOUS : name, pc: hex(facts.pc) };
    if (facts.isConstructor) frame.isConstructor = true;
    if (script === undefined || facts.tier === 'builtin' || facts.tier === 'builtin-exit' || facts.tier === 'continuation') {
      frame.file = ANONYMOUS;
      frame.isInternal = true;
      return frame;
    }
    const info = await this.scripts.get(script);
    const origin = await this.evals.originOf(script);
    if (origin !== undefined) frame.evalOrigin = origin;
    frame.file = info.name !== '' ? info.name : ANONYMOUS;
    this.sources.register(info.name, script);
    if (facts.scriptOffset !== undefined) {
      const position = await this.scripts.position(script, facts.scriptOffset);
      if (position !== undefined) {
        frame.line = position.line;
        frame.column = position.column;
      }
    }
    if (info.name.startsWith('node:') || /^internal[\\/]/.test(info.name)) frame.isInternal = true;
    return frame;
  }
}
