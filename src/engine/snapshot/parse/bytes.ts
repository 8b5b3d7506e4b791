// Byte values of the JSON punctuation the snapshot scanners look for, and how to name a byte in an
// error message (a stray NUL or 0xFF must show as such, not as an invisible character).

export const CH = {
  tab: 0x09,
  newline: 0x0a,
  carriageReturn: 0x0d,
  space: 0x20,
  quote: 0x22,
  comma: 0x2c,
  zero: 0x30,
  nine: 0x39,
  colon: 0x3a,
  openBracket: 0x5b,
  backslash: 0x5c,
  closeBracket: 0x5d,
  openBrace: 0x7b,
  closeBrace: 0x7d,
} as const;

/** `'x'` for printable ASCII, `byte 0xff` otherwise. */
export function describeByte(c: number | undefined): string {
  if (c === undefined) return 'the end of the file';
  return c >= 0x21 && c <= 0x7e ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, '0')}`;
}
