// What the frame decoders learn about one V8 frame, before it is named and located for display.
// A physical frame of optimized code yields several of these (one per inlined function); a frame
// V8 uses for its own bookkeeping yields one `internal` entry so the stack keeps its true order.

import type { Tagged } from '../heap/tagged';

/** A physical frame from the native unwinder: its pc and frame pointer. */
export interface PhysicalFrame {
  pc: number;
  fp: number;
  /** True for the innermost frame (pc is the executing instruction, not a return address). */
  exactPc: boolean;
}

/**
 * Where a JS frame's values are: on the stack (interpreted, baseline, builtin frames push the
 * receiver, then the arguments above it) or in a deoptimization translation (optimized frames).
 */
export type ValueSource = { kind: 'stack'; receiverSlot: number; argc: number | undefined } | { kind: 'values'; receiver: Tagged | undefined; args: (Tagged | undefined)[]; /** The receiver was never allocated (escape analysis): its map. */ receiverMap?: Tagged };

/** `suspended`: an async function awaiting, read from its generator object in the heap, not from a stack frame. */
export type JsTier = 'interpreted' | 'baseline' | 'maglev' | 'turbofan' | 'builtin' | 'builtin-exit' | 'continuation' | 'suspended';

export interface JsFrameFacts {
  type: 'js';
  tier: JsTier;
  /** The closure, when known (inlined frames may only know the SharedFunctionInfo). */
  function: Tagged | undefined;
  sfi: Tagged;
  /** Offset in the script of the executing call or statement; undefined when not known. */
  scriptOffset: number | undefined;
  isConstructor: boolean;
  values: ValueSource;
  /** The context the function runs in, when known other than from a stack slot (a suspended function's). */
  context?: Tagged;
  /** The physical frame this JS frame belongs to (inlined frames share it). */
  fp: number;
  pc: number;
}

/** Frame types that mark where JS calls out to C++ (exit) or C++ calls into JS (entry). */
export type BoundaryKind = 'entry' | 'exit';

export interface BoundaryFacts {
  type: 'boundary';
  boundary: BoundaryKind;
  pc: number;
  fp: number;
}

/** A V8 frame with no JS function to show: stubs, internal frames, trampolines. */
export interface InternalFacts {
  type: 'internal';
  /** The builtin's name when the pc is inside one, else a description of the frame type. */
  name: string;
  pc: number;
  fp: number;
}

/**
 * A frame in V8's code that could not be decoded: shown as such, never under a borrowed name, so a
 * reader knows a JS frame may be missing there.
 */
export interface UnknownFacts {
  type: 'unknown';
  /** Why, in words: "no code object holds this pc", "Maglev code with no safepoint at this pc". */
  why: string;
  pc: number;
  fp: number;
}

export type V8FrameFacts = JsFrameFacts | BoundaryFacts | InternalFacts | UnknownFacts;

export function unknownFrame(frame: PhysicalFrame, why: string): UnknownFacts {
  return { type: 'unknown', why, pc: frame.pc, fp: frame.fp };
}
