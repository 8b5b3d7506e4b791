// Finds the end of one JSON value of any shape as its bytes stream past, optionally keeping them.
// Used for the small `snapshot` header (kept, then JSON.parse'd) and for sections Salvage does not
// need (`trace_tree`, `samples`, ...), which can be large and are skipped without being held. It
// tracks only nesting and string state — full validation is left to JSON.parse for what is kept.

import { DumpError } from '../../dumpError';
import { formatBytes } from '../../format';
import { CH } from './bytes';

export class JsonValueScanner {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private started = false;
  private captured: Uint8Array;
  private capturedLength = 0;
  done = false;

  /**
   * `captureLimit` > 0 keeps the value's bytes (up to that many; more is an error naming `what`).
   */
  constructor(
    private readonly file: string,
    private readonly what: string,
    private readonly captureLimit = 0,
  ) {
    this.captured = new Uint8Array(captureLimit > 0 ? Math.min(captureLimit, 64 * 1024) : 0);
  }

  /** The kept bytes of the finished value. */
  text(): string {
    return Buffer.from(this.captured.buffer, 0, this.capturedLength).toString('utf8');
  }

  /** Consumes bytes[pos, end) (file offset of bytes[0] is `base`); returns where the value ended. */
  feed(bytes: Uint8Array, pos: number, end: number, base: number): number {
    let i = pos;
    if (!this.started) {
      while (i < end && isSpace(bytes[i])) i++;
      if (i === end) return end;
      this.started = true;
    }
    const from = i;
    for (; i < end; i++) {
      const c = bytes[i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === CH.backslash) this.escaped = true;
        else if (c === CH.quote) {
          this.inString = false;
          if (this.depth === 0) return this.finish(bytes, from, i + 1, base);
        }
      } else if (c === CH.quote) this.inString = true;
      else if (c === CH.openBracket || c === CH.openBrace) this.depth++;
      else if (c === CH.closeBracket || c === CH.closeBrace) {
        if (this.depth === 0) return this.finish(bytes, from, i, base);
        if (--this.depth === 0) return this.finish(bytes, from, i + 1, base);
      } else if (this.depth === 0 && (c === CH.comma || isSpace(c))) return this.finish(bytes, from, i, base);
    }
    this.keep(bytes, from, end, base);
    return end;
  }

  private finish(bytes: Uint8Array, from: number, to: number, base: number): number {
    this.keep(bytes, from, to, base);
    this.done = true;
    return to;
  }

  private keep(bytes: Uint8Array, from: number, to: number, base: number): void {
    if (this.captureLimit === 0) return;
    const size = to - from;
    if (this.capturedLength + size > this.captureLimit) {
      throw new DumpError(this.file, `${this.what} is larger than ${formatBytes(this.captureLimit)}; this is not a V8 heap snapshot Salvage can read`, base + from);
    }
    if (this.capturedLength + size > this.captured.length) {
      const grown = new Uint8Array(Math.min(this.captureLimit, Math.max(this.captured.length * 2, this.capturedLength + size)));
      grown.set(this.captured.subarray(0, this.capturedLength));
      this.captured = grown;
    }
    this.captured.set(bytes.subarray(from, to), this.capturedLength);
    this.capturedLength += size;
  }
}

export function isSpace(c: number): boolean {
  return c === CH.space || c === CH.newline || c === CH.carriageReturn || c === CH.tab;
}
