// Streams the `strings` array into a StringTableBuilder as raw bytes: it only finds where each
// string literal begins and ends (minding escapes, even one cut by a read boundary) and notes
// whether it needs unescaping or UTF-8 decoding later. Nothing is decoded here.

import { DumpError } from '../../dumpError';
import { STRING_ESCAPED, STRING_NON_ASCII } from '../strings/stringTable';
import type { StringTableBuilder } from '../strings/stringTableBuilder';
import { CH, describeByte } from './bytes';
import { isSpace } from './jsonValueScanner';

const enum State {
  BeforeArray,
  BetweenStrings,
  InString,
  AfterBackslash,
}

export class StringArrayParser {
  private state = State.BeforeArray;
  private flags = 0;
  done = false;

  constructor(
    private readonly file: string,
    private readonly builder: StringTableBuilder,
  ) {}

  /** Consumes bytes[pos, end) (file offset of bytes[0] is `base`); returns the position after `]` or `end`. */
  feed(bytes: Uint8Array, pos: number, end: number, base: number): number {
    let i = pos;
    while (i < end) {
      switch (this.state) {
        case State.BeforeArray:
          i = this.skipSpace(bytes, i, end);
          if (i === end) return end;
          if (bytes[i] !== CH.openBracket) this.fail(`expected '[' to open the strings array, found ${describeByte(bytes[i])}`, base + i);
          this.state = State.BetweenStrings;
          i++;
          break;
        case State.BetweenStrings: {
          // Separators are skipped here, and a string's bytes scanned at once: this runs per string.
          // Byte values are literals (',' '\n' ' ' '\r' '\t' '"' ']'), not CH.* property loads.
          let c = bytes[i];
          while (c === 0x2c || c === 0x0a || c === 0x20 || c === 0x0d || c === 0x09) {
            if (++i === end) return end;
            c = bytes[i];
          }
          if (c === 0x22) {
            this.builder.begin();
            this.flags = 0;
            this.state = State.InString;
            i = this.scanString(bytes, i + 1, end);
          } else if (c === 0x5d) {
            this.done = true;
            return i + 1;
          } else {
            this.fail(`unexpected ${describeByte(c)} in the strings array`, base + i);
          }
          break;
        }
        case State.AfterBackslash:
          // The escaped byte is part of the literal whatever it is (`\"` must not end the string).
          this.builder.append(bytes, i, i + 1);
          this.state = State.InString;
          i++;
          break;
        case State.InString:
          i = this.scanString(bytes, i, end);
          break;
      }
    }
    return end;
  }

  /** Copies literal bytes up to the closing quote or the end of the chunk. */
  private scanString(bytes: Uint8Array, from: number, end: number): number {
    let i = from;
    let high = 0;
    while (i < end) {
      const c = bytes[i];
      if (c === 0x22) break;
      high |= c;
      if (c === 0x5c) {
        this.flags |= STRING_ESCAPED;
        // Keep the backslash; the byte after it (maybe in the next chunk) is kept by AfterBackslash.
        this.builder.append(bytes, from, i + 1);
        if ((high & 0x80) !== 0) this.flags |= STRING_NON_ASCII;
        this.state = State.AfterBackslash;
        return i + 1;
      }
      i++;
    }
    this.builder.append(bytes, from, i);
    if ((high & 0x80) !== 0) this.flags |= STRING_NON_ASCII;
    if (i < end) {
      this.builder.end(this.flags);
      this.state = State.BetweenStrings;
      return i + 1;
    }
    return end;
  }

  private skipSpace(bytes: Uint8Array, i: number, end: number): number {
    while (i < end && isSpace(bytes[i])) i++;
    return i;
  }

  private fail(problem: string, offset: number): never {
    throw new DumpError(this.file, problem, offset);
  }
}
