// What the debugger shows for a JS frame: its arguments (named from the source's parameter list),
// its receiver, and the variables of the closures it can see — each Context in its chain holds the
// context-allocated variables whose names the Context's ScopeInfo lists. Everything is read only
// when the user opens a scope.

import type { InspectableScope, Inspectable } from '../../inspectable';
import type { JsFrameFacts } from '../frames/v8Frame';
import { isHeapObject, type Tagged } from '../heap/tagged';
import type { V8Scripts } from '../heap/v8Scripts';
import type { V8Process } from '../v8Process';
import { functionRanges, parseParameterNames } from './parameterNames';
import type { ValueInspector } from './valueInspector';

/** Contexts followed outwards at most. */
const MAX_CONTEXTS = 32;
/** More context locals than this are kept in a hash table, not inline (kScopeInfoMaxInlinedLocalNamesSize). */
const MAX_INLINED_LOCALS = 75;
/** Arguments shown at most. */
const MAX_ARGS = 256;

export class FrameScopes {
  constructor(
    private readonly v8: V8Process,
    private readonly scripts: V8Scripts,
    private readonly inspector: ValueInspector,
  ) {}

  scopes(facts: JsFrameFacts): InspectableScope[] {
    return [
      { name: 'Arguments', expensive: false, presentationHint: 'arguments', variables: () => this.argumentItems(facts) },
      { name: 'Closure', expensive: false, presentationHint: 'locals', variables: async () => this.contextVariables((await this.contexts(facts))[0]) },
      { name: 'Outer Closures', expensive: true, variables: () => this.outerItems(facts) },
      { name: 'Receiver', expensive: false, variables: async () => [await this.inspector.inspect('this', await this.receiver(facts))] },
    ];
  }

  async receiver(facts: JsFrameFacts): Promise<Tagged | undefined> {
    return facts.values.kind === 'values' ? facts.values.receiver : this.v8.memory.word(facts.values.receiverSlot);
  }

  /** The values passed to the frame, in order (undefined where the dump does not have them). */
  async argumentValues(facts: JsFrameFacts): Promise<(Tagged | undefined)[]> {
    if (facts.values.kind === 'values') return facts.values.args;
    const { receiverSlot, argc } = facts.values;
    const count = Math.min(argc ?? (await this.v8.functions.parameterCount(facts.sfi)) ?? 0, MAX_ARGS);
    return Promise.all(Array.from({ length: count }, (_, i) => this.v8.memory.word(receiverSlot + 8 * (i + 1))));
  }

  private async argumentItems(facts: JsFrameFacts): Promise<Inspectable[]> {
    const values = await this.argumentValues(facts);
    const names = await this.parameterNames(facts);
    const unavailable = facts.values.kind === 'values' ? '<optimized out>' : '<unavailable>';
    return Promise.all(values.map((v, i) => this.inspector.inspect(names[i] ?? `arguments[${i}]`, v, unavailable)));
  }

  private async parameterNames(facts: JsFrameFacts): Promise<string[]> {
    const script = await this.v8.functions.script(facts.sfi);
    const source = script === undefined ? undefined : await this.scripts.source(script);
    if (source === undefined || source.truncated) return [];
    for (const range of await functionRanges(this.v8, facts.sfi, source.length, facts.scriptOffset)) {
      const names = parseParameterNames(source.text, range.start);
      if (names !== undefined) return names;
    }
    return [];
  }

  /** The contexts the frame can see, innermost first, skipping those that hold no named variable. */
  private async contexts(facts: JsFrameFacts): Promise<Tagged[]> {
    const out: Tagged[] = [];
    let context = await this.startContext(facts);
    for (let i = 0; i < MAX_CONTEXTS && context !== undefined; i++) {
      if ((await this.localCount(context)) > 0) out.push(context);
      const previous = await this.v8.heap.fixedArrayGet(context, this.v8.layout.context.previous);
      context = (await this.isContext(previous)) ? previous : undefined;
    }
    return out;
  }

