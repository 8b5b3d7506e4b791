// Function names as Node prints them in a stack (V8's CallSiteInfo: GetFunctionName, GetTypeName,
// GetMethodName, and AppendMethodCall in messages.cc). A call on an object is "Type.name", with
// " [as key]" when the function was reached through a property of another name; a top-level call
// (receiver undefined, null or the global proxy) and a constructor call use the bare name; code from
// eval without a name is "eval".

import type { OwnProperty, V8Objects } from '../heap/v8Objects';
import { isHeapObject, isSmi, type Tagged } from '../heap/tagged';
import type { V8Process } from '../v8Process';
import type { EvalOrigins } from './evalOrigins';
import type { JsFrameFacts } from './v8Frame';

const TO_STRING_TAG = 'Symbol(Symbol.toStringTag)';
/** Names and tags longer than this are cut: a stack line is not the place for a megabyte. */
const MAX_NAME_CHARS = 256;

export class CallSiteNames {
  constructor(
    private readonly v8: V8Process,
    private readonly objects: V8Objects,
    private readonly evals: EvalOrigins,
  ) {}

  async name(facts: JsFrameFacts, script: Tagged | undefined): Promise<string> {
    const own = facts.function === undefined ? undefined : await this.nameProperty(facts.function);
    let name = own ?? (await this.v8.functions.debugName(facts.sfi));
    if (name === '' && script !== undefined && (await this.evals.evalFromShared(script)) !== undefined) name = 'eval';
    if (facts.isConstructor) return name;
    const receiver = await this.receiver(facts);
    if (receiver === undefined && facts.values.kind === 'values' && facts.values.receiverMap !== undefined) {
      // V8 materializes a receiver that escape analysis never allocated; its map names its type.
      const typeName = await this.constructorOfMap(facts.values.receiverMap);
      return typeName === undefined || name === '' || !isIdentifier(name) ? name : `${typeName}.${name}`;
    }
    if (receiver === undefined || (await this.isTopLevel(receiver))) return name;
    return this.methodCall(facts, receiver, name);
  }

  /** The receiver of a frame: the slot above the return address, or the translation's value. */
  async receiver(facts: JsFrameFacts): Promise<Tagged | undefined> {
    if (facts.values.kind === 'values') return facts.values.receiver;
    return this.v8.memory.word(facts.values.receiverSlot);
  }

  private async isTopLevel(receiver: Tagged): Promise<boolean> {
    if (!isHeapObject(receiver)) return false;
    const type = await this.v8.heap.instanceType(receiver);
    if (type === this.v8.layout.types.jsGlobalProxy) return true;
    if (type !== this.v8.layout.types.oddball) return false;
    const kind = await this.v8.heap.smiField(receiver, this.v8.layout.objects.oddballKind);
    return kind === this.v8.layout.oddballUndefinedKind || kind === ODDBALL_NULL;
  }

  private async methodCall(facts: JsFrameFacts, receiver: Tagged, functionName: string): Promise<string> {
    // A static method's receiver is its class: V8 names the type after the class itself.
    const typeName = (await this.classConstructorName(receiver)) ?? (await this.typeName(receiver));
    const methodName = await this.methodName(facts, receiver);
    if (functionName === '') return `${typeName === '' ? '' : `${typeName}.`}${methodName ?? '<anonymous>'}`;
    let text = typeName !== '' && isIdentifier(functionName) && functionName !== typeName ? `${typeName}.${functionName}` : functionName;
    if (methodName !== undefined && methodName !== '' && !endsWithMethodName(functionName, methodName, this.v8.layout.fallback.methodNameAfterSpace)) text += ` [as ${methodName}]`;
    return text;
  }

