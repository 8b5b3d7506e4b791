// Functions as V8 stores them: a JSFunction (closure) points at its SharedFunctionInfo, which holds
// the name (a String, or inside the function's ScopeInfo), the Script, flags, and the function data
// (the BytecodeArray, possibly wrapped in InterpreterData or in baseline Code). Scripts carry the
// name, the source text and line ends. Each getter reads only what it needs; none throws on garbage.

import type { V8Heap } from './v8Heap';
import type { V8Strings } from './v8Strings';
import { isHeapObject, isSmi, type Tagged } from './tagged';

/** ScopeInfo slots looked at after the locals for the function name (saved class variable, module count). */
const NAME_SLOT_CANDIDATES = 2;
/** Script::Type::kNormal: scripts the embedder compiled (user code and Node's own modules). */
const SCRIPT_TYPE_NORMAL = 2;
/** More locals than this are kept in a hash table, not inline (kScopeInfoMaxInlinedLocalNamesSize). */
const MAX_INLINED_LOCAL_NAMES = 75;
/** SharedFunctionInfo flags: FunctionKind is their low 5 bits (SharedFunctionInfoFlags in shared-function-info.tq). */
const FUNCTION_KIND_MASK = 0x1f;

export class V8Functions {
  constructor(
    private readonly heap: V8Heap,
    private readonly strings: V8Strings,
  ) {}

  private get layout() {
    return this.heap.layout;
  }

  async shared(fn: Tagged): Promise<Tagged | undefined> {
    const sfi = await this.heap.objectField(fn, this.layout.jsFunction.shared);
    return (await this.heap.hasType(sfi, this.layout.types.sharedFunctionInfo)) ? sfi : undefined;
  }

  async context(fn: Tagged): Promise<Tagged | undefined> {
    return this.heap.objectField(fn, this.layout.jsFunction.context);
  }

  async isSharedFunctionInfo(value: Tagged | undefined): Promise<boolean> {
    return this.heap.hasType(value, this.layout.types.sharedFunctionInfo);
  }

  /** The function's own name ("" for anonymous functions), as SharedFunctionInfo::Name() gives it. */
  async name(sfi: Tagged): Promise<string> {
    return (await this.names(sfi)).name;
  }

  /** SharedFunctionInfo::DebugName: the name, else the name the parser inferred ("obj.method"). */
  async debugName(sfi: Tagged): Promise<string> {
    const initializers = this.layout.fallback.classInitializerKinds;
    if (initializers !== undefined) {
      const kind = (await this.flags(sfi)) & FUNCTION_KIND_MASK;
      if (kind === initializers.instance) return '<instance_members_initializer>';
      if (kind === initializers.static) return '<static_initializer>';
    }
    const { name, inferred } = await this.names(sfi);
    return name !== '' ? name : inferred;
  }

  private async names(sfi: Tagged): Promise<{ name: string; inferred: string }> {
    const value = await this.heap.field(sfi, this.layout.sfi.nameOrScopeInfo);
    if (value === undefined || !isHeapObject(value)) return { name: '', inferred: await this.uncompiledInferredName(sfi) };
    const type = await this.heap.instanceType(value);
    if (this.heap.isStringType(type)) return { name: (await this.strings.read(value, 4096))?.text ?? '', inferred: await this.uncompiledInferredName(sfi) };
    if (type !== this.layout.types.scopeInfo) return { name: '', inferred: '' };
    return this.scopeInfoNames(value);
  }

  /** A function not compiled yet keeps its inferred name in its UncompiledData. */
  private async uncompiledInferredName(sfi: Tagged): Promise<string> {
    for (const offset of [this.layout.sfi.functionData, this.layout.sfi.untrustedFunctionData]) {
      if (offset === undefined) continue;
      const data = await this.heap.objectField(sfi, offset);
      const type = await this.heap.instanceType(data);
      if (data !== undefined && type !== undefined && this.layout.types.uncompiledData.includes(type)) {
        return (await this.strings.read(await this.heap.field(data, this.layout.uncompiled.inferredName), 4096))?.text ?? '';
      }
    }
    return '';
  }

