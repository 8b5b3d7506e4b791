// What each thread of a core is called. A Node process's threads are named as Node names them: the
// main thread `main`, a worker by its inspector title `[worker 2] pricing` (its threadId and its
// `name` option; Node 24+ names an unnamed one `WorkerThread`), a thread running another isolate
// `V8 isolate`; the native threads Node and libuv start by their role, told from the function the
// thread was started in (the frame below start_thread). Every name keeps the tid, and the thread
// that took the signal says which. Any other thread stays `Thread <tid>`.

import type { Frame } from '../crash';
import type { IsolateNamer } from '../v8/heapObjects';
import type { IsolateThread } from '../v8/isolateThreads';
import type { ThreadStack } from './coreStacks';

/** Native threads by the function they start in. */
const NATIVE_ROLES: { entry: RegExp; role: string }[] = [
  // libuv's thread pool (deps/uv/src/threadpool.c: static void worker(void*)).
  { entry: /^worker$/, role: 'libuv worker' },
  { entry: /^node::\(anonymous namespace\)::PlatformWorkerThread\(/, role: 'V8 platform worker' },
  { entry: /^node::WorkerThreadsTaskRunner::DelayedTaskScheduler::/, role: 'V8 platform delayed tasks' },
  { entry: /^node::inspector::\(anonymous namespace\)::StartIoThreadMain\(/, role: 'inspector io' },
  { entry: /^node::tracing::/, role: 'trace events' },
];

/** The thread starters below every thread's own entry function. */
const STARTERS = new Set(['start_thread', 'clone', 'clone3']);

/** Node's title of a worker: `[worker ${threadId}] ${name}`. */
export function workerTitle(threadId: number | undefined, name: string | undefined): string {
  const title = `[worker ${threadId ?? '?'}]`;
  return name === undefined || name === '' ? title : `${title} ${name}`;
}

/** The role of a native thread, from the function it was started in; undefined when not known. */
export function nativeRole(frames: Frame[]): string | undefined {
  const native = frames.filter((f) => f.kind === 'native');
  const starter = native.findIndex((f) => STARTERS.has(f.function ?? ''));
  const entry = starter > 0 ? native[starter - 1].function : undefined;
  return entry === undefined ? undefined : NATIVE_ROLES.find((r) => r.entry.test(entry))?.role;
}

function isolateLabel(isolate: IsolateThread): string {
  if (isolate.role === 'main') return 'main';
  if (isolate.role === 'worker') return workerTitle(isolate.threadId, isolate.workerName);
  return 'V8 isolate';
}

function label(stack: ThreadStack, isolate: IsolateThread | undefined): string | undefined {
  return isolate === undefined ? nativeRole(stack.frames) : isolateLabel(isolate);
}

/** How far into the Isolate its Heap member may be (0xd2c0 on V8 11, 0xeff8 on V8 13). */
const HEAP_IN_ISOLATE = 0x40000;

/**
 * Names the census's isolates after the threads that run them: by the Heap their JS frames' pages
 * name, or for a worker with no JS frame on its stack, by the Isolate its C++ Worker holds.
 */
export function isolateNamer(isolates: IsolateThread[]): IsolateNamer {
  return (heap) => {
    const runs = (i: IsolateThread): boolean => i.heap === heap || (i.heap === undefined && i.isolate !== undefined && heap >= i.isolate && heap - i.isolate < HEAP_IN_ISOLATE);
    const threads = isolates.filter(runs);
    if (threads.length === 0) return undefined;
    return { name: isolateLabel(threads[0]), threads: threads.map((t) => t.tid) };
  };
}

/**
 * The name of thread `stack`, the `index`th of the core (the first took `signal`). `isolates` are the
 * threads that run V8 (undefined for a process without V8: there the main thread is `Thread N (main)`).
 */
export function threadName(stack: ThreadStack, index: number, pid: number | undefined, signal: string, isolates: IsolateThread[] | undefined): string {
  const known = label(
    stack,
    isolates?.find((i) => i.tid === stack.tid),
  );
  if (known === undefined) {
    const role = index === 0 ? ` (${signal})` : stack.tid === pid ? ' (main)' : '';
    return `Thread ${stack.tid}${role}`;
  }
  return `${known} (tid ${stack.tid}${index === 0 ? `, ${signal}` : ''})`;
}
