// V8 strings of every shape: sequential (one- or two-byte characters inline), cons (a rope of two
// halves), sliced (a window on a parent), thin (forwarding to an internalized copy) and external
// (characters outside the heap — node's built-in module sources point into the binary's .rodata,
// which the address space serves from the file). Ropes are walked with an explicit stack, and every
// read stops at `maxChars`, so a corrupt or huge string costs at most that much.

import type { V8Heap } from './v8Heap';
import { type Tagged, untag } from './tagged';

export interface HeapString {
  text: string;
  /** The string's full length in characters; larger than text.length when cut at maxChars. */
  length: number;
  truncated: boolean;
}

/** Longest string V8 allows (String::kMaxLength on 64-bit), a sanity bound for lengths read. */
const MAX_STRING_LENGTH = (1 << 29) - 24;
/** Pieces visited in one rope before giving up (a cycle means corruption). */
const MAX_PIECES = 100_000;
/** V8's uncached-external bit in the instance type (kUncachedExternalStringMask). */
const UNCACHED_EXTERNAL = 0x10;

interface Piece {
  obj: Tagged;
  /** Characters of `obj` to skip, then to take. */
  start: number;
  count: number;
}

export class V8Strings {
  constructor(
    private readonly heap: V8Heap,
    /** nodedbg_offset_ExternalString__data__uintptr_t: where node's resources keep their data pointer. */
    private readonly nodeExternalDataOffset: number | undefined,
  ) {}

  async isString(obj: Tagged | undefined): Promise<boolean> {
    return obj !== undefined && this.heap.isStringType(await this.heap.instanceType(obj));
  }

  async length(obj: Tagged): Promise<number | undefined> {
    const length = await this.heap.i32(obj, this.heap.layout.strings.length);
    return length !== undefined && length >= 0 && length <= MAX_STRING_LENGTH ? length : undefined;
  }

  /** The string's text up to `maxChars`; undefined when `obj` is not a readable string. */
  async read(obj: Tagged | undefined, maxChars = 1024 * 1024): Promise<HeapString | undefined> {
    if (obj === undefined || !(await this.isString(obj))) return undefined;
    const length = await this.length(obj);
    if (length === undefined) return undefined;
    const want = Math.min(length, maxChars);
    const parts: string[] = [];
    let got = 0;
    const stack: Piece[] = [{ obj, start: 0, count: want }];
    for (let visited = 0; stack.length > 0 && got < want; visited++) {
      if (visited > MAX_PIECES) return undefined;
      const piece = stack.pop();
      if (piece === undefined) break;
      const text = await this.expand(piece, stack);
      if (text === null) return undefined;
      if (text !== undefined) {
        parts.push(text);
        got += text.length;
      }
    }
    const text = parts.join('');
    return { text, length, truncated: text.length < length };
  }

  /** Reads a flat piece's characters, or pushes the pieces it is made of; null on corruption. */
  private async expand(piece: Piece, stack: Piece[]): Promise<string | undefined | null> {
    if (piece.count <= 0) return undefined;
    const s = this.heap.layout.strings;
    const type = await this.heap.instanceType(piece.obj);
    if (!this.heap.isStringType(type) || type === undefined) return null;
    const oneByte = (type & s.encodingMask) === s.oneByteTag;
    switch (type & s.representationMask) {
      case s.seqTag:
        return this.chars(untag(piece.obj) + (oneByte ? s.seqChars : s.seqTwoByteChars), piece.start, piece.count, oneByte);
      case s.consTag:
        return this.splitCons(piece, stack);
      case s.thinTag: {
        const actual = await this.heap.objectField(piece.obj, s.thinActual);
        if (actual === undefined) return null;
        stack.push({ ...piece, obj: actual });
        return undefined;
      }
      case s.slicedTag: {
        const parent = await this.heap.objectField(piece.obj, s.slicedParent);
        const offset = await this.heap.smiField(piece.obj, s.slicedOffset);
        if (parent === undefined || offset === undefined || offset < 0) return null;
        stack.push({ obj: parent, start: piece.start + offset, count: piece.count });
        return undefined;
      }
      case s.externalTag: {
        const data = await this.externalData(piece.obj, type);
        return data === undefined ? null : this.chars(data, piece.start, piece.count, oneByte);
      }
      default:
        return null;
    }
  }

  private async splitCons(piece: Piece, stack: Piece[]): Promise<undefined | null> {
    const s = this.heap.layout.strings;
    const first = await this.heap.objectField(piece.obj, s.consFirst);
    const second = await this.heap.objectField(piece.obj, s.consSecond);
    const firstLength = first === undefined ? undefined : await this.length(first);
    if (first === undefined || second === undefined || firstLength === undefined) return null;
    // Pushed second first: the stack pops the left half before the right.
    const end = piece.start + piece.count;
    if (end > firstLength) stack.push({ obj: second, start: Math.max(0, piece.start - firstLength), count: end - Math.max(piece.start, firstLength) });
    if (piece.start < firstLength) stack.push({ obj: first, start: piece.start, count: Math.min(end, firstLength) - piece.start });
    return undefined;
  }

  /** Address of an external string's characters: V8's cached copy, or node's resource object. */
  private async externalData(obj: Tagged, type: number): Promise<number | undefined> {
    const s = this.heap.layout.strings;
    if ((type & UNCACHED_EXTERNAL) === 0) {
      const cached = await this.heap.memory.word(untag(obj) + s.externalData);
      if (cached !== undefined && cached > 0) return cached;
    }
    const resource = await this.heap.memory.word(untag(obj) + s.externalResource);
    if (resource === undefined || resource <= 0 || this.nodeExternalDataOffset === undefined) return undefined;
    return this.heap.memory.word(resource + this.nodeExternalDataOffset);
  }

  private async chars(address: number, start: number, count: number, oneByte: boolean): Promise<string | null> {
    const width = oneByte ? 1 : 2;
    const bytes = await this.heap.memory.bytes(address + start * width, count * width);
    if (bytes === undefined) return null;
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString(oneByte ? 'latin1' : 'utf16le');
  }
}
