// Properties of JS objects as V8 lays them out. A fast-mode object's map lists its properties in a
// DescriptorArray (key, PropertyDetails, value); a data field lives in the object (in-object slots)
// or in its PropertyArray, a constant or accessor pair in the descriptor itself. A dictionary-mode
// object keeps a NameDictionary (a hash table of key, value, details). Counts are bounded by what
// the map declares and by fixed caps, so a corrupt object cannot run a loop away.

import { isHeapObject, isSmi, smiValue, type Tagged } from './tagged';
import type { V8Heap } from './v8Heap';
import type { V8Strings } from './v8Strings';

export interface OwnProperty {
  /** The key as text: the string, or `Symbol(description)` for symbols. */
  name: string;
  isSymbol: boolean;
  /** The value of a data property. */
  value?: Tagged;
  getter?: Tagged;
  setter?: Tagged;
  enumerable: boolean;
}

/** Symbol: the flags word after the hash field; bit 0 is IsPrivateBit (src/objects/name.h). */
const SYMBOL_FLAGS = 12;
const SYMBOL_IS_PRIVATE = 1;
/** Own properties read from one object at most. */
export const MAX_PROPERTIES = 10_000;
/** Prototype chain links followed at most. */
const MAX_CHAIN = 64;

export class V8Objects {
  constructor(
    private readonly heap: V8Heap,
    private readonly strings: V8Strings,
  ) {}

  private get layout() {
    return this.heap.layout;
  }

  async isJsReceiver(value: Tagged | undefined): Promise<boolean> {
    const type = await this.heap.instanceType(value);
    return type !== undefined && type >= this.layout.types.firstJsReceiver;
  }

  async prototypeOf(obj: Tagged): Promise<Tagged | undefined> {
    const map = await this.heap.map(obj);
    const proto = map === undefined ? undefined : await this.heap.objectField(map, this.layout.objects.map.prototype);
    return (await this.isJsReceiver(proto)) ? proto : undefined;
  }

  /** The object and its prototypes, nearest first. */
  async chain(obj: Tagged): Promise<Tagged[]> {
    const out: Tagged[] = [];
    for (let o: Tagged | undefined = obj; o !== undefined && out.length < MAX_CHAIN && !out.includes(o); o = await this.prototypeOf(o)) out.push(o);
    return out;
  }

  async ownProperties(obj: Tagged, max = MAX_PROPERTIES): Promise<OwnProperty[]> {
    const map = await this.heap.map(obj);
    if (map === undefined) return [];
    const m = this.layout.objects.map;
    const bitField3 = (await this.heap.u32(map, m.bitField3)) ?? 0;
    if (((bitField3 >>> m.isDictionaryShift) & 1) === 1) return this.dictionaryProperties(obj, max);
    const count = (bitField3 & m.ownDescriptorsMask) >>> m.ownDescriptorsShift;
    return this.fastProperties(obj, map, Math.min(count, max));
  }

  /** The own data property `name` of `obj`, when it has one. */
  async ownProperty(obj: Tagged, name: string): Promise<OwnProperty | undefined> {
    return (await this.ownProperties(obj)).find((p) => !p.isSymbol && p.name === name);
  }

  private async fastProperties(obj: Tagged, map: Tagged, count: number): Promise<OwnProperty[]> {
    const o = this.layout.objects;
    const p = this.layout.properties;
    const descriptors = await this.heap.objectField(map, o.map.instanceDescriptors);
    if (descriptors === undefined || count === 0) return [];
    const sizeInWords = (await this.heap.u8(map, o.map.instanceSizeInWords)) ?? 0;
    const inObjectStart = (await this.heap.u8(map, o.map.inObjectPropertiesStart)) ?? 0;
    const inObjectCount = Math.max(0, sizeInWords - inObjectStart);
    const out: OwnProperty[] = [];
    for (let i = 0; i < count; i++) {
      const base = o.descriptorHeader + i * p.descriptorSize * 8;
      const key = await this.heap.field(descriptors, base + p.descriptorKey * 8);
      const details = await this.heap.field(descriptors, base + p.descriptorDetails * 8);
      if (key === undefined || details === undefined || !isSmi(details)) continue;
      const d = smiValue(details);
      const name = await this.keyName(key);
      if (name === undefined) continue;
      let value: Tagged | undefined;
      if ((d & p.locationMask) >>> p.locationShift === p.locationDescriptor) value = await this.heap.field(descriptors, base + p.descriptorValue * 8);
      else value = await this.fieldValue(obj, (d & p.indexMask) >>> p.indexShift, inObjectStart, inObjectCount);
      out.push(await this.property(name, value, d));
    }
    return out;
  }

