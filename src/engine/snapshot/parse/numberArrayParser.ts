// Streams a JSON array of non-negative integers (`nodes`, `edges`) from raw bytes into a sink, a
// batch at a time, without ever building a string: this loop is where most of a multi-GB snapshot's
// bytes go, so it touches each byte once and keeps its state in locals. A number cut by a read
// boundary simply continues in the next chunk. Byte offsets are not recorded per number (that store
// alone costs a tenth of the loop); a batch never outlives its chunk, so when the sink rejects a
// value, the chunk is scanned again to point at that value's exact byte.
//
// Most rows (a node's or an edge's fields) never come here: at a row's start the sink takes whole
// rows straight from the bytes (rowScanner.ts). This general path does the rest — the row a read
// boundary cuts, the closing bracket, and whatever is wrong enough to report.

import { DumpError } from '../../dumpError';
import { CH, describeByte } from './bytes';
import { isSpace } from './jsonValueScanner';

export interface NumberSink {
  /**
   * values[0 .. count) in file order; `locate(i)` gives the file offset where values[i] starts, for
   * error messages. Throws DumpError for a value that cannot be right.
   */
  accept(values: Float64Array, count: number, locate: (i: number) => number): void;
  /**
   * The fast path (rowScanner.ts), called at a row's start: takes whole rows from bytes[from, end)
   * for as long as they are plain and valid, and returns where it stopped (a row's start).
   */
  acceptRows(bytes: Uint8Array, from: number, end: number): number;
  /** Whether the next value starts a row (a node's or an edge's first field). */
  readonly atRowStart: boolean;
  /** How many values the current row still needs (its field count at a row's start). */
  readonly valuesToRowEnd: number;
  /** The array's `]` was reached at file offset `offset`. */
  close(offset: number): void;
}

/** Numbers handed to the sink per call: large enough to amortise the call, small enough to stay in cache. */
const BATCH = 16 * 1024;
/** A literal: a global property load per number is measurable in this loop. */
const MAX_SAFE_INTEGER = 9007199254740991;

/** Where a batch's numbers are: from `from` in `bytes`, the first one begun in an earlier chunk when `cutStart` ≥ 0. */
interface BatchOrigin {
  bytes: Uint8Array;
  base: number;
  from: number;
  cutStart: number;
}

/** File offset of the k-th number of a batch, found by scanning its chunk again. */
function locate(origin: BatchOrigin, k: number): number {
  const { bytes, base, cutStart } = origin;
  if (cutStart >= 0) {
    if (k === 0) return cutStart;
    k--;
  }
  let seen = -1;
  for (let i = origin.from; i < bytes.length;) {
    if ((bytes[i] - 0x30) >>> 0 > 9) {
      i++;
      continue;
    }
    if (++seen === k) return base + i;
    while (i < bytes.length && (bytes[i] - 0x30) >>> 0 <= 9) i++;
  }
  return base + bytes.length;
}

export class NumberArrayParser {
  private opened = false;
  private inNumber = false;
  private value = 0;
  private start = 0;
  private readonly values = new Float64Array(BATCH);
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
    let pending = 0;
    let cutStart = -1;
    if (this.inNumber) {
      // A number cut by the previous chunk's end continues here, as the batch's first value.
      let value = this.value;
      for (; i < end; i++) {
        const digit = bytes[i] - 0x30;
        if (digit >>> 0 > 9) break;
        value = value * 10 + digit;
      }
      this.value = value;
      if (i === end) return end;
      if (value > MAX_SAFE_INTEGER) this.fail(`a number in the ${this.what} array is too large`, this.start);
      this.values[0] = value;
      this.inNumber = false;
      pending = 1;
      cutStart = this.start;
    }
    const sink = this.sink;
    if (pending > 0 || !sink.atRowStart) {
      // The general path finishes the row a read boundary cut; whole rows then take the fast path.
      i = this.scan(bytes, i, end, base, pending, cutStart, Math.min(sink.valuesToRowEnd, BATCH));
      if (this.done || i === end) return i;
    }
    return this.scan(bytes, sink.acceptRows(bytes, i, end), end, base, 0, -1, BATCH);
  }

  /**
   * The hot loop. Byte values are literals, not CH.* lookups: it runs once per byte of the file
   * and a property load through the module object costs as much as the rest of its body. Digits
   * are read by an inner loop, which branches far more predictably than one state machine per byte.
   * The batch is handed over every `limit` values; a limit below BATCH (the end of a row) also ends
   * the scan there, so that the caller can take the fast path.
   */
  private scan(bytes: Uint8Array, from: number, end: number, base: number, pending: number, cutStart: number, limit: number): number {
    const values = this.values;
    let batchFrom = from;
    let i = from;
    if (pending === limit) {
      this.flush({ bytes, base, from: batchFrom, cutStart }, pending);
      return i;
    }
    while (i < end) {
      const c = bytes[i];
      let digit = c - 0x30;
      if (digit >>> 0 <= 9) {
        const start = i;
        let value = digit;
        for (i++; i < end; i++) {
          digit = bytes[i] - 0x30;
          if (digit >>> 0 > 9) break;
          value = value * 10 + digit;
        }
        if (i === end) {
          this.inNumber = true;
          this.value = value;
          this.start = base + start;
          break;
        }
        if (value > MAX_SAFE_INTEGER) this.fail(`a number in the ${this.what} array is too large`, base + start);
        values[pending] = value;
        if (++pending === limit) {
          this.flush({ bytes, base, from: batchFrom, cutStart }, pending);
          if (limit < BATCH) return i;
          pending = 0;
          cutStart = -1;
          batchFrom = i;
        }
        continue;
      }
      i++;
      // ',' and JSON white space separate numbers; ']' ends the array.
      if (c === 0x2c || c === 0x0a || c === 0x20 || c === 0x0d || c === 0x09) continue;
      if (c === 0x5d) {
        this.flush({ bytes, base, from: batchFrom, cutStart }, pending);
        this.done = true;
        this.sink.close(base + i - 1);
        return i;
      }
      this.fail(`unexpected ${describeByte(c)} in the ${this.what} array (only non-negative integers belong there)`, base + i - 1);
    }
    // The batch ends with its chunk, so its offsets can still be found by scanning the chunk.
    this.flush({ bytes, base, from: batchFrom, cutStart }, pending);
    return end;
  }

  private flush(origin: BatchOrigin, count: number): void {
    if (count > 0) this.sink.accept(this.values, count, (k) => locate(origin, k));
  }

  private fail(problem: string, offset: number): never {
    throw new DumpError(this.file, problem, offset);
  }
}
