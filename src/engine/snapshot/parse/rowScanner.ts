// The fast path of the `nodes` and `edges` arrays: a whole row (one node's or one edge's fields) read
// straight from the bytes into a small array, which the column sink checks and stores at once.
// Against the general path (numberArrayParser.ts: each number into a batch, then distributed field by
// field), this saves a store, a load and a dispatch on the field per number. It takes only what is
// plainly well formed: a row cut by the chunk's end, anything but separators and digits, or a number
// too long to be exact makes it stop, and the general path takes over from the row's start — so
// every error is still found and reported, with its offset, by one piece of code.

/** 15 digits are always below 2^53; longer numbers are left to the general path's check. */
const MAX_DIGITS = 15;

/**
 * Reads `row.length` numbers from bytes[from, end) into `row`. Returns the position after the last
 * one, or -1 when the row is not complete and plain before `end`. A number that touches `end` counts
 * as cut: it may go on in the next chunk.
 */
export function scanRow(bytes: Uint8Array, from: number, end: number, row: Float64Array): number {
  let i = from;
  for (let f = 0; f < row.length; f++) {
    if (i === end) return -1;
    // ',' and JSON white space separate numbers. Byte values are literals: this runs per byte.
    let c = bytes[i];
    while (c === 0x2c || c === 0x0a || c === 0x20 || c === 0x0d || c === 0x09) {
      if (++i === end) return -1;
      c = bytes[i];
    }
    let value = c - 0x30;
    if (value >>> 0 > 9) return -1;
    const start = i;
    for (;;) {
      if (++i === end) return -1;
      const digit = bytes[i] - 0x30;
      if (digit >>> 0 > 9) break;
      value = value * 10 + digit;
    }
    if (i - start > MAX_DIGITS) return -1;
    row[f] = value;
  }
  return i;
}
