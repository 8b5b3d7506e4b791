// One parsed source map, ready for lookups. Wraps the `source-map` consumer so that the rest of the
// engine speaks 1-based lines and columns (as Node prints them) and local paths, never the library's
// 0-based columns or its rewritten source URLs.

import { SourceMapConsumer, type BasicSourceMapConsumer, type IndexedSourceMapConsumer } from 'source-map';
import type { OriginalPosition } from '../crash';
import { prepareSourceMap, SourceContext } from './rawSourceMap';

type Consumer = BasicSourceMapConsumer | IndexedSourceMapConsumer;

export class LoadedSourceMap {
  private destroyed = false;

  private constructor(
    private readonly consumer: Consumer,
    private readonly sourcePaths: readonly string[],
  ) {}

  /** Parses `jsonText`; rejects with a readable Error when it is not a usable map. */
  static async load(jsonText: string, context: SourceContext): Promise<LoadedSourceMap> {
    const prepared = prepareSourceMap(jsonText, context);
    // The constructor returns a Promise: the library instantiates its WebAssembly decoder first.
    const consumer = await new SourceMapConsumer(prepared.raw);
    try {
      // The library decodes `mappings` lazily, on the first lookup. Decode now, so a corrupt map
      // is rejected here, once, instead of failing every lookup of every frame later.
      consumer.originalPositionFor({ line: 1, column: 0 });
    } catch (error) {
      consumer.destroy();
      throw error;
    }
    return new LoadedSourceMap(consumer, prepared.sourcePaths);
  }

  /** Local paths of the original sources, as resolved for this map. */
  get sources(): readonly string[] {
    return this.sourcePaths;
  }

  /**
   * The original position of a generated 1-based line and column. V8 reports the column of the
   * call or property access, which normally has its own mapping; when it does not, the nearest
   * mapping before it on the same line is the best guess, then the nearest one after it.
   */
  lookup(line: number, column: number): OriginalPosition | undefined {
    if (this.destroyed) return undefined;
    const needle = { line, column: Math.max(0, column - 1) };
    for (const bias of [SourceMapConsumer.GREATEST_LOWER_BOUND, SourceMapConsumer.LEAST_UPPER_BOUND]) {
      const found = this.consumer.originalPositionFor({ ...needle, bias });
      if (found.source === null || found.line === null || found.column === null) continue;
      const file = this.sourcePaths[Number(found.source)];
      if (file === undefined) continue;
      const position: OriginalPosition = { file, line: found.line, column: found.column + 1 };
      if (found.name !== null && found.name !== '') position.name = found.name;
      return position;
    }
    return undefined;
  }

  /** Frees the library's WebAssembly memory; lookups afterwards find nothing. */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.consumer.destroy();
  }
}