  /** One expandable group per outer context, named after the function (or module) that owns it. */
  private async outerItems(facts: JsFrameFacts): Promise<Inspectable[]> {
    const out: Inspectable[] = [];
    for (const context of (await this.contexts(facts)).slice(1)) {
      const owner = await this.ownerName(context);
      const count = await this.localCount(context);
      out.push({ name: owner, value: `${count} variable${count === 1 ? '' : 's'}`, children: () => this.contextVariables(context) });
    }
    return out;
  }

  private async ownerName(context: Tagged): Promise<string> {
    const scopeInfo = await this.scopeInfo(context);
    const name = scopeInfo === undefined ? '' : (await this.v8.functions.scopeInfoNames(scopeInfo)).name;
    return name === '' ? '(module or script)' : name;
  }

  /** The frame's current context when it is on the stack or suspended, else the closure's own. */
  private async startContext(facts: JsFrameFacts): Promise<Tagged | undefined> {
    if (facts.context !== undefined && (await this.isContext(facts.context))) return facts.context;
    if (facts.values.kind === 'stack' && facts.tier !== 'builtin-exit') {
      const slot = await this.v8.memory.word(facts.fp + this.v8.layout.frames.offsets.contextOrFrameType);
      if (await this.isContext(slot)) return slot;
    }
    const fn = facts.function;
    const context = fn === undefined ? undefined : await this.v8.functions.context(fn);
    return (await this.isContext(context)) ? context : undefined;
  }

  private async isContext(value: Tagged | undefined): Promise<boolean> {
    if (value === undefined || !isHeapObject(value)) return false;
    const type = await this.v8.heap.instanceType(value);
    return type !== undefined && type >= this.v8.layout.types.firstContext && type <= this.v8.layout.types.lastContext;
  }

  private async scopeInfo(context: Tagged): Promise<Tagged | undefined> {
    const scopeInfo = await this.v8.heap.fixedArrayGet(context, this.v8.layout.context.scopeInfo);
    return scopeInfo !== undefined && (await this.v8.heap.hasType(scopeInfo, this.v8.layout.types.scopeInfo)) ? scopeInfo : undefined;
  }

  /** Context-allocated variables a Context's ScopeInfo names inline (0 when it keeps them hashed). */
  private async localCount(context: Tagged): Promise<number> {
    const scopeInfo = await this.scopeInfo(context);
    const count = scopeInfo === undefined ? undefined : await this.v8.heap.smiField(scopeInfo, 8 + this.v8.layout.scopeInfo.ncontextLocals * 8);
    return count !== undefined && count > 0 && count < MAX_INLINED_LOCALS ? count : 0;
  }

  /** The named locals of one Context, read through its ScopeInfo. */
  private async contextVariables(context: Tagged | undefined): Promise<Inspectable[]> {
    if (context === undefined) return [];
    const { heap, layout } = this.v8;
    const scopeInfo = await this.scopeInfo(context);
    const count = await this.localCount(context);
    const length = await heap.fixedArrayLength(context);
    if (scopeInfo === undefined || count === 0 || length === undefined) return [];
    // Contexts that can be extended by sloppy eval carry one more slot before the locals.
    const first = length - count === layout.context.minSlots + 1 ? layout.context.minSlots + 1 : layout.context.minSlots;
    const out: Inspectable[] = [];
    for (let i = 0; i < count; i++) {
      const name = await this.v8.strings.read(await heap.field(scopeInfo, 8 + (layout.scopeInfo.firstVars + i) * 8), 256);
      // Names starting with "." are the parser's own temporaries (.generator_object, .this_function).
      if (name === undefined || name.text.startsWith('.')) continue;
      out.push(await this.inspector.inspect(name.text, await heap.fixedArrayGet(context, first + i)));
    }
    return out;
  }
}