  /**
   * A call on a class (a static method) is named after the class; V8 13 does the same for any
   * function receiver (Module._load), where earlier versions print its constructor, "Function".
   */
  private async classConstructorName(receiver: Tagged): Promise<string | undefined> {
    const { heap, functions, layout } = this.v8;
    if (!(await heap.isJsFunction(receiver))) return undefined;
    const sfi = await functions.shared(receiver);
    if (sfi === undefined) return undefined;
    const isClass = ((await functions.flags(sfi)) & (1 << layout.sfi.classConstructorBit)) !== 0;
    if (!isClass && !layout.fallback.functionReceiverNamesType) return undefined;
    const name = (await this.nameProperty(receiver)) ?? (await functions.debugName(sfi));
    return name === '' ? undefined : name;
  }

  /** JSReceiver::GetConstructorName: the map's constructor, else Symbol.toStringTag or a prototype's constructor. */
  async typeName(receiver: Tagged): Promise<string> {
    const primitive = await this.primitiveTypeName(receiver);
    if (primitive !== undefined) return primitive;
    const fromMap = await this.mapConstructorName(receiver);
    if (fromMap !== undefined) return fromMap;
    const chain = await this.objects.chain(receiver);
    for (const current of chain) {
      const props = await this.objects.ownProperties(current);
      const tag = props.find((p) => p.isSymbol && p.name === TO_STRING_TAG);
      const tagText = tag?.value === undefined ? undefined : await this.v8.strings.read(tag.value, MAX_NAME_CHARS);
      if (tagText !== undefined) return tagText.text;
      if (current === receiver) continue;
      const ctor = props.find((p) => !p.isSymbol && p.name === 'constructor');
      const name = ctor?.value === undefined ? '' : await this.functionName(ctor.value);
      if (name !== '' && name !== 'Object') return name;
    }
    return this.className(receiver);
  }

  /**
   * The constructor recorded on the map — used, as V8 does, only for objects a plain `new` made
   * (new_target_is_base) that are not prototypes (their maps are rewritten when they become one).
   */
  private async mapConstructorName(receiver: Tagged): Promise<string | undefined> {
    const map = await this.v8.heap.map(receiver);
    return map === undefined ? undefined : this.constructorOfMap(map);
  }

  private async constructorOfMap(map: Tagged): Promise<string | undefined> {
    const { heap, layout } = this.v8;
    const m = layout.objects.map;
    const bitField2 = (await heap.u8(map, m.bitField2)) ?? 0;
    const bitField3 = (await heap.u32(map, m.bitField3)) ?? 0;
    // Map::Bits2::NewTargetIsBase is bit 0; Bits3::IsPrototypeMap sits right below IsDictionaryMap.
    if ((bitField2 & 1) === 0 || ((bitField3 >>> (m.isDictionaryShift - 1)) & 1) === 1) return undefined;
    let ctor: Tagged | undefined = map;
    for (let i = 0; i < MAX_BACK_POINTERS && ctor !== undefined && (await heap.hasType(ctor, layout.types.map)); i++) {
      ctor = await heap.objectField(ctor, layout.objects.map.constructorOrBackPointer);
    }
    if (ctor === undefined) return undefined;
    const renamed = layout.fallback.mapConstructorNamedByNameProperty && (await heap.isJsFunction(ctor)) ? await this.nameProperty(ctor) : undefined;
    const name = renamed ?? (await this.functionName(ctor));
    return name !== '' && name !== 'Object' ? name : undefined;
  }

  /**
   * JSFunction::GetDebugName: a function's own `name` data property when it holds a string (a
   * function renamed with Object.defineProperty), else undefined and the SharedFunctionInfo's name
   * applies. A getter is not run: V8 does not run it either.
   */
  private async nameProperty(fn: Tagged): Promise<string | undefined> {
    const props = await this.objects.ownProperties(fn);
    const name = props.find((p) => !p.isSymbol && p.name === 'name');
    if (name?.value === undefined) return undefined;
    return (await this.v8.strings.read(name.value, MAX_NAME_CHARS))?.text;
  }

