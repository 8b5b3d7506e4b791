// Reading V8 heap objects out of the crashed process: an object's map and instance type, its
// tagged, Smi and raw fields. Every value comes from the dump and may be garbage (a frame slot
// misread, a half-moved object), so readers return undefined instead of throwing and callers treat
// that as "not what we expected here". Maps are few and hot: their instance types are cached.

import type { V8Layout } from '../metadata/v8Layout';
import type { ProcessMemory } from './processMemory';
import { isHeapObject, isSmi, smiValue, type Tagged, untag } from './tagged';

export class V8Heap {
  private readonly typeOfMap = new Map<number, number | undefined>();

  constructor(
    readonly memory: ProcessMemory,
    readonly layout: V8Layout,
  ) {}

  /** The tagged word at `offset` inside object `obj`. */
  field(obj: Tagged, offset: number): Promise<Tagged | undefined> {
    return this.memory.word(untag(obj) + offset);
  }

  /** A heap-object field, or undefined when the slot holds a Smi or cannot be read. */
  async objectField(obj: Tagged, offset: number): Promise<Tagged | undefined> {
    const value = await this.field(obj, offset);
    return value !== undefined && isHeapObject(value) ? value : undefined;
  }

  /** A Smi field's integer value, or undefined when the slot does not hold a Smi. */
  async smiField(obj: Tagged, offset: number): Promise<number | undefined> {
    const value = await this.field(obj, offset);
    return value !== undefined && isSmi(value) ? smiValue(value) : undefined;
  }

  u8(obj: Tagged, offset: number): Promise<number | undefined> {
    return this.memory.u8(untag(obj) + offset);
  }

  u16(obj: Tagged, offset: number): Promise<number | undefined> {
    return this.memory.u16(untag(obj) + offset);
  }

  i32(obj: Tagged, offset: number): Promise<number | undefined> {
    return this.memory.i32(untag(obj) + offset);
  }

  u32(obj: Tagged, offset: number): Promise<number | undefined> {
    return this.memory.u32(untag(obj) + offset);
  }

  f64(obj: Tagged, offset: number): Promise<number | undefined> {
    return this.memory.f64(untag(obj) + offset);
  }

  map(obj: Tagged): Promise<Tagged | undefined> {
    return this.objectField(obj, 0);
  }

  /** The instance type of a heap object; undefined for Smis and for anything whose map is not a Map. */
  async instanceType(obj: Tagged | undefined): Promise<number | undefined> {
    if (obj === undefined || !isHeapObject(obj)) return undefined;
    const map = await this.map(obj);
    return map === undefined ? undefined : this.mapInstanceType(map);
  }

  /** The instance type a map describes, checking that it is a Map (its own map's type is MAP_TYPE). */
  async mapInstanceType(map: Tagged): Promise<number | undefined> {
    if (this.typeOfMap.has(map)) return this.typeOfMap.get(map);
    const metaMap = await this.map(map);
    const metaType = metaMap === undefined ? undefined : await this.u16(metaMap, this.layout.objects.map.instanceType);
    const type = metaType === this.layout.types.map ? await this.u16(map, this.layout.objects.map.instanceType) : undefined;
    this.typeOfMap.set(map, type);
    return type;
  }

  async hasType(obj: Tagged | undefined, type: number): Promise<boolean> {
    return (await this.instanceType(obj)) === type;
  }

  async isJsFunction(obj: Tagged | undefined): Promise<boolean> {
    const type = await this.instanceType(obj);
    return type !== undefined && type >= this.layout.types.firstJsFunction && type <= this.layout.types.lastJsFunction;
  }

  isStringType(type: number | undefined): boolean {
    return type !== undefined && type < this.layout.types.firstNonString;
  }

  /** Length of a FixedArray-like object (FixedArray, ByteArray, BytecodeArray, ScopeInfo lists). */
  fixedArrayLength(obj: Tagged): Promise<number | undefined> {
    return this.smiField(obj, this.layout.objects.fixedArrayLength);
  }

  /** Element `index` of a FixedArray, bounds-checked against its length. */
  async fixedArrayGet(obj: Tagged, index: number): Promise<Tagged | undefined> {
    const length = await this.fixedArrayLength(obj);
    if (length === undefined || index < 0 || index >= length) return undefined;
    return this.field(obj, this.layout.objects.fixedArrayData + index * 8);
  }

  /** The bytes of a ByteArray (source-position tables, translations), capped at `max`. */
  async byteArray(obj: Tagged, max = 16 * 1024 * 1024): Promise<Uint8Array | undefined> {
    const length = await this.fixedArrayLength(obj);
    if (length === undefined || length < 0 || length > max) return undefined;
    return this.memory.bytes(untag(obj) + this.layout.objects.fixedArrayData, length);
  }
}
