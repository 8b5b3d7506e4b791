// Everything JavaScript a core target offers, in one object the core opener plugs in: the frame
// namer for the native walk, then — once the stacks are walked — the async callers rebuilt from the
// heap, source-mapped positions (maps found in the heap's copy of each script first, then on disk),
// the uncaught exception, each JS frame's scopes, and the scripts' source text for a debugger to show.

import type { ThreadStack } from '../core/coreStacks';
import type { CoreImage } from '../core/coreImage';
import { type CrashException, isJavaScriptFrame } from '../crash';
import { NO_FILES } from '../dumpFiles';
import type { OpenOptions } from '../dumpTarget';
import type { Inspectable, InspectableScope } from '../inspectable';
import { inferPathOverrides } from '../sourcemap/inferPathOverrides';
import { SourceMapResolver } from '../sourcemap/sourceMapResolver';
import { AsyncCallers } from './async/asyncCallers';
import { HeapCensus, type IsolateNamer, type ObjectCensus } from './heapObjects';
import type { HeapSources } from './heapSources';
import { IsolateThreads, type IsolateThread } from './isolateThreads';
import { JsFrameNamer } from './jsFrameNamer';
import { ThrownException, type ThrownValue } from './thrownException';
import { FrameScopes } from './values/frameScopes';
import { ValueInspector } from './values/valueInspector';

export class CoreJavaScript {
  private thrown: ThrownValue | undefined;
  private crashingTid: number | undefined;
  private readonly asyncCallers: AsyncCallers;

  private constructor(
    readonly namer: JsFrameNamer,
    readonly sources: HeapSources,
    private readonly inspector: ValueInspector,
    private readonly frameScopes: FrameScopes,
    private readonly exceptions: ThrownException,
  ) {
    this.asyncCallers = new AsyncCallers(namer);
  }

  /** JavaScript support for a core; undefined when the process has no V8 with postmortem metadata. */
  static async open(image: CoreImage): Promise<CoreJavaScript | undefined> {
    const namer = await JsFrameNamer.open(image);
    if (namer === undefined) return undefined;
    const { v8, objects, scripts, names } = namer;
    const inspector = new ValueInspector(v8, objects, (value) => names.typeName(value));
    return new CoreJavaScript(namer, namer.sources, inspector, new FrameScopes(v8, scripts, inspector), new ThrownException(v8, objects, inspector.preview));
  }

  /** After the walk: maps JS frames to their sources and finds what the crashing thread threw. */
  async finish(stacks: ThreadStack[], options: OpenOptions): Promise<void> {
    const warn = options.onWarning ?? (() => undefined);
    for (const problem of this.namer.problems) warn(problem);
    for (const stack of stacks) {
      await this.asyncCallers.append(stack).catch((error: Error) => warn(`the async callers of thread ${stack.tid} could not be read: ${error.message}`));
    }
    await this.resolveSourceMaps(stacks, options);
    const crashing = stacks[0];
    if (crashing === undefined) return;
    this.crashingTid = crashing.tid;
    try {
      this.thrown = await this.exceptions.find(crashing.frames, crashing.registers, crashing.registers[0]?.sp);
    } catch (error) {
      warn(`the uncaught exception could not be read: ${(error as Error).message}`);
    }
  }

  /** The threads that run an isolate (main, workers, an embedder's), and which isolate each runs. */
  isolateThreads(stacks: ThreadStack[], pid: number | undefined): Promise<IsolateThread[]> {
    return new IsolateThreads(this.namer).find(stacks, pid);
  }

  get exception(): CrashException | undefined {
    return this.thrown?.exception;
  }

  /** "Uncaught RangeError: value 7 over 3", when the process died of an uncaught exception. */
  get description(): string | undefined {
    return this.thrown?.description;
  }

  /** The JS scopes of a frame (none for native frames); the crashing frame also shows the exception. */
  scopes(stack: ThreadStack, index: number): InspectableScope[] {
    const frame = stack.frames[index];
    const facts = frame === undefined ? undefined : this.namer.factsOf(frame);
    if (facts === undefined) return [];
    const scopes = this.frameScopes.scopes(facts);
    const thrown = this.thrown;
    if (thrown !== undefined && stack.tid === this.crashingTid && stack.frames.findIndex((f) => this.namer.factsOf(f) !== undefined) === index) {
      scopes.unshift({ name: 'Exception', expensive: false, variables: async (): Promise<Inspectable[]> => [await this.inspector.inspect('exception', thrown.value)] });
    }
    return scopes;
  }

  /** JS objects in the heap, counted by constructor (`salvage objects`). */
  census(image: CoreImage, nameIsolate?: IsolateNamer): Promise<ObjectCensus> {
    return new HeapCensus(this.namer.v8, image, (obj) => this.namer.names.typeName(obj), nameIsolate).count();
  }

  /** The source text of the script frames locate in `file`, as it ran. */
  sourceText(file: string): Promise<string | undefined> {
    return this.sources.text(file);
  }

  private async resolveSourceMaps(stacks: ThreadStack[], options: OpenOptions): Promise<void> {
    const recorded = stacks.flatMap((s) => s.frames.filter((f) => isJavaScriptFrame(f) && !f.isInternal && f.file !== undefined).map((f) => f.file ?? ''));
    // Scripts whose text the heap holds need no local copy: only the others are looked for locally.
    const missing = recorded.filter((f) => !this.sources.has(f));
    const files = options.files ?? NO_FILES;
    const pathOverrides = await inferPathOverrides(missing, options.localRoots ?? [], (f) => files.exists(f), options.sourceMapPathOverrides);
    const resolver = new SourceMapResolver({ reader: this.sources.reader(files), pathOverrides, onWarning: options.onWarning, onNote: options.onNote });
    try {
      // A source-mapped frame is a copy that keeps its JS_FRAME_ID, so its scopes are still found.
      for (const stack of stacks) stack.frames = await Promise.all(stack.frames.map(async (f) => (isJavaScriptFrame(f) ? resolver.resolve(f) : f)));
    } finally {
      resolver.dispose();
    }
  }
}
