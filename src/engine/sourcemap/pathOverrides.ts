// Paths recorded in a dump belong to the machine that crashed (often a container: "/app/dist/x.js").
// Users map them to their checkout with the same `sourceMapPathOverrides` setting VS Code's own
// JavaScript debugger uses, so the semantics follow it: one `*` per pattern, longest key wins.

import { fileURLToPath } from 'url';

/** `file://` URLs become paths (ESM frames are recorded as URLs); anything else is returned as is. */
export function fileUrlToPathOrSelf(pathOrUrl: string): string {
  if (!/^file:\/\//i.test(pathOrUrl)) return pathOrUrl;
  try {
    return fileURLToPath(pathOrUrl);
  } catch {
    // A malformed URL (e.g. a Windows URL on POSIX) still names something; keep the text.
    return pathOrUrl;
  }
}

/**
 * Rewrites `path` through the first override whose key matches it, trying longer keys first so the
 * most specific mapping wins. A key's `*` matches any text (including `/`); the value's `*` is
 * replaced by that text. A key without `*` must match the whole path. Keys with more than one `*`
 * are ignored. No match returns the path (converted from a file URL) unchanged.
 */
export function applyPathOverrides(path: string, overrides: Record<string, string> | undefined): string {
  const input = fileUrlToPathOrSelf(path);
  if (overrides === undefined) return input;
  const keys = Object.keys(overrides).sort((a, b) => b.length - a.length);
  for (const key of keys) {
    const captured = matchPattern(key, input);
    if (captured === undefined) continue;
    const target = overrides[key] ?? '';
    return target.includes('*') ? target.replace('*', () => captured) : target;
  }
  return input;
}

/** What the key's `*` matched in `input` ('' for a key without `*`), or undefined for no match. */
function matchPattern(key: string, input: string): string | undefined {
  const parts = key.split('*');
  if (parts.length > 2) return undefined;
  const ignoreCase = isWindowsPath(key) || isWindowsPath(input);
  const same = (a: string, b: string): boolean => (ignoreCase ? a.toLowerCase() === b.toLowerCase() : a === b);
  const [prefix = '', suffix] = parts;
  if (suffix === undefined) return same(prefix, input) ? '' : undefined;
  if (input.length < prefix.length + suffix.length) return undefined;
  const head = input.slice(0, prefix.length);
  const tail = input.slice(input.length - suffix.length);
  if (!same(head, prefix) || !same(tail, suffix)) return undefined;
  return input.slice(prefix.length, input.length - suffix.length);
}

/** Windows file systems ignore case, so patterns over drive-letter paths must too. */
function isWindowsPath(p: string): boolean {
  return /^[a-zA-Z]:[\\/]/.test(p);
}
