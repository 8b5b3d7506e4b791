// JS values from the heap as Inspectables: rendered in one line, expanded lazily — objects into their
// own properties and prototype, arrays into elements (grouped in pages of a hundred, so opening a
// huge array reads one page), functions into their name and location, long strings into their
// full text. Nothing is read until the user expands it.

import type { Inspectable } from '../../inspectable';
import { type Tagged } from '../heap/tagged';
import type { V8Objects } from '../heap/v8Objects';
import type { V8Process } from '../v8Process';
import { JsElements } from './jsElements';
import { PREVIEW_CHARS, ValuePreview } from './valuePreview';
import { hex } from '../../format';

/** Elements per page of an expanded array, as VS Code's JS debugger groups them. */
const PAGE = 100;
/** Longest string shown in full on expansion. */
const FULL_STRING_CHARS = 1024 * 1024;

export class ValueInspector {
  readonly preview: ValuePreview;
  private readonly elements: JsElements;

  constructor(
    private readonly v8: V8Process,
    private readonly objects: V8Objects,
    typeName: (value: Tagged) => Promise<string>,
  ) {
    this.preview = new ValuePreview(v8, objects, typeName);
    this.elements = new JsElements(v8.heap);
  }

  /** `value` undefined means the value is not in the dump (optimized out, unreadable). */
  async inspect(name: string, value: Tagged | undefined, unavailable = '<unavailable>'): Promise<Inspectable> {
    if (value === undefined) return { name, value: unavailable };
    const c = await this.preview.classify(value);
    const item: Inspectable = { name, value: await this.preview.render(value), type: c.kind };
    if (c.kind !== 'number' && c.kind !== 'undefined' && c.kind !== 'null' && c.kind !== 'boolean' && c.kind !== 'unavailable') {
      item.memoryReference = hex(value - 1);
    }
    if (c.kind === 'string') {
      const length = await this.v8.strings.length(value);
      if (length !== undefined && length > PREVIEW_CHARS) item.children = async () => [{ name: 'full text', value: JSON.stringify((await this.v8.strings.read(value, FULL_STRING_CHARS))?.text ?? '') }];
    } else if (c.kind === 'array') {
      item.children = () => this.arrayChildren(value);
    } else if (c.kind === 'object' || c.kind === 'error' || c.kind === 'function') {
      item.children = () => this.objectChildren(value, c.kind === 'function');
    }
    return item;
  }

  private async objectChildren(obj: Tagged, isFunction: boolean): Promise<Inspectable[]> {
    const out: Inspectable[] = [];
    if (isFunction) out.push(...(await this.functionFacts(obj)));
    for (const p of await this.objects.ownProperties(obj)) {
      if (p.value !== undefined) out.push(await this.inspect(p.name, p.value));
      else out.push({ name: p.name, value: p.getter !== undefined ? '(get/set accessor)' : '(native accessor)' });
    }
    const indexed = await this.elements.range(obj, 0, PAGE);
    for (const e of indexed) out.push(await this.element(e));
    const proto = await this.objects.prototypeOf(obj);
    if (proto !== undefined) out.push(await this.inspect('[[Prototype]]', proto));
    return out;
  }

  private async arrayChildren(array: Tagged): Promise<Inspectable[]> {
    const length = (await this.preview.arrayLength(array)) ?? 0;
    const out: Inspectable[] = [];
    if (length <= PAGE) {
      for (const e of await this.elements.range(array, 0, PAGE)) out.push(await this.element(e));
    } else {
      for (let start = 0; start < length; start += PAGE) {
        const end = Math.min(length, start + PAGE);
        out.push({ name: `[${start} … ${end - 1}]`, value: '', children: async () => Promise.all((await this.elements.range(array, start, end - start)).map((e) => this.element(e))) });
      }
    }
    out.push({ name: 'length', value: String(length), type: 'number' });
    for (const p of await this.objects.ownProperties(array)) {
      if (p.name !== 'length' && p.value !== undefined) out.push(await this.inspect(p.name, p.value));
    }
    return out;
  }

  private async element(e: { index: number; tagged: Tagged } | { index: number; double: number }): Promise<Inspectable> {
    if ('double' in e) return { name: String(e.index), value: String(e.double), type: 'number' };
    return this.inspect(String(e.index), e.tagged);
  }

  /** A function's name and where it is defined, as the debugger's [[FunctionLocation]]. */
  private async functionFacts(fn: Tagged): Promise<Inspectable[]> {
    const sfi = await this.v8.functions.shared(fn);
    const script = sfi === undefined ? undefined : await this.v8.functions.script(sfi);
    const out: Inspectable[] = [{ name: '[[Name]]', value: JSON.stringify(await this.preview.functionName(fn)), type: 'string' }];
    if (script !== undefined) {
      const name = await this.v8.strings.read(await this.v8.heap.field(script, this.v8.layout.script.name), 4096);
      if (name !== undefined) out.push({ name: '[[Script]]', value: name.text, type: 'string' });
    }
    return out;
  }
}
