// "eval at outer (/app/x.js:3:13)": where code from eval or new Function came from, built as V8's
// FormatEvalOrigin does — the SharedFunctionInfo that called eval, and the position of the call in
// its script, recursively when that script was itself eval'd. A script is eval'd when its
// eval_from_shared slot holds a SharedFunctionInfo (CommonJS wrappers keep an argument list there).

import type { V8Scripts } from '../heap/v8Scripts';
import type { Tagged } from '../heap/tagged';
import type { V8Process } from '../v8Process';
import type { BytecodePositions } from './unoptimizedFrames';

/** eval inside eval inside eval...: deeper than this is garbage or a cycle. */
const MAX_DEPTH = 16;

export class EvalOrigins {
  private readonly cache = new Map<Tagged, Promise<string | undefined>>();

  constructor(
    private readonly v8: V8Process,
    private readonly scripts: V8Scripts,
    private readonly positions: BytecodePositions,
  ) {}

  /** The SharedFunctionInfo that eval'd `script`, when it was eval'd. */
  async evalFromShared(script: Tagged): Promise<Tagged | undefined> {
    const shared = await this.v8.heap.objectField(script, this.v8.layout.script.evalFromShared);
    return (await this.v8.functions.isSharedFunctionInfo(shared)) ? shared : undefined;
  }

  originOf(script: Tagged, depth = 0): Promise<string | undefined> {
    let found = this.cache.get(script);
    if (found === undefined) {
      found = this.format(script, depth);
      this.cache.set(script, found);
    }
    return found;
  }

  private async format(script: Tagged, depth: number): Promise<string | undefined> {
    if (depth > MAX_DEPTH) return undefined;
    const shared = await this.evalFromShared(script);
    if (shared === undefined) return undefined;
    const name = await this.v8.functions.debugName(shared);
    let text = `eval at ${name === '' ? '<anonymous>' : name}`;
    const outer = await this.v8.functions.script(shared);
    if (outer === undefined) return text;
    const nested = await this.originOf(outer, depth + 1);
    if (nested !== undefined) return `${text} (${nested})`;
    const outerName = (await this.scripts.get(outer)).name;
    const offset = await this.callPosition(script, shared);
    const position = offset === undefined ? undefined : await this.scripts.position(outer, offset);
    if (outerName === '') text += ' (unknown source)';
    else text += position === undefined ? ` (${outerName})` : ` (${outerName}:${position.line}:${position.column})`;
    return text;
  }

  /** Script offset of the eval call: V8 stores either the offset or, until asked, minus the bytecode offset. */
  private async callPosition(script: Tagged, shared: Tagged): Promise<number | undefined> {
    const raw = await this.v8.heap.smiField(script, this.v8.layout.script.evalFromPosition);
    if (raw === undefined) return undefined;
    if (raw >= 0) return raw;
    const bytecode = await this.v8.functions.bytecodeArray(shared);
    return bytecode === undefined ? undefined : this.positions.scriptOffset(bytecode, -raw);
  }
}
