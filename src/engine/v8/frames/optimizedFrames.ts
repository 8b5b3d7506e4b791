// Turbofan and Maglev frames: one physical frame that stands for several JS functions when calls
// were inlined. The call site's deoptimization entry (found through the safepoint table) holds the
// translation V8 would use to rebuild those functions' interpreter frames; its frames, reversed to
// innermost first, are the JS frames — each with its SharedFunctionInfo, the bytecode offset that
// locates it in its source, and the function and receiver values it was called with.

import { isHeapObject, strong, type Tagged } from '../heap/tagged';
import type { V8Process } from '../v8Process';
import type { CodeObject } from './codeLookup';
import { deoptIndexAt, type SafepointTableShape } from './safepoints';
import { type TranslatedFrame, TranslationReader, type TranslationValue } from './translation';
import type { TranslationOpcodes } from './translationOpcodes';
import type { BytecodePositions } from './unoptimizedFrames';
import type { JsFrameFacts, PhysicalFrame } from './v8Frame';

export class OptimizedFrames {
  constructor(
    private readonly v8: V8Process,
    private readonly positions: BytecodePositions,
    private readonly opcodes: TranslationOpcodes,
  ) {}

  /** The JS frames of an optimized physical frame, innermost first; undefined when undecodable. */
  async decode(frame: PhysicalFrame, code: CodeObject, maglev: boolean): Promise<JsFrameFacts[] | undefined> {
    const { heap, layout } = this.v8;
    const deoptData = await heap.objectField(code.code, layout.code.deoptimizationData);
    if (deoptData === undefined) return undefined;
    const index = await deoptIndexAt(this.v8, code, frame.pc - code.instructionStart, this.safepointShape(maglev));
    if (index === undefined) return undefined;
    const translationIndex = await heap.smiField(deoptData, layout.objects.fixedArrayData + (layout.deopt.firstEntry + 3 * index + 1) * 8);
    const translationArray = await heap.objectField(deoptData, layout.objects.fixedArrayData + layout.deopt.translationIndex * 8);
    const literals = await heap.objectField(deoptData, layout.objects.fixedArrayData + layout.deopt.literals * 8);
    const bytes = translationArray === undefined ? undefined : await heap.byteArray(translationArray);
    if (translationIndex === undefined || bytes === undefined || literals === undefined) return undefined;
    const translated = new TranslationReader(bytes, this.opcodes).read(translationIndex);
    return this.toFacts(translated, frame, literals, maglev ? 'maglev' : 'turbofan');
  }

  private safepointShape(maglev: boolean): SafepointTableShape {
    const header = this.v8.layout.deopt.safepointHeader;
    // V8 13's Maglev tables add the tagged slot count to the header and a pushed-register byte per entry.
    return maglev && header >= 12 ? { header: header + 4, extraEntryBytes: 1 } : { header, extraEntryBytes: 0 };
  }

  private async toFacts(frames: TranslatedFrame[], frame: PhysicalFrame, literals: Tagged, tier: 'maglev' | 'turbofan'): Promise<JsFrameFacts[]> {
    const out: JsFrameFacts[] = [];
    let constructNext = false;
    for (const t of frames) {
      if (t.kind === 'construct-frame') {
        constructNext = true;
        continue;
      }
      if (t.kind === 'other-frame') continue;
      const values = await Promise.all(t.values.slice(0, 2).map((v) => this.tagged(v, frame.fp, literals)));
      const fn = values[0] !== undefined && (await this.v8.heap.isJsFunction(values[0])) ? values[0] : undefined;
      const sfi = await this.sharedInfo(t, fn, literals);
      if (sfi === undefined) continue;
      const continuation = t.kind === 'continuation-frame';
      const bytecode = continuation ? undefined : await this.v8.functions.bytecodeArray(sfi);
      const scriptOffset = bytecode === undefined ? undefined : await this.positions.scriptOffset(bytecode, t.bytecodeOffset);
      out.push({
        type: 'js',
        tier: continuation ? 'continuation' : tier,
        function: fn,
        sfi,
        scriptOffset,
        isConstructor: constructNext && !continuation,
        values: { kind: 'values', receiver: values[1], args: continuation ? [] : await this.args(t, sfi, frame.fp, literals), receiverMap: await this.capturedMap(t.values[1], frame.fp, literals) },
        fp: frame.fp,
        pc: frame.pc,
      });
      constructNext = false;
    }
    return out.reverse();
  }

  /** A continuation's SFI literal names the outer function under Maglev: prefer the function value. */
  private async sharedInfo(t: TranslatedFrame, fn: Tagged | undefined, literals: Tagged): Promise<Tagged | undefined> {
    if (fn !== undefined && t.kind === 'continuation-frame') return this.v8.functions.shared(fn);
    const literal = await this.literal(literals, t.literal);
    if (literal !== undefined && (await this.v8.functions.isSharedFunctionInfo(literal))) return literal;
    // V8 13 keeps SharedFunctionInfoWrappers in deopt literals: the SFI is their first field.
    const wrapped = literal === undefined ? undefined : await this.v8.heap.objectField(literal, 8);
    if (await this.v8.functions.isSharedFunctionInfo(wrapped)) return wrapped;
    return fn === undefined ? undefined : this.v8.functions.shared(fn);
  }

  /** The values after function and receiver: the declared parameters (context and registers follow). */
  private async args(t: TranslatedFrame, sfi: Tagged, fp: number, literals: Tagged): Promise<(Tagged | undefined)[]> {
    const declared = await this.v8.functions.parameterCount(sfi);
    const count = Math.min(declared ?? 0, MAX_SHOWN_ARGS);
    return Promise.all(t.values.slice(2, 2 + count).map((v) => this.tagged(v, fp, literals)));
  }

  /** The map of a value escape analysis kept out of the heap (a captured object), when it is one. */
  private async capturedMap(value: TranslationValue | undefined, fp: number, literals: Tagged): Promise<Tagged | undefined> {
    if (value?.kind !== 'captured-object' || value.map === undefined) return undefined;
    const map = await this.tagged(value.map, fp, literals);
    return (await this.v8.heap.hasType(map, this.v8.layout.types.map)) ? map : undefined;
  }

  private async literal(literals: Tagged, index: number): Promise<Tagged | undefined> {
    const value = await this.v8.heap.fixedArrayGet(literals, index);
    return value === undefined ? undefined : strong(value);
  }

  /** A translation value as a tagged word, when it is one (not an untagged int, double or lost value). */
  async tagged(value: TranslationValue, fp: number, literals: Tagged): Promise<Tagged | undefined> {
    if (value.kind === 'literal') return this.literal(literals, value.index);
    if (value.kind !== 'tagged-slot') return undefined;
    const word = await this.v8.memory.word(fp + 16 - (value.slot + 1) * 8);
    return word !== undefined && (isHeapObject(word) || word % 2 ** 32 === 0) ? word : undefined;
  }
}

/** Arguments kept from a translation (the rest are shown as not available). */
const MAX_SHOWN_ARGS = 64;
