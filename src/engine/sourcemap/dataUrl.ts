// Inline source maps arrive as `data:` URLs. Compilers write several spellings (base64 or
// percent-encoded, with or without a charset), and all of them must decode to the same JSON.

/** The decoded text of a `data:` URL, or undefined when it is not one or does not decode. */
export function decodeDataUrl(url: string): string | undefined {
  const match = /^data:([^,]*),(.*)$/is.exec(url);
  if (match === null) return undefined;
  const params = (match[1] ?? '').split(';').map((p) => p.trim().toLowerCase());
  const payload = match[2] ?? '';
  if (params.includes('base64')) {
    // Buffer skips characters outside the alphabet instead of failing, so check first: a map cut
    // short or mangled should be reported as bad, not parsed as garbage.
    const compact = decodeURIComponentOrSelf(payload).replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(compact)) return undefined;
    return Buffer.from(compact, 'base64').toString('utf8');
  }
  try {
    return decodeURIComponent(payload);
  } catch {
    return undefined;
  }
}

/** Base64 payloads are sometimes percent-encoded too (`%2B` for `+`); undo that when present. */
function decodeURIComponentOrSelf(text: string): string {
  if (!text.includes('%')) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
