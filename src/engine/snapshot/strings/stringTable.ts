// The snapshot's `strings` array, kept as the UTF-8 bytes the file holds (still JSON-escaped) in
// fixed-size pages, decoded only when a string is asked for. A multi-GB snapshot can carry hundreds
// of MB of strings: one JS string for the section would hit V8's ~512 MiB string limit, and a JS
// string per entry costs far more than its bytes. Most strings are never looked at; those that are
// (class and property names) are few and cached.

/** Flags per string, set while parsing. */
export const STRING_ESCAPED = 1;
export const STRING_NON_ASCII = 2;

/**
 * Where each string's bytes are: its page and its offset there. A string ends where the next one
 * on its page starts, or at the page's end (pages are trimmed to what they hold) — 7 bytes of index
 * per string, which matters when a snapshot has tens of millions of them.
 */
export interface StringPages {
  pages: Uint8Array[];
  page: Uint16Array;
  start: Uint32Array;
  flags: Uint8Array;
  count: number;
}

const utf8 = new TextDecoder('utf-8');

export class StringTable {
  private readonly cache = new Map<number, string>();

  constructor(private readonly data: StringPages) {}

  /** The raw pages, to hand the same (shared) memory to another thread. */
  get pages(): StringPages {
    return this.data;
  }

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
    const { pages, page, start, flags } = this.data;
    if (flags[index] !== 0 || this.rawLength(index) !== text.length) return false;
    const bytes = pages[page[index]];
    const from = start[index];
    for (let i = 0; i < text.length; i++) if (bytes[from + i] !== text.charCodeAt(i)) return false;
    return true;
  }

  /** The first raw byte of string `index` (-1 when empty): cheap prefix tests such as `<`. */
  firstByte(index: number): number {
    return this.rawLength(index) === 0 ? -1 : this.byteAt(index, 0);
  }

  /** Raw byte `offset` of string `index` (the caller keeps offset below rawLength). */
  byteAt(index: number, offset: number): number {
    return this.data.pages[this.data.page[index]][this.data.start[index] + offset];
  }

  /** Raw byte length, an upper bound of the decoded length. */
  rawLength(index: number): number {
    const { pages, page, start, count } = this.data;
    const onPage = page[index];
    const end = index + 1 < count && page[index + 1] === onPage ? start[index + 1] : pages[onPage].length;
    return end - start[index];
  }

  private decode(index: number): string {
    const { pages, page, start, flags } = this.data;
    const from = start[index];
    const bytes = pages[page[index]].subarray(from, from + this.rawLength(index));
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
