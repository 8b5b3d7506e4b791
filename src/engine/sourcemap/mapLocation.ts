// Decides where a script's source map lives, from the script's text alone: inline in a `data:` URL,
// in a file its `sourceMappingURL` comment names, or (no comment) perhaps in the sibling `<file>.map`
// that some build setups leave next to the script after stripping the comment.

import * as path from 'path';
import { fileURLToPath, pathToFileURL } from 'url';
import { decodeDataUrl } from './dataUrl';
import { applyPathOverrides } from './pathOverrides';
import { findSourceMappingUrl } from './sourceMappingUrl';
import { hasUrlScheme, isAbsolutePath } from './sourcePaths';

export type MapLocation =
  /** The map is embedded; relative sources resolve against the script itself. */
  | { kind: 'inline'; jsonText: string }
  /** The map is the file at `mapPath`; `named` says a comment named it, so its absence is news. */
  | { kind: 'file'; mapPath: string; named: boolean }
  /** The comment is there but cannot be followed; `reason` says why. */
  | { kind: 'unusable'; reason: string };

export function locateSourceMap(scriptPath: string, scriptText: string, overrides: Record<string, string> | undefined): MapLocation {
  const url = findSourceMappingUrl(scriptText);
  if (url === undefined) return { kind: 'file', mapPath: `${scriptPath}.map`, named: false };
  if (/^data:/i.test(url)) {
    const jsonText = decodeDataUrl(url);
    if (jsonText === undefined) return { kind: 'unusable', reason: 'its inline source map does not decode' };
    return { kind: 'inline', jsonText };
  }
  if (/^file:/i.test(url) || (isAbsolutePath(url) && !hasUrlScheme(url))) {
    // An absolute reference names the map where it was on the machine that crashed.
    return { kind: 'file', mapPath: path.normalize(applyPathOverrides(url, overrides)), named: true };
  }
  if (hasUrlScheme(url)) return { kind: 'unusable', reason: `its source map ${url} is not a local file` };
  return { kind: 'file', mapPath: resolveRelativeUrl(url, scriptPath), named: true };
}

/** A relative `sourceMappingURL` is a URL relative to the script (so `%20` means a space). */
function resolveRelativeUrl(url: string, scriptPath: string): string {
  try {
    return fileURLToPath(new URL(url, pathToFileURL(scriptPath)));
  } catch {
    return path.resolve(path.dirname(scriptPath), url);
  }
}
