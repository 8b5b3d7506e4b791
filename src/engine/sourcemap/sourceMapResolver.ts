// Maps stack frames recorded in a dump back to the TypeScript (or other) sources they were compiled
// from. Dumps hold hundreds of frames from a handful of scripts, so every script and map is read
// and parsed at most once per resolver; a missing or broken map only means "no original position",
// never an error, because a stack without source maps is still worth showing.

import * as path from 'path';
import type { Frame, OriginalPosition } from '../crash';
import { errorMessage } from '../errorMessage';
import { LoadedSourceMap } from './loadedSourceMap';
import { locateSourceMap } from './mapLocation';
import { applyPathOverrides } from './pathOverrides';
import { hasUrlScheme, isAbsolutePath } from './sourcePaths';
import type { TextFileReader } from './textFileReader';

export interface SourceMapResolverOptions {
  reader: TextFileReader;
  /** Dump-side path patterns to local ones, as in VS Code's `sourceMapPathOverrides`. */
  pathOverrides?: Record<string, string>;
  /** Told why a script that has (or names) a map could not be mapped; once per script or map. */
  onWarning?: (message: string) => void;
  /**
   * Told, quietly, of a map a script names that is not there: published packages often keep the
   * comment and drop the map (the `typescript` package does), so it says nothing about the dump.
   */
  onNote?: (message: string) => void;
}

type MapResult = Promise<LoadedSourceMap | undefined>;

export class SourceMapResolver {
  /** By local script path: the script's map, or undefined for "this script has no usable map". */
  private readonly scriptMaps = new Map<string, MapResult>();
  /** By local map path, so scripts sharing one map file share one consumer. */
  private readonly mapFiles = new Map<string, MapResult>();
  private readonly live = new Set<LoadedSourceMap>();
  private disposed = false;

  constructor(private readonly options: SourceMapResolverOptions) {}

  /** The frame with `original` filled when a source map covers its position; otherwise the frame. */
  async resolve(frame: Frame): Promise<Frame> {
    try {
      const original = await this.originalOf(frame);
      return original === undefined ? frame : { ...frame, original };
    } catch (error) {
      // The reader is injected and may break its promise not to throw; the stack must still show.
      this.warn(`Source map lookup failed for ${frame.file ?? '?'}: ${describe(error)}`);
      return frame;
    }
  }

  async resolveAll(frames: readonly Frame[]): Promise<Frame[]> {
    return Promise.all(frames.map((frame) => this.resolve(frame)));
  }

  /** Frees every parsed map. Frames resolved afterwards come back unchanged. */
  dispose(): void {
    this.disposed = true;
    for (const map of this.live) map.destroy();
    this.live.clear();
    this.scriptMaps.clear();
    this.mapFiles.clear();
  }

  private async originalOf(frame: Frame): Promise<OriginalPosition | undefined> {
    if (frame.file === undefined || frame.line === undefined || !isScriptFile(frame.file)) return undefined;
    const scriptPath = applyPathOverrides(frame.file, this.options.pathOverrides);
    // Relative names ("internal/timers.js" in old Node) or unmapped URLs cannot be found locally.
    if (!isAbsolutePath(scriptPath) || hasUrlScheme(scriptPath)) return undefined;
    const map = await this.mapForScript(path.normalize(scriptPath));
    return map?.lookup(frame.line, frame.column ?? 1);
  }

  private mapForScript(scriptPath: string): MapResult {
    let result = this.scriptMaps.get(scriptPath);
    if (result === undefined) {
      result = this.loadScriptMap(scriptPath);
      this.scriptMaps.set(scriptPath, result);
    }
    return result;
  }

  private async loadScriptMap(scriptPath: string): MapResult {
    const text = await this.options.reader.readText(scriptPath);
    if (text === undefined) {
      this.warn(`Cannot read ${scriptPath}; check sourceMapPathOverrides if the dump came from elsewhere.`);
      return undefined;
    }
    const location = locateSourceMap(scriptPath, text, this.options.pathOverrides);
    switch (location.kind) {
      case 'inline':
        return this.parse(location.jsonText, scriptPath, `the inline source map of ${scriptPath}`);
      case 'file':
        return this.mapForFile(location.mapPath, location.named ? scriptPath : undefined);
      case 'unusable':
        this.warn(`No source map for ${scriptPath}: ${location.reason}.`);
        return undefined;
    }
  }

  /** `namedBy` is the script whose comment named the map: only then is a missing file worth a word. */
  private mapForFile(mapPath: string, namedBy: string | undefined): MapResult {
    let result = this.mapFiles.get(mapPath);
    if (result === undefined) {
      result = this.loadMapFile(mapPath, namedBy);
      this.mapFiles.set(mapPath, result);
    }
    return result;
  }

  private async loadMapFile(mapPath: string, namedBy: string | undefined): MapResult {
    const text = await this.options.reader.readText(mapPath);
    if (text === undefined) {
      if (namedBy !== undefined) this.tell(this.options.onNote, `${namedBy} names the source map ${mapPath}, which is not there`);
      return undefined;
    }
    return this.parse(text, mapPath, mapPath);
  }

  private async parse(jsonText: string, mapLocation: string, what: string): MapResult {
    try {
      const map = await LoadedSourceMap.load(jsonText, { mapLocation, overrides: this.options.pathOverrides });
      if (this.disposed) {
        // Loaded after dispose() ran: nobody will destroy it later, so do it now.
        map.destroy();
        return undefined;
      }
      this.live.add(map);
      return map;
    } catch (error) {
      this.warn(`Ignoring ${what}: ${describe(error)}`);
      return undefined;
    }
  }

  private warn(message: string): void {
    this.tell(this.options.onWarning, message);
  }

  private tell(listener: ((message: string) => void) | undefined, message: string): void {
    try {
      listener?.(message);
    } catch {
      // A failing listener must not turn a warning into a failed resolution.
    }
  }
}

/** Node's own modules and V8 builtins have no maps worth reading. */
function isScriptFile(file: string): boolean {
  return file !== '' && !file.startsWith('node:') && !file.includes('<anonymous>') && file !== 'native';
}

function describe(error: unknown): string {
  return errorMessage(error);
}
