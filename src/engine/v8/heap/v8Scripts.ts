// Scripts as the stack presenter needs them: name, offsets, and line ends — V8's own (a FixedArray of
// Smis it computes the first time a position is asked for), or computed here from the source text
// when V8 never needed them. One entry per Script, read once.

import { computeLineEnds, lineAndColumn } from './sourcePositions';
import { isSmi, smiValue, type Tagged } from './tagged';
import type { V8Heap } from './v8Heap';
import type { HeapString, V8Strings } from './v8Strings';

/** Longest source text read to compute line ends or serve a source (64 MiB of characters). */
export const MAX_SOURCE_CHARS = 64 * 1024 * 1024;
/** Line-end arrays longer than this are not believed (4M lines; 32 MiB to read). */
const MAX_LINES = 4 * 1024 * 1024;

export interface ScriptFacts {
  script: Tagged;
  /** Script name as V8 prints it; "" when the script has none (eval, new Function). */
  name: string;
  lineOffset: number;
  columnOffset: number;
  /** Script type: 0 native, 1 extension, 2 normal, 3 wasm, 4 inspector (V8's Script::Type). */
  type: number | undefined;
}

export class V8Scripts {
  private readonly facts = new Map<Tagged, Promise<ScriptFacts>>();
  private readonly lineEnds = new Map<Tagged, Promise<Int32Array | undefined>>();

  constructor(
    private readonly heap: V8Heap,
    private readonly strings: V8Strings,
  ) {}

  get(script: Tagged): Promise<ScriptFacts> {
    let found = this.facts.get(script);
    if (found === undefined) {
      found = this.read(script);
      this.facts.set(script, found);
    }
    return found;
  }

  /** 1-based line and column of a script offset; undefined when neither V8 nor the source gives line ends. */
  async position(script: Tagged, offset: number): Promise<{ line: number; column: number } | undefined> {
    const facts = await this.get(script);
    const ends = await this.ends(script);
    return ends === undefined ? undefined : lineAndColumn(ends, offset, facts.lineOffset, facts.columnOffset);
  }

  source(script: Tagged, maxChars = MAX_SOURCE_CHARS): Promise<HeapString | undefined> {
    return this.heap.field(script, this.heap.layout.script.source).then((s) => this.strings.read(s, maxChars));
  }

  private async read(script: Tagged): Promise<ScriptFacts> {
    const s = this.heap.layout.script;
    const name = await this.strings.read(await this.heap.field(script, s.name), 64 * 1024);
    return {
      script,
      name: name?.text ?? '',
      lineOffset: (await this.heap.smiField(script, s.lineOffset)) ?? 0,
      columnOffset: (await this.heap.smiField(script, s.columnOffset)) ?? 0,
      type: await this.heap.smiField(script, s.type),
    };
  }

  private ends(script: Tagged): Promise<Int32Array | undefined> {
    let found = this.lineEnds.get(script);
    if (found === undefined) {
      found = this.readEnds(script);
      this.lineEnds.set(script, found);
    }
    return found;
  }

  private async readEnds(script: Tagged): Promise<Int32Array | undefined> {
    const array = await this.heap.objectField(script, this.heap.layout.script.lineEnds);
    if (array !== undefined && (await this.heap.hasType(array, this.heap.layout.types.fixedArray))) {
      const fromV8 = await this.smiArray(array);
      if (fromV8 !== undefined) return fromV8;
    }
    const source = await this.source(script);
    return source === undefined || source.truncated ? undefined : computeLineEnds(source.text);
  }

  private async smiArray(array: Tagged): Promise<Int32Array | undefined> {
    const length = await this.heap.fixedArrayLength(array);
    if (length === undefined || length <= 0 || length > MAX_LINES) return undefined;
    const bytes = await this.heap.memory.bytes(array - 1 + this.heap.layout.objects.fixedArrayData, length * 8);
    if (bytes === undefined) return undefined;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const out = new Int32Array(length);
    for (let i = 0; i < length; i++) {
      const word = view.getInt32(i * 8 + 4, true) * 0x1_0000_0000 + view.getUint32(i * 8, true);
      if (!isSmi(word)) return undefined;
      out[i] = smiValue(word);
    }
    return out;
  }
}
