// Typed access to parsed JSON that names the offending field when the shape is wrong. A report is
// written by a Node we do not control (older report versions, hand-edited files), so every field is
// checked as it is read, and a bad one becomes a DumpError such as "header.processId is not a number"
// rather than a TypeError somewhere in a front end.

import { DumpError } from '../dumpError';

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** One JSON object, with the dotted path it was reached by ("header", "libuv[3]"). */
export class JsonFields {
  constructor(
    private readonly file: string,
    readonly path: string,
    readonly value: JsonObject,
  ) {}

  /** Wraps `value`, which must be an object; `path` names it in errors. */
  static of(file: string, path: string, value: unknown): JsonFields {
    if (!isJsonObject(value)) throw new DumpError(file, `${path} is not an object`);
    return new JsonFields(file, path, value);
  }

  fail(key: string, problem: string): never {
    throw new DumpError(this.file, `${this.where(key)} ${problem}`);
  }

  /** The field's value as recorded; null counts as absent, as Node writes null for "not known". */
  raw(key: string): unknown {
    const value = this.value[key];
    return value === null ? undefined : value;
  }

  string(key: string): string | undefined {
    return this.typed(key, 'string', (v): v is string => typeof v === 'string');
  }

  number(key: string): number | undefined {
    return this.typed(key, 'number', (v): v is number => typeof v === 'number');
  }

  boolean(key: string): boolean | undefined {
    return this.typed(key, 'boolean', (v): v is boolean => typeof v === 'boolean');
  }

  requiredString(key: string): string {
    return this.string(key) ?? this.fail(key, 'is missing');
  }

  requiredNumber(key: string): number {
    return this.number(key) ?? this.fail(key, 'is missing');
  }

  object(key: string): JsonFields | undefined {
    const value = this.raw(key);
    if (value === undefined) return undefined;
    if (!isJsonObject(value)) this.fail(key, 'is not an object');
    return new JsonFields(this.file, this.where(key), value);
  }

  array(key: string): unknown[] | undefined {
    const value = this.raw(key);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) this.fail(key, 'is not an array');
    return value as unknown[];
  }

  stringArray(key: string): string[] | undefined {
    const values = this.array(key);
    values?.forEach((v, i) => {
      if (typeof v !== 'string') this.fail(`${key}[${i}]`, 'is not a string');
    });
    return values as string[] | undefined;
  }

  /** The objects of an array field, each named by its index in errors. */
  objects(key: string): JsonFields[] {
    return (this.array(key) ?? []).map((v, i) => JsonFields.of(this.file, this.where(`${key}[${i}]`), v));
  }

  private typed<T>(key: string, typeName: string, is: (v: unknown) => v is T): T | undefined {
    const value = this.raw(key);
    if (value === undefined) return undefined;
    if (!is(value)) this.fail(key, `is not a ${typeName}`);
    return value;
  }

  private where(key: string): string {
    if (this.path === '') return key;
    return key.startsWith('[') ? `${this.path}${key}` : `${this.path}.${key}`;
  }
}
