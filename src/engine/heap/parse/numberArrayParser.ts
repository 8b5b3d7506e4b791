// Streams a JSON array of non-negative integers (`nodes`, `edges`) from raw bytes into a sink, a
// batch at a time, without ever building a string: this loop is where most of a multi-GB snapshot's
// bytes go, so it touches each byte once and keeps its state in locals. A number cut by a read
// boundary simply continues in the next chunk. Each number's starting byte offset travels with it
// so the sink can point at the exact place of a bad value.

import { DumpError } from '../../dumpError';
import { CH, describeByte } from './bytes';
import { isSpace } from './jsonValueScanner';

export interface NumberSink {
  /** values[i] began at file offset starts[i]. Throws DumpError for a value that cannot be right. */
  accept(values: Float64Array, starts: Float64Array, count: number): void;
  /** The array's `]` was reached at file offset `offset`. */
  close(offset: number): void;
}

/** Numbers handed to the sink per call: large enough to amortise the call, small enough to stay in cache. */
const BATCH = 16 * 1024;
/** A literal: a global property load per number is measurable in this loop. */
const MAX_SAFE_INTEGER = 9007199254740991;

export class NumberArrayParser {
  private opened = false;
  private inNumber = false;
  private value = 0;
  private start = 0;
  private pending = 0;
  private readonly values = new Float64Array(BATCH);
  private readonly starts = new Float64Array(BATCH);
  done = false;

  constructor(
    private readonly file: string,
    private readonly what: string,
    private readonly sink: NumberSink,
  ) {}

  /** Consumes bytes[pos, end) (file offset of bytes[0] is `base`); returns the position after `]` or `end`. */
  feed(bytes: Uint8Array, pos: number, end: number, base: number): number {
    let i = pos;
    if (!this.opened) {
      while (i < end && isSpace(bytes[i])) i++;
      if (i === end) return end;
      if (bytes[i] !== CH.openBracket) this.fail(`expected '[' to open the ${this.what} array, found ${describeByte(bytes[i])}`, base + i);
      this.opened = true;
      i++;
    }
    if (this.inNumber) {
      i = this.continueNumber(bytes, i, end);
      if (i === end) return end;
    }
    return this.scan(bytes, i, end, base);
  }

  /** Finishes a number the previous chunk ended inside; returns where its digits end. */
  private continueNumber(bytes: Uint8Array, from: number, end: number): number {
    let i = from;
    let value = this.value;
    for (; i < end; i++) {
      const digit = bytes[i] - 0x30;
      if (digit >>> 0 > 9) break;
      value = value * 10 + digit;
    }
    this.value = value;
    if (i < end) {
      this.pending = this.emit(value, this.start, this.pending);
      this.inNumber = false;
    }
    return i;
  }

  /**
   * The hot loop. Byte values are literals, not CH.* lookups: it runs once per byte of the file
   * and a property load through the module object costs as much as the rest of its body. Digits
   * are read by an inner loop, which branches far more predictably than one state machine per byte.
   */
  private scan(bytes: Uint8Array, from: number, end: number, base: number): number {
    const { values, starts } = this;
    let pending = this.pending;
    let i = from;
    while (i < end) {
      const c = bytes[i];
      let digit = c - 0x30;
      if (digit >>> 0 <= 9) {
        const start = base + i;
        let value = digit;
        for (i++; i < end; i++) {
          digit = bytes[i] - 0x30;
          if (digit >>> 0 > 9) break;
          value = value * 10 + digit;
        }
        if (i === end) {
          this.inNumber = true;
          this.value = value;
          this.start = start;
          break;
        }
        if (value > MAX_SAFE_INTEGER) this.fail(`a number in the ${this.what} array is too large`, start);
        values[pending] = value;
        starts[pending] = start;
        if (++pending === BATCH) {
          this.sink.accept(values, starts, pending);
          pending = 0;
        }
        continue;
      }
      i++;
      // ',' and JSON white space separate numbers; ']' ends the array.
      if (c === 0x2c || c === 0x0a || c === 0x20 || c === 0x0d || c === 0x09) continue;
      if (c === 0x5d) return this.close(pending, base + i - 1, i);
      this.fail(`unexpected ${describeByte(c)} in the ${this.what} array (only non-negative integers belong there)`, base + i - 1);
    }
    this.pending = pending;
    return end;
  }

  private close(pending: number, offset: number, next: number): number {
    this.sink.accept(this.values, this.starts, pending);
    this.pending = 0;
    this.done = true;
    this.sink.close(offset);
    return next;
  }

  /** Adds a finished number to the batch, handing the batch over when full; returns the new batch length. */
  private emit(value: number, start: number, pending: number): number {
    if (value > MAX_SAFE_INTEGER) this.fail(`a number in the ${this.what} array is too large`, start);
    this.values[pending] = value;
    this.starts[pending] = start;
    if (++pending < BATCH) return pending;
    this.sink.accept(this.values, this.starts, pending);
    return 0;
  }

  private fail(problem: string, offset: number): never {
    throw new DumpError(this.file, problem, offset);
  }
}
