// The tests' source-map oracle: Node's own module.SourceMap (not the source-map package Salvage
// uses), asked for the original position of a 1-based generated line:column.

import { SourceMap } from 'module';

export interface NodeOriginal {
  /** The map's `sources` entry, as written in the map. */
  source: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
}

export function nodeOriginalOf(map: object, line: number, column: number): NodeOriginal | undefined {
  const entry = new SourceMap(map as ConstructorParameters<typeof SourceMap>[0]).findEntry(line - 1, column - 1);
  if (!('originalSource' in entry) || entry.originalSource === undefined || entry.originalLine === undefined || entry.originalColumn === undefined) return undefined;
  return { source: entry.originalSource, line: entry.originalLine + 1, column: entry.originalColumn + 1 };
}
