// Building the facts of a JS frame that lives on the stack (interpreted, baseline, builtin): the
// closure, checked to be a JSFunction with a SharedFunctionInfo, and where the receiver and the
// arguments are. Standard frames keep the argument count (receiver included) below the function
// slot and the receiver right above the return address; builtin exit frames (C++ builtins such as
// JSON.parse) keep their own layout (BuiltinExitFrameConstants).

import type { Tagged } from '../heap/tagged';
import type { V8Process } from '../v8Process';
import type { JsFrameFacts, JsTier, PhysicalFrame } from './v8Frame';

/** StandardFrameConstants::kArgCOffset: the argument count (receiver included). */
const ARGC_OFFSET = -24;
/** BuiltinExitFrameConstants: argc at +32 (the receiver's slot and what the count includes vary: layout.fallback.builtinExit). */
const EXIT_ARGC_OFFSET = 32;
/** More arguments than this is not a count V8 pushed. */
const MAX_ARGC = 65536;

/** A JS frame for closure `fn`, or undefined when `fn` is not a JSFunction. */
export async function makeJsFrame(v8: V8Process, fn: Tagged, tier: JsTier, frame: PhysicalFrame, scriptOffset: number | undefined): Promise<JsFrameFacts | undefined> {
  if (!(await v8.heap.isJsFunction(fn))) return undefined;
  const sfi = await v8.functions.shared(fn);
  if (sfi === undefined) return undefined;
  const exit = tier === 'builtin-exit';
  const rawArgc = await v8.memory.word(frame.fp + (exit ? EXIT_ARGC_OFFSET : ARGC_OFFSET));
  // The exit frame stores argc as a Smi; standard frames as a raw integer.
  const exitLayout = v8.layout.fallback.builtinExit;
  const argc = rawArgc === undefined ? undefined : exit ? rawArgc / 2 ** 32 - (exitLayout.extraArgs - 1) : rawArgc;
  return {
    type: 'js',
    tier,
    function: fn,
    sfi,
    scriptOffset,
    isConstructor: false,
    values: {
      kind: 'stack',
      receiverSlot: frame.fp + (exit ? exitLayout.receiverOffset : v8.layout.frames.offsets.args),
      argc: argc !== undefined && Number.isInteger(argc) && argc >= 1 && argc < MAX_ARGC ? argc - 1 : undefined,
    },
    fp: frame.fp,
    pc: frame.pc,
  };
}
