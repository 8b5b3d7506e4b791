// Turns a source map's `sources` entry into the local path of the original file. Entries are URLs
// relative to the map (after prefixing `sourceRoot`), which is how Node's --enable-source-maps reads
// them too; matching Node matters because users compare our positions with what Node printed.

import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { applyPathOverrides } from './pathOverrides';

/**
 * The local path (or, for a non-file URL nobody mapped, the URL) of one original source.
 * `mapLocation` is the local path of the map file, or of the script for an inline map.
 */
export function resolveSourcePath(source: string, sourceRoot: string | undefined, mapLocation: string, overrides: Record<string, string> | undefined): string {
  const joined = joinSourceRoot(sourceRoot, source);
  if (hasUrlScheme(joined) || isAbsolutePath(joined)) {
    // Only an entry that was absolute by itself can name a path on the machine that crashed
    // ("/app/src/x.ts" or "file:///app/src/x.ts"). Entries resolved against the local map are
    // local already, and rewriting them again could apply an override twice.
    return localizeAbsolute(joined, overrides);
  }
  return resolveRelative(joined, mapLocation);
}

/**
 * The source map spec prepends `sourceRoot` to every entry. Like the `source-map` library (and
 * unlike plain concatenation) a missing `/` is inserted, and an entry that is itself a URL or a
 * drive path ignores the root.
 */
function joinSourceRoot(sourceRoot: string | undefined, source: string): string {
  if (sourceRoot === undefined || sourceRoot === '') return source;
  if (hasUrlScheme(source) || /^[a-zA-Z]:[\\/]/.test(source)) return source;
  const root = /[\\/]$/.test(sourceRoot) ? sourceRoot : `${sourceRoot}/`;
  return root + source.replace(/^\//, '');
}

function localizeAbsolute(entry: string, overrides: Record<string, string> | undefined): string {
  // applyPathOverrides converts file URLs to paths before matching, so keys are always paths.
  const mapped = applyPathOverrides(entry, overrides);
  if (hasUrlScheme(mapped)) return mapped;
  return isAbsolutePath(mapped) ? path.normalize(mapped) : mapped;
}

function resolveRelative(entry: string, mapLocation: string): string {
  try {
    // URL resolution decodes `%20` and treats `\` as `/`, exactly as Node does for its own maps.
    return fileURLToPath(new URL(entry, pathToFileURL(mapLocation)));
  } catch {
    return path.resolve(path.dirname(mapLocation), entry);
  }
}

/** `webpack://`, `file://`, `http:`... but not a Windows drive letter such as `C:`. */
export function hasUrlScheme(text: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9+.-]+:/.test(text);
}

export function isAbsolutePath(text: string): boolean {
  return path.posix.isAbsolute(text) || path.win32.isAbsolute(text);
}
