// A dump, opened: the one small interface every front end talks to (delve's "a core is one more
// target"). It has no operation that could change anything — there is nothing to resume, step or
// write — so read-only is a property of the type, not a check scattered through the callers.

import type { CrashAnalysis, DumpKind } from './crash';
import type { InspectableScope } from './inspectable';

export interface DumpTarget {
  readonly kind: DumpKind;
  /** Path or URI the dump was read from. */
  readonly name: string;
  readonly analysis: CrashAnalysis;
  /** The scopes shown for one frame of one thread. */
  scopes(threadId: number, frameIndex: number): InspectableScope[];
  /** Releases files and caches held by the target. */
  dispose(): Promise<void>;
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
}
