// What broke, as one line that is the same every time the same bug kills the process: the key that
// groups crashes. Built as Mozilla's Socorro (signature generation: skip the "irrelevant" frames of
// the abort machinery, take the first frames that remain, symbols without offsets or arguments)
// and Sentry (group by the exception's type and its in-app frames, by function and file, never by
// line, column or message) build theirs, from any dump's analysis — a core's, a report's — so the
// core and the report of one death agree:
//
//   head   the exception's type ("TypeError"; "thrown value" for a thrown non-Error), else
//          "out of memory" for V8's heap limit, else the fatal error's event, else the signal
//   frames the crashing thread's first IN_APP_FRAMES JavaScript frames of the service's own code —
//          not Node's (`node:`, internal), not node_modules, not V8 builtins — each as
//          `function (file)`: the source-mapped file's base name (so the TypeScript that was
//          written, and no build or container path), the function as V8 names it without
//          Node's ` [as alias]`; with no such frame, the first native frames past the abort
//          machinery, each a symbol without its argument list (or its module's base name) — of a
//          core only (a report's native frames are Node writing the report); none
//          for "out of memory", since the allocation that met the limit is wherever the heap
//          happened to fill, not the leak (a heap snapshot shows that)
//
// The text is `head at frame | frame | frame`; the id, the first 16 hex digits of its SHA-256.

import { createHash } from 'crypto';
import { type CrashAnalysis, type Frame, isJavaScriptFrame } from '../crash';
import { THROWN_VALUE } from '../report/reportModel';

/** Socorro takes frames until its signature is long enough; three in-app frames tell bugs apart. */
const IN_APP_FRAMES = 3;
const NATIVE_FRAMES = 3;
/** What a thrown primitive's type is called, by a core (V8's value kind) or a report. */
const THROWN_PRIMITIVES = new Set(['string', 'number', 'boolean', 'undefined', 'null', 'bigint', 'symbol', THROWN_VALUE]);
/** The frames every abort and fatal error passes through on its way to the signal: never the bug. */
const ABORT_MACHINERY = [
  /^_*(GI_+)?(abort|raise|gsignal|pthread_kill)(_\w+)?$/,
  /^(_fini|__restore_rt|__libc_\w+)$/,
  /^v8::base::OS::Abort/,
  /^V8_Fatal/,
  /^v8::Utils::ReportOOMFailure/,
  /^v8::internal::V8::FatalProcessOutOfMemory/,
  /^v8::internal::Isolate::(Throw|ReThrow|CreateMessage)/,
  /^v8::internal::Runtime_/,
  /^v8::internal::(MessageHandler|Heap|MarkCompact|Scavenger|MinorMarkSweep|GCTracer)/,
  /^node::(\(anonymous namespace\)::)?(Abort|Assert|DefaultAbortHandler|OnFatalError|OOMErrorHandler|DumpBacktrace|errors::|TriggerUncaughtException|PerIsolateMessageListener)/,
  /^Builtins_/,
];
/** Where every process and thread starts: below the bug, in every stack alike. */
const STARTUP = /^(_start|__libc_start\w*|start_thread|clone3?|__clone3?)$/;
const OUT_OF_MEMORY = /heap out of memory|FatalProcessOutOfMemory|ReportOOMFailure/;
const OUT_OF_MEMORY_HEAD = 'out of memory';

export interface CrashSignature {
  /** "TypeError at format (format.ts) | formatAll (format.ts) | OrderService.render (service.ts)". */
  text: string;
  /** 16 hex digits naming the text. */
  id: string;
  /** The frames of the signature, in their signature form. */
  frames: string[];
}

function baseName(file: string): string {
  const path = file.replace(/^file:\/\//, '').replace(/[?#].*$/, '');
  return path.slice(path.lastIndexOf('/') + 1) || path;
}

function frameFile(frame: Frame): string | undefined {
  return frame.original?.file ?? frame.file;
}

function isInApp(frame: Frame): boolean {
  if (!isJavaScriptFrame(frame) || frame.isInternal === true || frame.undecoded !== undefined) return false;
  const file = frameFile(frame);
  return file !== undefined && file !== '' && !file.startsWith('node:') && !file.startsWith('internal/') && !/[/\\]node_modules[/\\]/.test(file);
}

function functionName(name: string): string {
  const bare = name
    .replace(/ \[as [^\]]*\]$/, '')
    .replace(/^(async|new) /, '')
    .trim();
  return bare === '' ? '<anonymous>' : bare;
}

function jsFrame(frame: Frame): string {
  return `${functionName(frame.function)} (${baseName(frameFile(frame) ?? '')})`;
}

/** A symbol without its argument list, offsets or source position; its module when it has none. */
function nativeFrame(frame: Frame): string {
  const symbol = frame.function.replace(/\s+at\s+\S+$/, '').replace(/\+0x[0-9a-f]+$/i, '');
  const open = symbol.indexOf('(');
  const bare = (open > 0 ? symbol.slice(0, open) : symbol).trim();
  if (bare === '' || bare === '??' || /^0x[0-9a-f]+$/i.test(bare)) return frame.module === undefined ? '??' : baseName(frame.module);
  return bare;
}

function isMachinery(frame: Frame): boolean {
  return ABORT_MACHINERY.some((m) => m.test(frame.function));
}

/** The native frames from the first that is not the abort machinery on, without the startup ones. */
function pastMachinery(natives: readonly Frame[]): readonly Frame[] {
  const first = natives.findIndex((f) => !isMachinery(f));
  return first < 0 ? [] : natives.slice(first).filter((f) => !STARTUP.test(f.function));
}

function head(analysis: CrashAnalysis, frames: readonly Frame[]): string {
  // A core with no thrown value names the signal as its exception: that comes last, below.
  const type = analysis.exception?.typeName;
  if (type !== undefined && type !== analysis.signal?.name) return THROWN_PRIMITIVES.has(type) ? 'thrown value' : type;
  if (OUT_OF_MEMORY.test(analysis.description) || frames.some((f) => f.kind === 'native' && OUT_OF_MEMORY.test(f.function))) return OUT_OF_MEMORY_HEAD;
  const fatal = /^Fatal error: (.*)$/.exec(analysis.description);
  // Numbers in a fatal error's text are sizes and addresses: they differ every time.
  if (fatal !== null) return `fatal error: ${fatal[1].replace(/\b(0x[0-9a-f]+|\d+)\b/gi, 'N')}`;
  return analysis.signal?.name ?? 'crash';
}

export function crashSignature(analysis: CrashAnalysis): CrashSignature {
  const frames = analysis.threads.find((t) => t.id === analysis.crashingThreadId)?.frames ?? [];
  const first = head(analysis, frames);
  const inApp = frames.filter(isInApp).slice(0, IN_APP_FRAMES).map(jsFrame);
  // A report's native frames are Node writing the report, never the bug.
  const natives = () =>
    analysis.kind === 'report'
      ? []
      : pastMachinery(frames.filter((f) => f.kind === 'native'))
          .slice(0, NATIVE_FRAMES)
          .map(nativeFrame);
  const signatureFrames = first === OUT_OF_MEMORY_HEAD ? [] : inApp.length > 0 ? inApp : natives();
  const text = signatureFrames.length === 0 ? first : `${first} at ${signatureFrames.join(' | ')}`;
  return { text, id: createHash('sha256').update(text).digest('hex').slice(0, 16), frames: signatureFrames };
}
