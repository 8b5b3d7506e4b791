// The exception a Node process died of. With --abort-on-uncaught-exception V8 aborts inside
// Isolate::Throw, so the value is still where the throw left it: a JS `throw` calls the runtime
// through an exit frame (Runtime_Throw / ReThrow) whose one argument — the thrown value — sits just
// above the exit frame's return address. Exceptions V8 creates itself ("x is not a function") are
// built in C++ and only referenced from its frames, so the native frames above the exit frame are
// searched for a JS error (held directly or through a handle). No Throw frame, no exception: a
// process.abort() or a native crash is described by its signal.

import type { CrashException, Frame } from '../crash';
import { stackText } from '../frameText';
import type { RegisterSet } from '../unwind/registers';
import { isHeapObject, type Tagged } from './heap/tagged';
import type { V8Objects } from './heap/v8Objects';
import type { V8Process } from './v8Process';
import { EXIT_LABEL } from './jsFrameNamer';
import type { ValuePreview } from './values/valuePreview';

/** Runtime functions whose single stack argument is the thrown value. */
const THROW_RUNTIMES = /v8::internal::Runtime_(Throw|ReThrow|ReThrowWithMessage)\(/;
/** Native frames whose presence means V8 was throwing when the process stopped. */
const THROWING = /v8::internal::(Isolate::Throw|Runtime_Throw|Runtime_ReThrow|Isolate::ReThrow)/;
/** Words of native stack searched for the thrown error when no runtime argument holds it. */
const MAX_SCAN_WORDS = 16 * 1024;
/** Own properties listed with the exception (code, errno, ...). */
const MAX_PROPERTIES = 32;

export interface ThrownValue {
  value: Tagged;
  exception: CrashException;
  /** "Uncaught RangeError: value 7 over 3", the stop description. */
  description: string;
}

export class ThrownException {
  constructor(
    private readonly v8: V8Process,
    private readonly objects: V8Objects,
    private readonly preview: ValuePreview,
  ) {}

  /** The thrown value of the crashing thread, when it died throwing one. */
  async find(frames: Frame[], registers: RegisterSet[], sp: bigint | undefined): Promise<ThrownValue | undefined> {
    const exit = frames.findIndex((f) => f.kind === 'marker' && f.function === EXIT_LABEL);
    if (exit < 0 || !frames.slice(0, exit).some((f) => THROWING.test(f.function))) return undefined;
    const exitFp = registers[exit]?.fp;
    if (exitFp === undefined) return undefined;
    let value: Tagged | undefined;
    if (THROW_RUNTIMES.test(frames[exit - 1]?.function ?? '')) value = await this.v8.memory.word(Number(exitFp) + 16);
    if (value === undefined || (!isHeapObject(value) && value % 2 ** 32 !== 0)) value = await this.scanForError(sp, Number(exitFp));
    if (value === undefined) return undefined;
    return this.describe(value, frames);
  }

  /** The first JS error referenced by the native frames between the stack pointer and the exit frame. */
  private async scanForError(sp: bigint | undefined, exitFp: number): Promise<Tagged | undefined> {
    if (sp === undefined) return undefined;
    const start = Number(sp);
    const words = Math.min(MAX_SCAN_WORDS, Math.max(0, (exitFp - start) / 8));
    const bytes = await this.v8.memory.bytes(start, words * 8);
    if (bytes === undefined) return undefined;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < words; i++) {
      const word = view.getInt32(i * 8 + 4, true) * 0x1_0000_0000 + view.getUint32(i * 8, true);
      if (await this.isError(word)) return word;
      // A Handle is the address of a slot holding the object.
      if (word > 0 && word % 8 === 0) {
        const held = await this.v8.memory.word(word);
        if (held !== undefined && (await this.isError(held))) return held;
      }
    }
    return undefined;
  }

  private async isError(value: Tagged): Promise<boolean> {
    return isHeapObject(value) && (await this.v8.heap.instanceType(value)) === this.v8.layout.types.jsError;
  }

  private async describe(value: Tagged, frames: Frame[]): Promise<ThrownValue> {
    const c = await this.preview.classify(value);
    if (c.kind !== 'error' && c.kind !== 'object') {
      // V8's message shows a thrown primitive as its string value: Uncaught plain text, Uncaught 42.
      const text = c.kind === 'string' ? ((await this.v8.strings.read(value, 64 * 1024))?.text ?? '') : await this.preview.render(value);
      return { value, description: `Uncaught ${text}`, exception: { typeName: c.kind, message: text, properties: {} } };
    }
    // An object that inherits from Error.prototype without being one (what a worker's error becomes
    // in its parent: node:internal/error_serdes creates it) reads as an error, as V8 prints it.
    const errorName = c.kind === 'object' ? await this.inheritedErrorName(value) : undefined;
    const isError = c.kind === 'error' || errorName !== undefined;
    const typeName = errorName ?? (await this.preview.typeName(value));
    const props = await this.objects.ownProperties(value, MAX_PROPERTIES);
    const message = await this.stringProperty(props.find((p) => p.name === 'message')?.value);
    const ownStack = await this.stringProperty(props.find((p) => p.name === 'stack')?.value);
    const properties: Record<string, string> = {};
    for (const p of props) {
      if (p.isSymbol || !p.enumerable || p.value === undefined) continue;
      properties[p.name] = await this.preview.render(p.value);
    }
    const firstLine = message === undefined ? typeName : `${typeName}: ${message}`;
    const exception: CrashException = { typeName, message: message ?? '', properties };
    // The stack V8 recorded when it is a string already; otherwise where the throw happened.
    exception.stack = ownStack ?? stackText(firstLine, frames);
    // A thrown non-error object reads as V8 prints it: Uncaught #<Object>.
    return { value, exception, description: `Uncaught ${isError ? firstLine : `#<${typeName}>`}` };
  }

  /**
   * The `name` an object inherits (RangeError) when Error.prototype is on its prototype chain — the
   * object whose own name is "Error" and own message is empty — else undefined.
   */
  private async inheritedErrorName(value: Tagged): Promise<string | undefined> {
    let name: string | undefined;
    for (const link of await this.objects.chain(value)) {
      const own = await this.stringProperty((await this.objects.ownProperty(link, 'name'))?.value);
      name ??= own;
      const message = await this.stringProperty((await this.objects.ownProperty(link, 'message'))?.value);
      if (own === 'Error' && message === '') return name;
    }
    return undefined;
  }

  private async stringProperty(value: Tagged | undefined): Promise<string | undefined> {
    if (value === undefined) return undefined;
    return (await this.v8.strings.read(value, 64 * 1024))?.text;
  }
}