  private async fieldValue(obj: Tagged, index: number, inObjectStart: number, inObjectCount: number): Promise<Tagged | undefined> {
    if (index < inObjectCount) return this.heap.field(obj, (inObjectStart + index) * 8);
    const backing = await this.heap.objectField(obj, this.layout.objects.properties);
    if (backing === undefined || !(await this.heap.hasType(backing, this.layout.properties.propertyArrayType))) return undefined;
    return this.heap.field(backing, this.layout.objects.propertyArrayData + (index - inObjectCount) * 8);
  }

  private async dictionaryProperties(obj: Tagged, max: number): Promise<OwnProperty[]> {
    const p = this.layout.properties;
    // A NameDictionary has its own instance type (absent from the metadata), so it is recognised by
    // its shape instead: a FixedArray-style length that matches the capacity it declares.
    const dictionary = await this.heap.objectField(obj, this.layout.objects.properties);
    const length = dictionary === undefined ? undefined : await this.heap.fixedArrayLength(dictionary);
    const capacity = dictionary === undefined ? undefined : await this.heap.fixedArrayGet(dictionary, 2);
    if (dictionary === undefined || capacity === undefined || !isSmi(capacity)) return [];
    const start = p.dictionaryPrefixStart + p.dictionaryPrefixSize;
    if (length !== start + smiValue(capacity) * p.dictionaryEntrySize) return [];
    const out: OwnProperty[] = [];
    for (let i = 0; i < Math.min(smiValue(capacity), MAX_PROPERTIES * 4) && out.length < max; i++) {
      const at = start + i * p.dictionaryEntrySize;
      const key = await this.heap.fixedArrayGet(dictionary, at);
      const name = key === undefined ? undefined : await this.keyName(key);
      if (name === undefined) continue;
      const value = await this.heap.fixedArrayGet(dictionary, at + 1);
      const details = await this.heap.fixedArrayGet(dictionary, at + 2);
      if (details === undefined || !isSmi(details)) continue;
      out.push(await this.property(name, value, smiValue(details)));
    }
    return out;
  }

  private async property(name: { text: string; isSymbol: boolean }, value: Tagged | undefined, details: number): Promise<OwnProperty> {
    const p = this.layout.properties;
    const attributes = (details & p.attributesMask) >>> p.attributesShift;
    const prop: OwnProperty = { name: name.text, isSymbol: name.isSymbol, enumerable: (attributes & p.dontEnum) === 0 };
    if ((details & p.kindMask) !== p.kindAccessor) {
      prop.value = value;
    } else if (value !== undefined && (await this.heap.hasType(value, p.accessorPairType))) {
      prop.getter = await this.heap.field(value, this.layout.objects.accessorGetter);
      prop.setter = await this.heap.field(value, this.layout.objects.accessorSetter);
    }
    // Other accessors are V8's native AccessorInfos (a function's length, name): no JS value to show.
    return prop;
  }

  /** A property key as text; undefined for empty or deleted hash-table slots. */
  async keyName(key: Tagged): Promise<{ text: string; isSymbol: boolean } | undefined> {
    if (!isHeapObject(key)) return undefined;
    const type = await this.heap.instanceType(key);
    if (this.heap.isStringType(type)) {
      const text = await this.strings.read(key, 1024);
      return text === undefined ? undefined : { text: text.text, isSymbol: false };
    }
    if (type !== this.layout.types.symbol) return undefined;
    // V8's private symbols (error stacks, class brands) are invisible to JS: not properties to show.
    if (((await this.heap.u32(key, SYMBOL_FLAGS)) ?? 0) & SYMBOL_IS_PRIVATE) return undefined;
    const description = await this.strings.read(await this.heap.field(key, this.layout.objects.symbolDescription), 1024);
    return { text: `Symbol(${description?.text ?? ''})`, isSymbol: true };
  }
}
