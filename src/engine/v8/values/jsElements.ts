// Indexed elements of JS objects and arrays, by elements kind (src/objects/elements-kind.h): fast
// Smi/object elements in a FixedArray, doubles unboxed in a FixedDoubleArray (the hole is a NaN with
// a special bit pattern), or a NumberDictionary for sparse arrays. Reads are paged: a million-element
// array costs only the page the user opened.

import { isSmi, smiValue, type Tagged } from '../heap/tagged';
import type { V8Heap } from '../heap/v8Heap';

/** kHoleNanUpper32: the upper half of the double that marks a hole in a FixedDoubleArray. */
const HOLE_NAN_UPPER = 0xfff7ffff;
/** Fast elements kinds 4 and 5 (PACKED_DOUBLE_ELEMENTS, HOLEY_DOUBLE_ELEMENTS) hold unboxed doubles. */
const DOUBLE_KINDS = new Set([4, 5]);
/** Entries scanned at most in a sparse array's dictionary. */
const MAX_DICTIONARY = 100_000;

export type ElementValue = { index: number; tagged: Tagged } | { index: number; double: number };

export class JsElements {
  constructor(private readonly heap: V8Heap) {}

  async kind(obj: Tagged): Promise<number | undefined> {
    const map = await this.heap.map(obj);
    const m = this.heap.layout.objects.map;
    const bits = map === undefined ? undefined : await this.heap.u8(map, m.bitField2);
    return bits === undefined ? undefined : (bits & m.elementsKindMask) >>> m.elementsKindShift;
  }

  /** Elements [start, start + count) that are present (holes skipped). */
  async range(obj: Tagged, start: number, count: number): Promise<ElementValue[]> {
    const kind = await this.kind(obj);
    const store = await this.heap.objectField(obj, this.heap.layout.objects.elements);
    if (kind === undefined || store === undefined) return [];
    if (kind === this.heap.layout.objects.dictionaryElements) return this.dictionary(store, start, count);
    const length = (await this.heap.fixedArrayLength(store)) ?? 0;
    const end = Math.min(length, start + count);
    if (end <= start) return [];
    const data = store - 1 + this.heap.layout.objects.fixedArrayData;
    const bytes = await this.heap.memory.bytes(data + start * 8, (end - start) * 8);
    if (bytes === undefined) return [];
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const out: ElementValue[] = [];
    for (let i = 0; i < end - start; i++) {
      if (DOUBLE_KINDS.has(kind)) {
        if (view.getUint32(i * 8 + 4, true) !== HOLE_NAN_UPPER) out.push({ index: start + i, double: view.getFloat64(i * 8, true) });
        continue;
      }
      const tagged = view.getInt32(i * 8 + 4, true) * 0x1_0000_0000 + view.getUint32(i * 8, true);
      if (!(await this.isHole(tagged))) out.push({ index: start + i, tagged });
    }
    return out;
  }

  private async isHole(value: Tagged): Promise<boolean> {
    if (isSmi(value)) return false;
    const t = this.heap.layout.types;
    const type = await this.heap.instanceType(value);
    if (type === t.hole) return true;
    return type === t.oddball && (await this.heap.smiField(value, this.heap.layout.objects.oddballKind)) === ODDBALL_THE_HOLE;
  }

  /** A NumberDictionary: prefix, then (key, value, details) entries; keys are Smis or HeapNumbers. */
  private async dictionary(store: Tagged, start: number, count: number): Promise<ElementValue[]> {
    const o = this.heap.layout.objects;
    const capacity = await this.heap.fixedArrayGet(store, 2);
    if (capacity === undefined || !isSmi(capacity)) return [];
    const first = 3 + o.numberDictionaryPrefix;
    const out: ElementValue[] = [];
    for (let i = 0; i < Math.min(smiValue(capacity), MAX_DICTIONARY); i++) {
      const key = await this.heap.fixedArrayGet(store, first + i * o.numberDictionaryEntry);
      if (key === undefined || !isSmi(key)) continue;
      const index = smiValue(key);
      const value = await this.heap.fixedArrayGet(store, first + i * o.numberDictionaryEntry + 1);
      if (index >= start && index < start + count && value !== undefined) out.push({ index, tagged: value });
    }
    return out.sort((a, b) => a.index - b.index);
  }
}

/** Oddball::kTheHole in V8 10/11 (V8 12 made the hole its own type). */
const ODDBALL_THE_HOLE = 2;
