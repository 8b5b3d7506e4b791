// From a pc in JIT memory to the code object that holds it. V8's heap keeps machine code inside
// heap objects (Code in V8 10; InstructionStream, described by a separate Code object, from V8 11),
// so the object starts somewhere below the pc: scan down word by word for a pointer to the
// InstructionStream/Code map, then check the candidate really contains the pc. JSFunction.code is
// no shortcut — under OSR it names baseline code while the frame runs Turbofan code, and V8 13
// replaced it with a dispatch handle.

import { isHeapObject, type Tagged } from '../heap/tagged';
import type { V8Process } from '../v8Process';

export interface CodeObject {
  /** The Code object (its fields: kind, deopt data, source positions). */
  code: Tagged;
  instructionStart: number;
  instructionSize: number;
  kind: number;
}

const PAGE = 4096;
/** How far below the pc a code object may start (code objects are far smaller). */
const MAX_SCAN = 1024 * 1024;

export class CodeLookup {
  /** The map of code-holding objects, learnt from the first one found. */
  private codeMap: Tagged | undefined;
  private readonly found = new Map<number, Promise<CodeObject | undefined>>();

  constructor(private readonly v8: V8Process) {}

  find(pc: number): Promise<CodeObject | undefined> {
    let result = this.found.get(pc);
    if (result === undefined) {
      result = this.scan(pc);
      this.found.set(pc, result);
    }
    return result;
  }

  private get holderType(): number {
    const t = this.v8.layout.types;
    return this.v8.layout.code.shape === 'istream' ? t.instructionStream : t.code;
  }

  private async scan(pc: number): Promise<CodeObject | undefined> {
    const memory = this.v8.memory;
    let end = pc - (pc % 8);
    for (let scanned = 0; scanned < MAX_SCAN;) {
      const pageStart = end - (end % PAGE);
      const bytes = await memory.bytes(pageStart, end - pageStart + 8);
      if (bytes === undefined) return undefined;
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let at = end - pageStart; at >= 0; at -= 8) {
        const word = view.getInt32(at + 4, true) * 0x1_0000_0000 + view.getUint32(at, true);
        if (!isHeapObject(word) || (this.codeMap !== undefined && word !== this.codeMap)) continue;
        const candidate = await this.validate(pageStart + at + 1, word, pc);
        if (candidate !== undefined) return candidate;
      }
      scanned += end - pageStart;
      end = pageStart - 8;
    }
    return undefined;
  }

  /** The code object at tagged address `holder` (whose first word is `map`) if it contains `pc`. */
  private async validate(holder: Tagged, map: Tagged, pc: number): Promise<CodeObject | undefined> {
    const { heap, layout } = this.v8;
    if (this.codeMap === undefined && (await heap.mapInstanceType(map)) !== this.holderType) return undefined;
    const c = layout.code;
    const code = c.shape === 'istream' ? await heap.objectField(holder, 8) : holder;
    if (code === undefined || !(await heap.hasType(code, layout.types.code))) return undefined;
    const instructionStart = c.shape === 'istream' ? await heap.memory.word(code - 1 + c.instructionStart) : holder - 1 + c.instructionsHeader;
    const instructionSize = await heap.i32(code, c.instructionSize);
    const flags = await heap.u32(code, c.flags);
    if (instructionStart === undefined || instructionSize === undefined || flags === undefined) return undefined;
    if (instructionStart !== holder - 1 + c.instructionsHeader || pc < instructionStart || pc >= instructionStart + instructionSize) return undefined;
    this.codeMap = map;
    return { code, instructionStart, instructionSize, kind: flags & c.kindMask };
  }
}
