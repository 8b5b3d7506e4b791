// Finds the `//# sourceMappingURL=` comment of a script. Only the LAST one counts: bundlers
// concatenate modules that carried their own comments, and code may contain the text in strings.
// Scanning backwards from the end finds it without running a regex over a multi-megabyte bundle.

const MARKER = 'sourceMappingURL=';

/** The URL of the script's last `//# sourceMappingURL=` (or legacy `//@`) comment, if any. */
export function findSourceMappingUrl(scriptText: string): string | undefined {
  let from = scriptText.length;
  while (from >= 0) {
    const at = scriptText.lastIndexOf(MARKER, from);
    if (at < 0) return undefined;
    const url = urlOfCommentAt(scriptText, at);
    if (url !== undefined) return url;
    from = at - 1;
  }
  return undefined;
}

/**
 * The URL when the marker at `at` is a real comment: `//#` or `//@` right before it (spaces
 * allowed) and nothing but the URL and trailing spaces after it on its line.
 */
function urlOfCommentAt(text: string, at: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', at) + 1;
  const before = text.slice(lineStart, at);
  if (!/\/\/[#@][ \t]*$/.test(before)) return undefined;
  let lineEnd = text.indexOf('\n', at);
  if (lineEnd < 0) lineEnd = text.length;
  const match = /^([^\s'"`]+)[ \t\r]*$/.exec(text.slice(at + MARKER.length, lineEnd));
  return match?.[1];
}
