// One word quoted for a POSIX shell: the remote shell ssh hands its command line to, and the
// `docker run` flags doctor prints for a user to paste.

export function shellQuote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
