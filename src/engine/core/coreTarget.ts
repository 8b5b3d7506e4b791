// An ELF core as a DumpTarget: opened once (notes, files, every thread unwound and named), then
// served to the front ends — the analysis, a Registers scope per frame, process memory with its
// gaps, and the modules with what was found for each. It keeps its own handle on the core because
// memory is read for as long as a session lasts.

import type { ByteSource } from '../bytes/byteSource';
import type { CrashAnalysis, CrashThread } from '../crash';
import { DumpError } from '../dumpError';
import type { DumpTarget, OpenOptions } from '../dumpTarget';
import type { Inspectable, InspectableScope } from '../inspectable';
import { censusInspectable, OBJECTS_EXPRESSION } from '../v8/censusInspectable';
import { CoreJavaScript } from '../v8/coreJavaScript';
import type { IsolateThread } from '../v8/isolateThreads';
import type { ObjectCensus } from '../v8/heapObjects';
import { CoreImage } from './coreImage';
import { type ThreadStack, unwindAllThreads } from './coreStacks';
import { processScope, registersScope } from './coreScopes';
import { isolateNamer, threadName } from './threadNames';
import type { DumpModule, MemoryBlock } from './targetExtras';
import { hex } from '../format';

/** Largest memory read served at once; DAP clients page through bigger ranges. */
const MAX_MEMORY_READ = 16 * 1024 * 1024;

export class CoreTarget implements DumpTarget {
  readonly kind = 'core' as const;
  private counted: Promise<ObjectCensus> | undefined;

  constructor(
    readonly name: string,
    readonly image: CoreImage,
    readonly stacks: ThreadStack[],
    readonly analysis: CoreAnalysis,
    /** JS frames, scopes, exception and sources, when the process ran V8 (src/engine/v8). */
    readonly javascript?: CoreJavaScript,
    /** The threads that run a V8 isolate (main, workers), with the isolate each runs. */
    readonly isolates: IsolateThread[] = [],
  ) {}

  scopes(threadId: number, frameIndex: number): InspectableScope[] {
    const stack = this.stacks.find((s) => s.tid === threadId);
    const scopes: InspectableScope[] = stack === undefined ? [] : (this.javascript?.scopes(stack, frameIndex) ?? []);
    if (stack !== undefined && frameIndex < stack.registers.length) scopes.push(registersScope(stack, frameIndex));
    scopes.push(processScope(this.image));
    return scopes;
  }

  async readMemory(address: bigint, length: number): Promise<MemoryBlock> {
    const wanted = Math.max(0, Math.min(length, MAX_MEMORY_READ));
    if (address < 0n || address + BigInt(wanted) > BigInt(Number.MAX_SAFE_INTEGER)) return { address, data: new Uint8Array(0), unreadableBytes: wanted };
    const read = await this.image.memory.read(Number(address), wanted);
    return { address, data: read.bytes, unreadableBytes: read.unreadable };
  }

  modules(): DumpModule[] {
    return this.image.modules.map((m) => ({
      path: m.path,
      start: hex(m.core.start),
      end: hex(m.core.end),
      buildId: m.files.buildId,
      status: m.files.status,
      file: m.files.binary?.path,
      debugFile: m.files.debug?.path,
      problems: m.files.problems,
    }));
  }

  /**
   * The JS objects of the V8 heap by constructor; undefined when the process ran no V8 Salvage can
   * read. Counted once (it walks every heap page), on first use.
   */
  census(): Promise<ObjectCensus> | undefined {
    if (this.javascript === undefined) return undefined;
    this.counted ??= this.javascript.census(this.image, isolateNamer(this.isolates));
    return this.counted;
  }

  /** `objects` / `objects Name`: the census, as `salvage objects` prints it. */
  async evaluate(expression: string): Promise<Inspectable | undefined> {
    const match = OBJECTS_EXPRESSION.exec(expression.trim());
    const census = match === null ? undefined : this.census();
    if (match === null || census === undefined) return undefined;
    return censusInspectable(await census, match[1]);
  }

  /** A script's source text as it ran, from the V8 heap. */
  async sourceText(file: string): Promise<string | undefined> {
    return this.javascript?.sourceText(file);
  }

  dispose(): Promise<void> {
    return this.image.dispose();
  }
}

