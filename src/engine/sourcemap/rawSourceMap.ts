// Checks the JSON of a source map and prepares it for the `source-map` library. The library rewrites
// `sources` into URLs itself (percent-encoding spaces, lower-casing drive letters), which would
// corrupt local paths; so every entry is replaced by a plain numeric key, and the key is looked up
// in a table of paths this module resolved itself.

import type { RawIndexMap, RawSection, RawSourceMap } from 'source-map';
import { resolveSourcePath } from './sourcePaths';

export interface PreparedSourceMap {
  /** The map with `sources` replaced by the keys "0", "1", ... and no `sourceRoot`. */
  raw: RawSourceMap | RawIndexMap;
  /** Local path (or unmapped URL) of each original source, indexed by key. */
  sourcePaths: string[];
}

/** Where the map came from and how to localize its `sources` entries. */
export interface SourceContext {
  /** Local path of the map file, or of the script for an inline map. */
  mapLocation: string;
  overrides: Record<string, string> | undefined;
}

/** Parses and prepares a map; throws an Error with a readable message when it is not one. */
export function prepareSourceMap(jsonText: string, context: SourceContext): PreparedSourceMap {
  // Maps may start with the XSSI guard `)]}'` on its own line; it is not JSON.
  const parsed: unknown = JSON.parse(jsonText.replace(/^\)\]\}'[^\n]*\n/, ''));
  const sourcePaths: string[] = [];
  return { raw: prepareAny(parsed, context, sourcePaths), sourcePaths };
}

function prepareAny(value: unknown, context: SourceContext, table: string[]): RawSourceMap | RawIndexMap {
  if (!isRecord(value)) throw new Error('not a JSON object');
  if (Number(value['version']) !== 3) throw new Error(`unsupported version ${String(value['version'])}`);
  const sections = value['sections'];
  if (sections === undefined) return prepareBasic(value, context, table);
  if (!Array.isArray(sections)) throw new Error('"sections" is not an array');
  return { version: 3, sections: sections.map((s: unknown) => prepareSection(s, context, table)) };
}

function prepareSection(value: unknown, context: SourceContext, table: string[]): RawSection {
  if (!isRecord(value) || !isRecord(value['offset'])) throw new Error('bad section');
  const line = Number(value['offset']['line']);
  const column = Number(value['offset']['column']);
  if (!Number.isInteger(line) || !Number.isInteger(column)) throw new Error('bad section offset');
  // Sections naming their map by `url` are not supported by the library either.
  if (!isRecord(value['map'])) throw new Error('section without an embedded map');
  const map = prepareAny(value['map'], context, table);
  if (!('mappings' in map)) throw new Error('nested index map');
  return { offset: { line, column }, map };
}

function prepareBasic(value: Record<string, unknown>, context: SourceContext, table: string[]): RawSourceMap {
  const { sources, mappings, names, sourceRoot, file } = value;
  if (typeof mappings !== 'string') throw new Error('"mappings" is not a string');
  if (!Array.isArray(sources)) throw new Error('"sources" is not an array');
  const root = typeof sourceRoot === 'string' ? sourceRoot : undefined;
  const keys = sources.map((source: unknown) => {
    const entry = typeof source === 'string' ? source : '';
    table.push(resolveSourcePath(entry, root, context.mapLocation, context.overrides));
    return String(table.length - 1);
  });
  return {
    version: 3,
    sources: keys,
    names: Array.isArray(names) ? names.map((n: unknown) => String(n)) : [],
    mappings,
    file: typeof file === 'string' ? file : '',
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