  private async functionName(fn: Tagged): Promise<string> {
    if (!(await this.v8.heap.isJsFunction(fn))) return '';
    const sfi = await this.v8.functions.shared(fn);
    return sfi === undefined ? '' : this.v8.functions.debugName(sfi);
  }

  /** JSReceiver::class_name, for the instance types a receiver usually has. */
  private async className(receiver: Tagged): Promise<string> {
    const t = this.v8.layout.types;
    const type = await this.v8.heap.instanceType(receiver);
    if (type === undefined) return '';
    if (type >= t.firstJsFunction && type <= t.lastJsFunction) return 'Function';
    if (type === t.jsArray) return 'Array';
    if (type === t.jsError) return 'Error';
    return 'Object';
  }

  /** Primitive receivers (strict-mode methods called on "abc" or 1) are named after their wrapper. */
  private async primitiveTypeName(receiver: Tagged): Promise<string | undefined> {
    if (isSmi(receiver)) return 'Number';
    const { heap, layout } = this.v8;
    const type = await heap.instanceType(receiver);
    if (heap.isStringType(type)) return 'String';
    if (type === layout.types.heapNumber) return 'Number';
    if (type === layout.types.symbol) return 'Symbol';
    if (type === layout.types.oddball) return 'Boolean';
    return undefined;
  }

  /** CallSiteInfo::GetMethodName: the key under which the receiver (or a prototype) holds the function. */
  private async methodName(facts: JsFrameFacts, receiver: Tagged): Promise<string | undefined> {
    const fn = facts.function;
    if (fn === undefined || !(await this.objects.isJsReceiver(receiver))) return undefined;
    const chain = await this.objects.chain(receiver);
    const perObject = await Promise.all(chain.map((o) => this.objects.ownProperties(o)));
    const own = await this.lookupName(facts);
    if (own !== '') {
      // A lookup through the prototype chain: the first object that has the key decides.
      for (const props of perObject) {
        const p = props.find((x) => !x.isSymbol && x.name === own);
        if (p === undefined) continue;
        if (holds(p, fn)) return own;
        break;
      }
    }
    // InferMethodName: the one enumerable string key anywhere on the chain that holds the function.
    let result: string | undefined;
    for (const props of perObject) {
      for (const p of props) {
        if (p.isSymbol || !p.enumerable || !holds(p, fn) || p.name === result) continue;
        if (result !== undefined) return undefined;
        result = p.name;
      }
    }
    return result;
  }

  /** The key GetMethodName looks up first: the name without get/set, or the inferred name's last part. */
  private async lookupName(facts: JsFrameFacts): Promise<string> {
    const name = await this.v8.functions.name(facts.sfi);
    if (name.startsWith('get ') || name.startsWith('set ')) return name.slice(4);
    if (name !== '') return name;
    const inferred = await this.v8.functions.debugName(facts.sfi);
    return inferred.slice(inferred.lastIndexOf('.') + 1);
  }
}

/** V8's Oddball::kNull. */
const ODDBALL_NULL = 3;
/** Map back-pointer chains are short; a longer one is corruption. */
const MAX_BACK_POINTERS = 1000;

function holds(p: OwnProperty, fn: Tagged): boolean {
  return p.value === fn || p.getter === fn || p.setter === fn;
}

/** StringEndsWithMethodName: the name is the method's, or ends with "." (V8 12: or " ") and the method's. */
function endsWithMethodName(functionName: string, methodName: string, afterSpace: boolean): boolean {
  return functionName === methodName || functionName.endsWith(`.${methodName}`) || (afterSpace && functionName.endsWith(` ${methodName}`));
}

/** String::IsIdentifier: only plain identifiers get the type prefix ("Module._extensions..js" does not). */
function isIdentifier(text: string): boolean {
  return /^[\p{ID_Start}$_][\p{ID_Continue}$\u200c\u200d]*$/u.test(text);
}