  /**
   * The function name and inferred name kept in a ScopeInfo: after the context locals' names and
   * infos come the optional saved-class-variable slot, then the function variable (name, index),
   * then the inferred name. The slot is found by looking for the first string there.
   */
  async scopeInfoNames(scopeInfo: Tagged): Promise<{ name: string; inferred: string }> {
    const si = this.layout.scopeInfo;
    const locals = await this.heap.smiField(scopeInfo, 8 + si.ncontextLocals * 8);
    if (locals === undefined || locals < 0 || locals > 1_000_000) return { name: '', inferred: '' };
    const afterLocals = si.firstVars + (locals < MAX_INLINED_LOCAL_NAMES ? 2 * locals : locals + 1);
    for (let k = 0; k < NAME_SLOT_CANDIDATES; k++) {
      const slot = await this.heap.field(scopeInfo, 8 + (afterLocals + k) * 8);
      if (slot === undefined) break;
      if (isSmi(slot)) continue;
      const name = await this.strings.read(slot, 4096);
      if (name === undefined) break;
      const inferred = await this.strings.read(await this.heap.field(scopeInfo, 8 + (afterLocals + k + 2) * 8), 4096);
      return { name: name.text, inferred: inferred?.text ?? '' };
    }
    return { name: '', inferred: '' };
  }

  /** The Script object of a function, when it has one (builtins and API functions do not). */
  async script(sfi: Tagged): Promise<Tagged | undefined> {
    const script = await this.heap.objectField(sfi, this.layout.sfi.script);
    return (await this.heap.hasType(script, this.layout.types.script)) ? script : undefined;
  }

  async flags(sfi: Tagged): Promise<number> {
    return (await this.heap.u32(sfi, this.layout.sfi.flags)) ?? 0;
  }

  /** Declared parameters without the receiver; undefined for builtins that take any number. */
  async parameterCount(sfi: Tagged): Promise<number | undefined> {
    const withReceiver = await this.heap.u16(sfi, this.layout.sfi.formalParameterCount);
    // kDontAdaptArgumentsSentinel (0xffff) marks builtins with a variable argument count.
    return withReceiver === undefined || withReceiver === 0xffff || withReceiver === 0 ? undefined : withReceiver - 1;
  }

  /** Native functions (Array.prototype.map, ...) are shown in stack traces though they have no script. */
  async isNative(sfi: Tagged): Promise<boolean> {
    return ((await this.flags(sfi)) & (1 << this.layout.sfi.nativeBit)) !== 0;
  }

  /**
   * StackTraceBuilder::IsVisibleInStackTrace: user JavaScript and native builtins are shown; API
   * functions (C++ callbacks such as process.abort) and V8's internal closures are not.
   */
  async isVisibleInStackTrace(sfi: Tagged): Promise<boolean> {
    for (const offset of [this.layout.sfi.functionData, this.layout.sfi.untrustedFunctionData]) {
      if (offset === undefined) continue;
      const data = await this.heap.objectField(sfi, offset);
      if (await this.heap.hasType(data, this.layout.types.functionTemplateInfo)) return false;
    }
    const script = await this.script(sfi);
    if (script !== undefined && (await this.heap.smiField(script, this.layout.script.type)) === SCRIPT_TYPE_NORMAL) return true;
    return this.isNative(sfi);
  }

  /** The function's BytecodeArray, wherever this V8 keeps it. */
  async bytecodeArray(sfi: Tagged): Promise<Tagged | undefined> {
    const data = await this.heap.objectField(sfi, this.layout.sfi.functionData);
    return this.unwrapBytecode(data);
  }

  /** BytecodeArray from function data: itself, inside InterpreterData, or in baseline Code's bytecode slot. */
  async unwrapBytecode(data: Tagged | undefined): Promise<Tagged | undefined> {
    const t = this.layout.types;
    for (let depth = 0; depth < 3 && data !== undefined; depth++) {
      const type = await this.heap.instanceType(data);
      if (type === t.bytecodeArray) return data;
      if (type === t.interpreterData) data = await this.heap.objectField(data, 8);
      else if (type === t.code) data = await this.heap.objectField(data, this.layout.code.deoptimizationData);
      else return undefined;
    }
    return undefined;
  }
}