/** A thread with frames in V8's code that were not decoded says so, where it is shown. */
function withWarnings(thread: CrashThread): CrashThread {
  const undecoded = thread.frames.filter((f) => f.undecoded !== undefined);
  if (undecoded.length === 0) return thread;
  const warnings = undecoded.map((f) => `the V8 frame at ${f.pc ?? '?'} was not decoded (${f.undecoded ?? ''}): a JavaScript frame may be missing there`);
  return { ...thread, warnings };
}

/** A core's analysis always says what signal the process died of. */
export type CoreAnalysis = CrashAnalysis & Required<Pick<CrashAnalysis, 'signal'>>;

export function coreAnalysis(image: CoreImage, stacks: ThreadStack[], isolates?: IsolateThread[]): CoreAnalysis {
  const { signal, process } = image.model;
  const threads: CrashThread[] = stacks.map((s, i) => withWarnings({ id: s.tid, name: threadName(s, i, process?.pid, signal.name, isolates), frames: s.frames }));
  const properties: Record<string, string> = { signal: String(signal.number), code: signal.codeName ?? String(signal.code) };
  if (signal.faultAddress !== undefined) properties.faultAddress = hex(signal.faultAddress);
  if (process !== undefined) {
    properties.pid = String(process.pid);
    properties.commandLine = process.psargs;
  }
  return {
    kind: 'core',
    description: `Paused on ${signal.name}`,
    exception: { typeName: signal.name, message: `${signal.description}: ${signal.reason}`, properties },
    threads,
    crashingThreadId: stacks[0]?.tid ?? 0,
    signal,
    process: process === undefined ? undefined : { pid: process.pid, commandLine: process.psargs },
  };
}

/** Summarises what could not be found, as one warning per kind of problem rather than per file. */
function reportModuleProblems(image: CoreImage, warn: (message: string) => void): void {
  const missing = image.modules.filter((m) => m.status === 'missing');
  if (missing.length > 0) warn(`${missing.length} file(s) the core needs were not found, their frames show as "??": ${missing.map((m) => m.path).join(', ')} (pass --search DIR / "searchPaths" where copies are)`);
  for (const m of image.modules.filter((x) => x.status === 'mismatched')) warn(m.files.problems.join('; '));
  for (const line of image.model.missing) warn(line);
}

/** JS support when the process ran V8; a V8 it cannot read costs the JS frames, not the core. */
async function openJavaScript(image: CoreImage, warn: ((message: string) => void) | undefined): Promise<CoreJavaScript | undefined> {
  try {
    return await CoreJavaScript.open(image);
  } catch (error) {
    warn?.(`JavaScript frames are not shown: ${(error as Error).message}`);
    return undefined;
  }
}

export async function openCoreTarget(source: ByteSource, options: OpenOptions): Promise<CoreTarget> {
  const files = options.files;
  if (files === undefined) throw new DumpError(source.name, 'cannot read a core here: no way to open the files it needs was given');
  const openFile = (path: string): Promise<ByteSource | undefined> => files.open(path);
  // The caller may close `source` once opening returns; a session reads memory for much longer.
  const own = (await openFile(source.name)) ?? source;
  let image: CoreImage;
  try {
    image = await CoreImage.open(own, { openFile, binary: options.binary, searchPaths: options.searchPaths, onWarning: options.onWarning });
  } catch (error) {
    if (own !== source) await own.close();
    throw error;
  }
  try {
    const javascript = await openJavaScript(image, options.onWarning);
    const stacks = await unwindAllThreads(image, { namers: javascript === undefined ? [] : [javascript.namer] });
    await javascript?.finish(stacks, options);
    reportModuleProblems(image, options.onWarning ?? (() => undefined));
    const isolates = await javascript?.isolateThreads(stacks, image.model.process?.pid).catch((error: Error) => {
      options.onWarning?.(`the threads' isolates could not be told apart: ${error.message}`);
      return undefined;
    });
    const analysis = coreAnalysis(image, stacks, isolates);
    if (javascript?.exception !== undefined && javascript.description !== undefined) {
      analysis.description = javascript.description;
      analysis.exception = javascript.exception;
    }
    return new CoreTarget(source.name, image, stacks, analysis, javascript, isolates ?? []);
  } catch (error) {
    await image.dispose();
    throw error;
  }
}
