// Every problem with the *content* of a dump is a DumpError: it names the file, says what is wrong
// and, when it is known, where (byte offset). Front ends print `message` as their one line; nothing
// deeper than the parser that found the problem ever throws a raw exception for bad input.

export class DumpError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly offset?: number,
    /** The file's size, said beside the offset where it matters (input that ends early). */
    readonly size?: number,
  ) {
    super(`${file}: ${problem}${offset === undefined ? '' : ` (at byte offset ${offset}${size === undefined ? '' : ` of ${size}`})`}`);
    this.name = 'DumpError';
  }
}
