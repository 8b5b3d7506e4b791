// Every thread's stack from a core: unwound (CFI, then the frame-pointer chain), the frames that
// tail calls hid put back (tailCalls.ts), then each physical frame named and expanded into its
// inlined calls. Like gdb, the main thread's stack ends at `main`; a walk that stops early ends
// with a marker frame saying why, so a partial stack says what is missing instead of looking complete.

import type { Frame } from '../crash';
import { CfiUnwinder } from '../unwind/cfiUnwinder';
import { FramePointerUnwinder } from '../unwind/framePointerUnwinder';
import { RegisterSet } from '../unwind/registers';
import { type FrameUnwinder, lookupPc, type UnwindEnv, type UnwoundFrame, walkStack } from '../unwind/stackWalker';
import type { CoreImage } from './coreImage';
import type { LoadedModule } from './loadedModule';
import { tailCallFrames } from './tailCalls';
import { hex } from '../format';

export interface ThreadStack {
  tid: number;
  frames: Frame[];
  /** Registers of the physical frame each entry of `frames` belongs to (inlined calls share them). */
  registers: RegisterSet[];
  /** Registers exactly as the kernel saved them (NT_PRSTATUS), for the innermost frame's full view. */
  userRegs: BigUint64Array;
  complete: boolean;
  stopReason: string;
}

/** Name of frames in code V8 generated at run time, which no symbol names, where no V8 namer decoded them. */
export const V8_CODE = '(V8-generated code)';

/**
 * Plug points for frames the native rules cannot handle — V8's JavaScript frames (engine/v8): extra
 * unwinders run before CFI and the frame pointer; namers are asked first to name a frame.
 */
export interface StackPlugins {
  unwinders?: FrameUnwinder[];
  namers?: FrameNamer[];
}

export interface FrameNamer {
  /** Frames for `frame` (innermost first), or undefined to leave it to the native rules. */
  name(frame: UnwoundFrame, image: CoreImage): Promise<Frame[] | undefined>;
}

function unwinders(image: CoreImage, plugins: StackPlugins): FrameUnwinder[] {
  const cfi = new CfiUnwinder(async (pc) => {
    const module = image.moduleAt(pc);
    if (module === undefined || module.bias === undefined) return undefined;
    return { tables: await module.cfi(), bias: module.bias };
  });
  return [...(plugins.unwinders ?? []), cfi, new FramePointerUnwinder()];
}

/** Frames for one physical frame: its inlined calls first, then the function itself. */
async function framesAt(frame: UnwoundFrame, module: LoadedModule | undefined, image: CoreImage): Promise<Frame[]> {
  const pc = hex(frame.pc);
  const at = lookupPc(frame);
  if (module === undefined) {
    const jit = image.isExecutable(frame.pc);
    return [{ kind: jit ? 'v8' : 'native', function: jit ? V8_CODE : '??', pc }];
  }
  const address = module.fileAddress(Number(at));
  const locations = address === undefined ? [] : await (await module.symbols()).locate(address);
  if (locations.length === 0) return [{ kind: 'native', function: '??', module: module.path, pc }];
  return locations.map((l) => {
    const name = l.function ?? '??';
    const f: Frame = { kind: name.startsWith('Builtins_') ? 'v8' : 'native', function: name, module: module.path, pc };
    if (l.file !== undefined) f.file = l.file;
    if (l.line !== undefined) f.line = l.line;
    if (l.column !== undefined) f.column = l.column;
    return f;
  });
}

async function nameFrame(frame: UnwoundFrame, module: LoadedModule | undefined, image: CoreImage, namers: FrameNamer[]): Promise<Frame[]> {
  for (const namer of namers) {
    const named = await namer.name(frame, image);
    if (named !== undefined && named.length > 0) return named;
  }
  return framesAt(frame, module, image);
}

export async function unwindThread(image: CoreImage, index: number, plugins: StackPlugins = {}, chain = unwinders(image, plugins)): Promise<ThreadStack> {
  const thread = image.model.threads[index];
  const env: UnwindEnv = { memory: image.memory, isExecutable: (pc) => image.isExecutable(pc) };
  const walk = await walkStack(RegisterSet.fromUserRegs(thread.registers), env, chain);
  const frames: Frame[] = [];
  const registers: RegisterSet[] = [];
  let complete = walk.complete;
  let stopReason = walk.stopReason;
  for (const [index, unwound] of walk.frames.entries()) {
    // Functions that tail-called their way to the frame below run "between" it and this one.
    const hidden = index === 0 ? [] : await tailCallFrames(image, walk.frames[index - 1], unwound);
    for (const frame of [...hidden, unwound]) {
      const module = image.moduleAt(lookupPc(frame));
      const named = await nameFrame(frame, module, image, plugins.namers ?? []);
      frames.push(...named);
      for (let i = 0; i < named.length; i++) registers.push(frame.registers);
      // gdb's "backtrace past-main off": what runs before main is the C runtime, not the program.
      if (frame === unwound && module !== undefined && module === image.executable && named[named.length - 1].function === 'main') {
        complete = true;
        stopReason = 'reached main';
      }
    }
    if (stopReason === 'reached main') break;
  }
  if (!complete) frames.push({ kind: 'marker', function: `stack ends here: ${stopReason}` });
  return { tid: thread.tid, frames, registers, userRegs: thread.registers, complete, stopReason };
}

/** All threads, in the core's note order: the thread that received the signal first. */
export async function unwindAllThreads(image: CoreImage, plugins: StackPlugins = {}): Promise<ThreadStack[]> {
  const chain = unwinders(image, plugins);
  const stacks: ThreadStack[] = [];
  for (let i = 0; i < image.model.threads.length; i++) stacks.push(await unwindThread(image, i, plugins, chain));
  return stacks;
}
