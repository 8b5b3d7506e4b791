// The snapshot's `strings` array, kept as the UTF-8 bytes the file holds (still JSON-escaped) in
// fixed-size pages, decoded only when a string is asked for. A multi-GB snapshot can carry hundreds
// of MB of strings: one JS string for the section would hit V8's ~512 MiB string limit, and a JS
// string per entry costs far more than its bytes. Most strings are never looked at; those that are
// (class and property names) are few and cached.

/** Flags per string, set while parsing. */
export const STRING_ESCAPED = 1;
export const STRING_NON_ASCII = 2;

export interface StringPages {
  pages: Uint8Array[];
  page: Uint32Array;
  start: Uint32Array;
  length: Uint32Array;
  flags: Uint8Array;
  count: number;
}

const utf8 = new TextDecoder('utf-8');

export class StringTable {
  private readonly cache = new Map<number, string>();

  constructor(private readonly data: StringPages) {}

  get count(): number {
    return this.data.count;
  }

  /** Bytes held for all strings (what the section costs in memory). */
  get byteLength(): number {
    return this.data.pages.reduce((sum, p) => sum + p.byteLength, 0);
  }

  /** The decoded string at `index`; callers have validated the index against `count`. */
  get(index: number): string {
    const cached = this.cache.get(index);
    if (cached !== undefined) return cached;
    const text = this.decode(index);
    this.cache.set(index, text);
    return text;
  }

  /** Whether the raw (undecoded) string at `index` equals an ASCII `text` — no decoding, no caching. */
  equalsAscii(index: number, text: string): boolean {
    const { pages, page, start, length, flags } = this.data;
    if (flags[index] !== 0 || length[index] !== text.length) return false;
    const bytes = pages[page[index]];
    const from = start[index];
    for (let i = 0; i < text.length; i++) if (bytes[from + i] !== text.charCodeAt(i)) return false;
    return true;
  }

  /** The first raw byte of string `index` (-1 when empty): cheap prefix tests such as `<`. */
  firstByte(index: number): number {
    const { pages, page, start, length } = this.data;
    return length[index] === 0 ? -1 : pages[page[index]][start[index]];
  }

  /** Raw byte `offset` of string `index` (the caller keeps offset below rawLength). */
  byteAt(index: number, offset: number): number {
    return this.data.pages[this.data.page[index]][this.data.start[index] + offset];
  }

  /** Raw byte length, an upper bound of the decoded length. */
  rawLength(index: number): number {
    return this.data.length[index];
  }

  private decode(index: number): string {
    const { pages, page, start, length, flags } = this.data;
    const bytes = pages[page[index]].subarray(start[index], start[index] + length[index]);
    const flag = flags[index];
    const text = (flag & STRING_NON_ASCII) === 0 ? latin1(bytes) : utf8.decode(bytes);
    return (flag & STRING_ESCAPED) === 0 ? text : unescapeJson(text);
  }
}

/**
 * The bytes are the inside of a JSON string literal, so JSON itself undoes its escapes. A producer's
 * bad escape (`\x`) only spoils that one string: it is shown as written rather than failing a query.
 */
function unescapeJson(text: string): string {
  try {
    return JSON.parse(`"${text}"`) as string;
  } catch {
    return text;
  }
}

/** ASCII bytes to a string without TextDecoder's UTF-8 validation (the common case for names). */
function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}
