// The one domain model every front end renders: a dump on disk (`Dump`) and what was learnt from it
// (`CrashAnalysis`). The tree, the debug adapter and the CLI all show these same facts, so anything a
// front end displays must be derivable from here, never recomputed in the front end.

import type { SignalFacts } from './core/signals';

export type DumpKind = 'core' | 'heapsnapshot' | 'report' | 'unknown';

/** A position in a source file; lines and columns are 1-based, as Node prints them. */
export interface SourcePosition {
  file: string;
  line: number;
  column: number;
}

/** A frame mapped back through a source map to the code that was written. */
export interface OriginalPosition extends SourcePosition {
  /** The original name at that position, when the map records one. */
  name?: string;
}

/**
 * `async` is a JavaScript frame that is not on the stack: an async function suspended at an `await`
 * (or a promise combinator) that the frames above will resume when they settle — what V8 prints as
 * `at async fn (…)`.
 */
export type FrameKind = 'js' | 'async' | 'native' | 'v8' | 'marker';

/** Frames of JavaScript code, running (`js`) or awaiting (`async`). */
export function isJavaScriptFrame(frame: Frame): boolean {
  return frame.kind === 'js' || frame.kind === 'async';
}

/** One stack frame. The JSON form of the CLI is exactly this shape (see README, "Frame JSON"). */
/**
 * The key of a decoded JavaScript frame's id in its namer (engine/v8/jsFrameNamer.ts), where the
 * facts behind its scopes are kept. A symbol, so every copy of the frame (a source-mapped one is a
 * copy) keeps it, and no output (JSON, DAP) ever shows it.
 */
export const JS_FRAME_ID: unique symbol = Symbol('jsFrameId');

export interface Frame {
  [JS_FRAME_ID]?: number;
  kind: FrameKind;
  /** Function name as Node prints it ("Svc.run", "Timeout.main [as _onTimeout]", "<anonymous>"). */
  function: string;
  /** Script path or URL as recorded in the dump. */
  file?: string;
  line?: number;
  column?: number;
  original?: OriginalPosition;
  /** Shared object or executable holding a native frame. */
  module?: string;
  /** Program counter of a native frame, as 0x-prefixed hex. */
  pc?: string;
  /** `at new Foo (...)`: the frame is a constructor call. */
  isConstructor?: boolean;
  /** `at eval (eval at outer (file:1:2), <anonymous>:1:1)`: where the eval'd code came from. */
  evalOrigin?: string;
  /** Node's own code (`node:internal/...`) or a V8 builtin: shown de-emphasised. */
  isInternal?: boolean;
  /** The frame's text exactly as it appeared in the dump, for display when parsing is partial. */
  text?: string;
  /** A frame in V8's code that could not be decoded, and why: a JavaScript frame may be missing here. */
  undecoded?: string;
}

export interface CrashThread {
  id: number;
  name: string;
  frames: Frame[];
  /** What makes this thread's stack doubtful (frames not decoded), one sentence each. */
  warnings?: string[];
}

/** The thrown value or the signal that ended the process. */
export interface CrashException {
  /** Class or signal name: "TypeError", "SIGSEGV". */
  typeName: string;
  message: string;
  /** The full stack text as the dump recorded it, when it has one. */
  stack?: string;
  /** Own enumerable properties of the error (code, errno, ...), rendered as strings. */
  properties: Record<string, string>;
}

export interface CrashAnalysis {
  kind: DumpKind;
  /** One line for the stop: "Uncaught TypeError: x is not a function", "Paused on SIGSEGV". */
  description: string;
  exception?: CrashException;
  threads: CrashThread[];
  /** Id of the thread that crashed; the session selects it first. */
  crashingThreadId: number;
  /** Cores: the signal the process died of, as its notes record it. */
  signal?: SignalFacts;
  /** Cores: the process, from NT_PRPSINFO. */
  process?: { pid: number; commandLine: string };
}
