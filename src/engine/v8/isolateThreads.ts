// Which threads of a Node process run a V8 isolate, and which one: the main thread (its tid is the
// pid), each worker_threads worker, any other thread with JavaScript frames (an embedder's isolate).
// A worker thread is found by its stack: node::worker::Worker::Run() runs on it with `this`, the
// C++ Worker, spilled on the stack near that frame; the object starts with Worker's vtable and
// holds the thread's pthread_t (its fs_base, which the core saves) right after the isolate it runs.
// The Worker is a BaseObject whose persistent handle is the JS object the parent thread sees as the
// worker's handle, with Node's `threadId` and (Node 22+) `threadName` own properties; Node 20 keeps
// the name only in the C++ object, as a std::string right after the thread id and the stack base.
// The isolate a thread runs is named by the Heap its JS frames' pages belong to (heap/pageHeap.ts).

import type { ThreadStack } from '../core/coreStacks';
import { isJavaScriptFrame } from '../crash';
import { heapOfObject } from './heap/pageHeap';
import { isSmi, smiValue } from './heap/tagged';
import type { JsFrameNamer } from './jsFrameNamer';
import { WORKER_VTABLE } from './metadata/binarySymbols';

export interface IsolateThread {
  tid: number;
  role: 'main' | 'worker' | 'isolate';
  /** A worker's threadId, as `require('worker_threads').threadId` says inside it. */
  threadId?: number;
  /** A worker's name, as Node keeps it (Node 24+ names an unnamed worker `WorkerThread`). */
  workerName?: string;
  /** The Heap of the isolate the thread runs: the same value for every page of that isolate. */
  heap?: number;
  /** The Isolate's address, read from the C++ Worker. */
  isolate?: number;
}

/** The Worker frame the thread's stack must hold. */
const WORKER_RUN = /^node::worker::Worker::Run\(/;
/** Bytes of stack above Worker::Run's frame searched for its `this`. */
const STACK_SEARCH = 16 * 1024;
/** Words of the C++ Worker searched for the thread's pthread_t, its thread id and its name. */
const WORKER_WORDS = 96;
/** user_regs_struct index of fs_base: glibc's pthread_t is the thread's TCB, which fs points at. */
const FS_BASE = 21;
/** The vtable pointer stored in an object points past the offset-to-top and typeinfo words. */
const VTABLE_HEADER = 16;
/** BaseObject's persistent handle, where the binary does not say (nodedbg_offset_BaseObject__persistent_handle_). */
const DEFAULT_PERSISTENT = 8;
/** libstdc++'s std::string keeps up to 15 bytes inside itself; longer names are capped here. */
const SSO_CAPACITY = 15;
const MAX_NAME = 256;

export class IsolateThreads {
  constructor(private readonly namer: JsFrameNamer) {}

  /** The threads that run an isolate, found from their stacks; other threads are left out. */
  async find(stacks: ThreadStack[], pid: number | undefined): Promise<IsolateThread[]> {
    const vtable = this.namer.v8.symbols.runtimeAddress(WORKER_VTABLE);
    const persistent = (await this.namer.v8.symbols.int32('nodedbg_offset_BaseObject__persistent_handle___v8_Persistent_v8_Object')) ?? DEFAULT_PERSISTENT;
    const found: IsolateThread[] = [];
    for (const stack of stacks) {
      const heap = await this.heapOfFrames(stack);
      const worker = vtable === undefined ? undefined : await this.worker(stack, vtable + VTABLE_HEADER, persistent);
      const role = stack.tid === pid ? 'main' : worker !== undefined ? 'worker' : heap !== undefined ? 'isolate' : undefined;
      if (role === undefined) continue;
      found.push({ ...(role === 'worker' ? worker : {}), tid: stack.tid, role, heap });
    }
    return found;
  }

  /** The Heap named by the page of the first JS frame's function. */
  private async heapOfFrames(stack: ThreadStack): Promise<number | undefined> {
    for (const frame of stack.frames) {
      const facts = isJavaScriptFrame(frame) ? this.namer.factsOf(frame) : undefined;
      if (facts?.function !== undefined) return heapOfObject(this.namer.v8.memory, this.namer.v8.layout.version.major, facts.function);
    }
    return undefined;
  }

  private async worker(stack: ThreadStack, vtablePointer: number, persistent: number): Promise<Omit<IsolateThread, 'tid' | 'role'> | undefined> {
    const run = stack.frames.findIndex((f) => WORKER_RUN.test(f.function ?? ''));
    const fsBase = stack.userRegs[FS_BASE];
    if (run < 0 || fsBase === undefined) return undefined;
    const from = stack.registers[Math.max(0, run - 1)]?.sp;
    const to = stack.registers[run]?.sp;
    if (from === undefined || to === undefined) return undefined;
    const memory = this.namer.v8.memory;
    for (let at = Number(from); at < Number(to) + STACK_SEARCH; at += 8) {
      const object = await memory.word(at);
      if (object === undefined || (await memory.word(object)) !== vtablePointer) continue;
      const words = await this.words(object);
      const tidIndex = words.findIndex((w) => w !== undefined && BigInt(w) === fsBase);
      if (tidIndex < 1) continue;
      return this.describe(object, words, tidIndex, persistent);
    }
    return undefined;
  }

  private async words(object: number): Promise<(number | undefined)[]> {
    const words: (number | undefined)[] = [];
    for (let i = 0; i < WORKER_WORDS; i++) words.push(await this.namer.v8.memory.word(object + 8 * i));
    return words;
  }

  /** The worker's handle's threadId and threadName, the name from the C++ object where Node 20 keeps it. */
  private async describe(object: number, words: (number | undefined)[], tidIndex: number, persistent: number): Promise<Omit<IsolateThread, 'tid' | 'role'>> {
    const { memory, strings } = this.namer.v8;
    const isolate = words[tidIndex - 1];
    const slot = await memory.word(object + persistent);
    const handle = slot === undefined ? undefined : await memory.word(slot);
    const objects = this.namer.objects;
    const id = handle === undefined ? undefined : (await objects.ownProperty(handle, 'threadId'))?.value;
    const threadId = id !== undefined && isSmi(id) ? smiValue(id) : undefined;
    const named = handle === undefined ? undefined : (await objects.ownProperty(handle, 'threadName'))?.value;
    const text = named === undefined ? undefined : await strings.read(named, MAX_NAME);
    const workerName = text?.text ?? (threadId === undefined ? undefined : await this.cppName(object, words, tidIndex, threadId));
    return { threadId, workerName, isolate };
  }

  /** std::string name_ after thread_id_ and stack_base_ (Node 20): pointer, length, then its inline buffer. */
  private async cppName(object: number, words: (number | undefined)[], tidIndex: number, threadId: number): Promise<string | undefined> {
    const idIndex = words.findIndex((w, i) => i > tidIndex && w === threadId);
    const pointer = words[idIndex + 2];
    const length = words[idIndex + 3];
    if (idIndex < 0 || pointer === undefined || length === undefined || length > MAX_NAME) return undefined;
    const inline = pointer === object + 8 * (idIndex + 4);
    if (inline !== length <= SSO_CAPACITY) return undefined;
    const bytes = await this.namer.v8.memory.bytes(pointer, length);
    if (bytes === undefined || bytes.some((b) => b < 0x20)) return undefined;
    return new TextDecoder().decode(bytes);
  }
}
