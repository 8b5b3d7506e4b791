// One-line renderings of JS values read from the heap, in the style of VS Code's JavaScript
// debugger: numbers and quoted strings as written, `undefined`/`null`, `ƒ name`, `Array(3)`,
// `RangeError: message`, `Order {id: 2, quantity: 7}`. A preview reads only a few fields; the
// full value is what expanding it shows.

import { isHeapObject, isSmi, smiValue, type Tagged } from '../heap/tagged';
import type { V8Objects } from '../heap/v8Objects';
import type { V8Process } from '../v8Process';

/** Characters of a string shown inline; the full text is one expansion away. */
export const PREVIEW_CHARS = 200;
/** Properties shown inside an object's preview. */
const PREVIEW_PROPERTIES = 5;

export type ValueKind = 'number' | 'string' | 'undefined' | 'null' | 'boolean' | 'symbol' | 'function' | 'array' | 'error' | 'object' | 'hole' | 'internal' | 'unavailable';

export interface Classified {
  kind: ValueKind;
  /** Instance type for heap objects. */
  type?: number;
}

export class ValuePreview {
  constructor(
    private readonly v8: V8Process,
    private readonly objects: V8Objects,
    /** Names a receiver's type (constructor name) the way stack traces do. */
    readonly typeName: (value: Tagged) => Promise<string>,
  ) {}

  async classify(value: Tagged | undefined): Promise<Classified> {
    if (value === undefined) return { kind: 'unavailable' };
    if (isSmi(value)) return { kind: 'number' };
    if (!isHeapObject(value)) return { kind: 'unavailable' };
    const { heap, layout } = this.v8;
    const t = layout.types;
    const type = await heap.instanceType(value);
    if (type === undefined) return { kind: 'unavailable' };
    if (heap.isStringType(type)) return { kind: 'string', type };
    if (type === t.heapNumber) return { kind: 'number', type };
    if (type === t.symbol) return { kind: 'symbol', type };
    if (type === t.hole) return { kind: 'hole', type };
    if (type === t.oddball) return { kind: await this.oddballKind(value), type };
    if (type >= t.firstJsFunction && type <= t.lastJsFunction) return { kind: 'function', type };
    if (type === t.jsArray) return { kind: 'array', type };
    if (type === t.jsError) return { kind: 'error', type };
    return { kind: type >= t.firstJsReceiver ? 'object' : 'internal', type };
  }

  async render(value: Tagged | undefined): Promise<string> {
    const c = await this.classify(value);
    if (value === undefined || c.kind === 'unavailable') return '<unavailable>';
    switch (c.kind) {
      case 'number':
        return this.numberText(value);
      case 'string': {
        const s = await this.v8.strings.read(value, PREVIEW_CHARS);
        return s === undefined ? '<unreadable string>' : `${JSON.stringify(s.text)}${s.truncated ? `… (${s.length} characters)` : ''}`;
      }
      case 'undefined':
      case 'null':
        return c.kind;
      case 'boolean':
        return (await this.oddballText(value)) ?? 'boolean';
      case 'hole':
        return '<hole>';
      case 'symbol':
        return (await this.objects.keyName(value))?.text ?? 'Symbol()';
      case 'function':
        return `ƒ ${await this.functionName(value)}`;
      case 'array':
        return `Array(${(await this.arrayLength(value)) ?? '?'})`;
      case 'error':
        return this.errorText(value);
      case 'object':
        return this.objectText(value);
      case 'internal':
        return `<V8 internal object, type ${c.type ?? '?'}>`;
    }
  }

  async numberText(value: Tagged): Promise<string> {
    if (isSmi(value)) return String(smiValue(value));
    const n = await this.v8.heap.f64(value, this.v8.layout.objects.heapNumberValue);
    return n === undefined ? '<unreadable number>' : String(n);
  }

  async functionName(fn: Tagged): Promise<string> {
    const sfi = await this.v8.functions.shared(fn);
    const name = sfi === undefined ? '' : await this.v8.functions.debugName(sfi);
    return name === '' ? '(anonymous)' : name;
  }

  async arrayLength(array: Tagged): Promise<number | undefined> {
    const raw = await this.v8.heap.field(array, this.v8.layout.objects.jsArrayLength);
    if (raw === undefined) return undefined;
    if (isSmi(raw)) return smiValue(raw);
    return this.v8.heap.f64(raw, this.v8.layout.objects.heapNumberValue);
  }

  /** "RangeError: value 7 over 3", from the constructor name and the own `message`. */
  async errorText(error: Tagged): Promise<string> {
    const name = await this.typeName(error);
    const message = await this.objects.ownProperty(error, 'message');
    const text = message?.value === undefined ? undefined : await this.v8.strings.read(message.value, PREVIEW_CHARS);
    return text === undefined ? name : `${name}: ${text.text}`;
  }

  private async objectText(obj: Tagged): Promise<string> {
    const name = await this.typeName(obj);
    const props = (await this.objects.ownProperties(obj, PREVIEW_PROPERTIES + 1)).filter((p) => p.enumerable && !p.isSymbol);
    const shown: string[] = [];
    for (const p of props.slice(0, PREVIEW_PROPERTIES)) shown.push(`${p.name}: ${p.value === undefined ? '(accessor)' : await this.shallow(p.value)}`);
    const more = props.length > PREVIEW_PROPERTIES ? ', …' : '';
    return `${name === 'Object' ? '' : `${name} `}{${shown.join(', ')}${more}}`;
  }

  /** A value inside a preview: primitives in full, objects by kind only (no recursion). */
  private async shallow(value: Tagged): Promise<string> {
    const c = await this.classify(value);
    if (c.kind === 'object') return `${await this.typeName(value)}`;
    if (c.kind === 'string') {
      const s = await this.v8.strings.read(value, 40);
      return s === undefined ? '…' : JSON.stringify(s.text) + (s.truncated ? '…' : '');
    }
    return this.render(value);
  }

  private async oddballKind(value: Tagged): Promise<ValueKind> {
    const kind = await this.v8.heap.smiField(value, this.v8.layout.objects.oddballKind);
    if (kind === this.v8.layout.oddballUndefinedKind) return 'undefined';
    if (kind === ODDBALL_NULL) return 'null';
    if (kind === ODDBALL_FALSE || kind === ODDBALL_TRUE) return 'boolean';
    if (kind === ODDBALL_THE_HOLE) return 'hole';
    return 'internal';
  }

  private async oddballText(value: Tagged): Promise<string | undefined> {
    const kind = await this.v8.heap.smiField(value, this.v8.layout.objects.oddballKind);
    return kind === ODDBALL_TRUE ? 'true' : kind === ODDBALL_FALSE ? 'false' : undefined;
  }
}

/** Oddball kinds common to the versions read (src/objects/oddball.h). */
const ODDBALL_FALSE = 0;
const ODDBALL_TRUE = 1;
const ODDBALL_THE_HOLE = 2;
const ODDBALL_NULL = 3;
