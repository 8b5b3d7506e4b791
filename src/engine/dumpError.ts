// Every problem with the *content* of a dump is a DumpError: it names the file, says what is wrong
// and, when it is known, where (byte offset). Front ends print `message` as their one line; nothing
// deeper than the parser that found the problem ever throws a raw exception for bad input.

export class DumpError extends Error {
  constructor(
    readonly file: string,
    readonly problem: string,
    readonly offset?: number,
  ) {
    super(`${file}: ${problem}${offset === undefined ? '' : ` (at byte offset ${offset})`}`);
    this.name = 'DumpError';
  }
}
