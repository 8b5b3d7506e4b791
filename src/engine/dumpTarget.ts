// A dump, opened: the one small interface every front end talks to (delve's "a core is one more
// target"). It has no operation that could change anything — there is nothing to resume, step or
// write — so read-only is a property of the type, not a check scattered through the callers.

import type { DumpModule, MemoryBlock } from './core/targetExtras';
import type { DumpFiles } from './dumpFiles';
import type { CrashAnalysis, DumpKind } from './crash';
import type { HeapProgress } from './snapshot/heapGraph';
import type { HeapAnalyzer } from './snapshot/service/heapAnalysis';
import type { Inspectable, InspectableScope } from './inspectable';

export interface DumpTarget {
  readonly kind: DumpKind;
  /** Path or URI the dump was read from. */
  readonly name: string;
  readonly analysis: CrashAnalysis;
  /** The scopes shown for one frame of one thread. */
  scopes(threadId: number, frameIndex: number): InspectableScope[];
  /** Releases files and caches held by the target. */
  dispose(): Promise<void>;
  /** Process memory, for dumps that hold some (cores): the readable prefix and the gap after it. */
  readMemory?(address: bigint, length: number): Promise<MemoryBlock>;
  /** The executables and libraries the process had loaded (cores), with what was found for each. */
  modules?(): DumpModule[];
  /** The source text of a script frames locate in `file`, as the dump recorded it (cores: the V8 heap). */
  sourceText?(file: string): Promise<string | undefined>;
  /**
   * An expression the dump itself understands (heap snapshots: `@12345`, an object id), or undefined
   * to leave it to the session's lookup of names in scopes. Throws with a sentence when the
   * expression is recognised but names nothing.
   */
  evaluate?(expression: string): Promise<Inspectable | undefined>;
  /**
   * Keeps an object (heap snapshots: by V8 id) in a "Pinned" scope, so another view (the heap
   * viewer) can show it in the debugger's Variables. Throws with a sentence when there is none.
   */
  pinObject?(id: number): Promise<void>;
}

export interface OpenOptions {
  /** Maps paths recorded in the dump to local paths ({"/app/*": "/home/me/app/*"}). */
  sourceMapPathOverrides?: Record<string, string>;
  /**
   * Local folders (the workspace) where the dump's scripts are looked for when their recorded paths
   * do not exist here and no override covers them.
   */
  localRoots?: string[];
  /** Show secret-looking environment values instead of masking them. */
  revealSecrets?: boolean;
  /** Non-fatal problems met while opening (a source map that would not parse, ...). */
  onWarning?: (message: string) => void;
  /** Facts worth a quiet word, not a warning (a script names a source map that is not there). */
  onNote?: (message: string) => void;
  /** Cores: the executable that crashed, when it is not at the path recorded in the core. */
  binary?: string;
  /** Cores: folders holding the binaries, libraries and debug files the core needs. */
  searchPaths?: string[];
  /**
   * The files the dump refers to, from where it came from: a core's binaries and libraries (and the
   * core itself, reopened), the scripts and source maps its frames name. Without it a core cannot
   * be read and no source map is looked for outside the dump.
   */
  files?: DumpFiles;
  /** Heap snapshots: where the analysis runs (default: on the caller's thread; the adapter uses a worker). */
  heapAnalyzer?: HeapAnalyzer;
  /** Stops an open that takes time (a heap snapshot's analysis): it rejects with an AbortError. */
  signal?: AbortSignal;
  /** Heap snapshots: progress of the analysis, pass by pass (see analyzeHeapGraph.ts). */
  onProgress?: (progress: HeapProgress) => void;
}
