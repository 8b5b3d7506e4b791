// The read-only debug adapter. It only translates DAP into calls on a DumpTarget and back: opening,
// analysis and every fact shown come from the engine. One handler per request; refusals of
// everything that would run or change the process live in refusals.ts.

import { CapabilitiesEvent, DebugSession, InitializedEvent, InvalidatedEvent, OutputEvent, StoppedEvent } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { CrashLogs } from '../catalog/crashLogs';
import { CrashTarget } from '../engine/crashTarget';
import { DUMP_KIND_LABELS } from '../engine/dumpKind';
import type { DumpTarget } from '../engine/dumpTarget';
import { errorMessage } from '../engine/errorMessage';
import { openTarget } from '../sources/openTarget';
import { readMemoryBody } from './core/memoryRequest';
import { adapterHeapAnalyzer } from './heap/adapterHeapAnalyzer';
import { HEAP_LOAD_TITLE, heapLoadReport } from './heap/heapLoadProgress';
import { MODULES_REQUEST, type ModulesResponseBody } from './core/modulesRequest';
import { PIN_OBJECT_REQUEST, type PinObjectArguments } from './heap/pinObjectRequest';
import { containerLogEvents, crashLogEvents, crashLogScope } from './containerLogOutput';
import { toStackFrame } from './dapFrames';
import { evaluateInScopes } from './evaluate';
import { LaunchProgress } from './launchProgress';
import { BREAKPOINT_MESSAGE, ErrorId, REFUSED_REQUESTS } from './refusals';
import { SourceReferences } from './sourceReferences';
import { VariableStore } from './variableStore';

/** The `salvage` launch configuration (package.json `configurationAttributes.launch`). */
export interface SalvageLaunchArguments extends DebugProtocol.LaunchRequestArguments {
  dump: string;
  /** The other dumps of the same death (its report, its heap snapshots): shown in the same session. */
  dumps?: string[];
  binary?: string;
  searchPaths?: string[];
  /** Where docker:// dumps are copied to (the extension passes `salvage.dumpStore` or its storage). */
  dumpStore?: string;
  sourceMapPathOverrides?: Record<string, string>;
  /** Where the dump's scripts are looked for when their recorded paths do not exist here. */
  localRoot?: string;
  revealSecrets?: boolean;
  /** How many of a container's last log lines the Debug Console shows (default 100; 0: none). */
  containerLogLines?: number;
  /** A catalog crash's log lines, as the store kept them (the Crashes view passes them): shown instead of the engine's. */
  crashLog?: CrashLogs;
}

interface FrameAddress {
  threadId: number;
  index: number;
}

export class SalvageSession extends DebugSession {
  private target: DumpTarget | undefined;
  /** Frame ids handed to the client, and the key "thread:index" of each, to keep ids stable. */
  private readonly frames = new Map<number, FrameAddress>();
  private readonly frameIds = new Map<string, number>();
  private readonly variables = new VariableStore();
  /** Scripts only the dump holds (a core's V8 heap), served by the `source` request. */
  private readonly sources = new SourceReferences(() => this.target);
  /** The client shows progress events (initialize's `supportsProgressReporting`). */
  private clientShowsProgress = false;
  /** The launch while it opens the dump: its progress, and how a `cancel` stops it. */
  private launching: LaunchProgress | undefined;
  private markConfigured: () => void = () => undefined;
  /** The one stop is sent only after the client has finished configuring (DAP's launch sequence). */
  private readonly configured = new Promise<void>((resolve) => {
    this.markConfigured = resolve;
  });

  constructor() {
    super();
    this.setDebuggerLinesStartAt1(true);
    this.setDebuggerColumnsStartAt1(true);
  }

  protected override dispatchRequest(request: DebugProtocol.Request): void {
    const refusal = REFUSED_REQUESTS.get(request.command);
    if (refusal === undefined) return super.dispatchRequest(request);
    const response: DebugProtocol.Response = { seq: 0, type: 'response', request_seq: request.seq, command: request.command, success: false };
    this.sendErrorResponse(response, { id: ErrorId.Refused, format: refusal, showUser: true });
  }

  protected override initializeRequest(response: DebugProtocol.InitializeResponse, args: DebugProtocol.InitializeRequestArguments): void {
    this.clientShowsProgress = args.supportsProgressReporting === true;
    response.body = {
      // Needed to learn when the client has sent its (refused) breakpoints, before the one stop.
      supportsConfigurationDoneRequest: true,
      // The stop is an exception: the client shows its details.
      supportsExceptionInfoRequest: true,
      // Evaluation only looks values up; hovering can never change anything.
      supportsEvaluateForHovers: true,
      // Stacks of big cores are paged.
      supportsDelayedStackTraceLoading: true,
      supportsLoadedSourcesRequest: true,
      // A launch that takes time (a big heap snapshot, a docker:// copy) shows progress and can be cancelled.
      supportsCancelRequest: true,
      // Nothing below can work on a dump; advertised false so the UI never offers them.
      supportsSetVariable: false,
      supportsSetExpression: false,
      supportsStepBack: false,
      supportsRestartFrame: false,
      supportsGotoTargetsRequest: false,
      supportsDataBreakpoints: false,
      supportsInstructionBreakpoints: false,
      supportsRestartRequest: false,
      supportsTerminateRequest: false,
      supportsTerminateThreadsRequest: false,
      supportsWriteMemoryRequest: false,
      // Memory is added by a capabilities event once a dump that has memory (a core) is open.
      supportsReadMemoryRequest: false,
    };
    this.sendResponse(response);
    this.sendEvent(new InitializedEvent());
  }

  protected override configurationDoneRequest(response: DebugProtocol.ConfigurationDoneResponse): void {
    this.sendResponse(response);
    this.markConfigured();
  }

  protected override async launchRequest(response: DebugProtocol.LaunchResponse, args: SalvageLaunchArguments): Promise<void> {
    const progress = new LaunchProgress(response.request_seq, (event) => this.sendEvent(event), this.clientShowsProgress);
    this.launching = progress;
    try {
      this.target = await this.openTarget(args, progress);
    } catch (error) {
      const cancelled = progress.signal.aborted;
      progress.end(cancelled ? 'cancelled' : undefined);
      const message = cancelled ? `${args.dump}: cancelled` : errorMessage(error);
      return this.sendErrorResponse(response, { id: ErrorId.OpenFailed, format: `Cannot open dump: ${message}`, showUser: true });
    } finally {
      progress.end();
      this.launching = undefined;
    }
    this.sendResponse(response);
    // Frames not decoded are said once, loudly ('important': shown as a notification), then each in the console.
    const doubtful = this.target.analysis.threads.flatMap((t) => (t.warnings ?? []).map((w) => `${t.name}: ${w}`));
    if (doubtful.length > 0) this.sendEvent(new OutputEvent(`Salvage: ${doubtful.length} V8 frame(s) could not be decoded; JavaScript frames may be missing:\n${doubtful.map((d) => `  ${d}\n`).join('')}`, 'important'));
    // A dump with process memory (a core) can serve readMemory; initialize had to say false.
    if (this.target.readMemory !== undefined) this.sendEvent(new CapabilitiesEvent({ supportsReadMemoryRequest: true }));
    await this.configured;
    const analysis = this.target.analysis;
    const stopped: DebugProtocol.StoppedEvent = new StoppedEvent('exception', analysis.crashingThreadId, analysis.exception?.typeName);
    stopped.body.description = analysis.description;
    stopped.body.allThreadsStopped = true;
    this.sendEvent(stopped);
    const logEvents = args.crashLog === undefined ? await containerLogEvents(args.dump, args.containerLogLines) : crashLogEvents(args.crashLog);
    for (const event of logEvents) this.sendEvent(event);
  }

  /** Opens `args.dump` (and the other dumps of its crash) for a launch; a cancel that comes before the end wins. */
  private async openTarget(args: SalvageLaunchArguments, progress: LaunchProgress): Promise<DumpTarget> {
    if (typeof args.dump !== 'string' || args.dump === '') throw new Error('the launch configuration needs "dump": the path of a dump file');
    const others = Array.isArray(args.dumps) ? args.dumps.filter((d): d is string => typeof d === 'string' && d !== '' && d !== args.dump) : [];
    const lead = await this.openOne(args.dump, args, progress);
    const extraScopes = args.crashLog === undefined ? [] : [crashLogScope(args.crashLog)];
    if (others.length === 0 && extraScopes.length === 0) return lead;
    const companions: DumpTarget[] = [];
    for (const other of others) {
      try {
        companions.push(await this.openOne(other, args, progress));
      } catch (error) {
        if (progress.signal.aborted) {
          await Promise.all([lead, ...companions].map((t) => t.dispose()));
          throw error;
        }
        // One unreadable dump of the crash must not hide the others: said, and left out.
        this.sendEvent(new OutputEvent(`Salvage: ${other} is left out of this crash's session: ${errorMessage(error)}\n`, 'important'));
      }
    }
    const crash = new CrashTarget([lead, ...companions], extraScopes);
    this.sendEvent(new OutputEvent(`Salvage: this crash's dumps, in one session:\n${crash.targets.map((t) => `  ${DUMP_KIND_LABELS[t.kind]}: ${t.name}\n`).join('')}`, 'console'));
    return crash;
  }

  /** Opens one dump for a launch, reporting progress. */
  private async openOne(dump: string, args: SalvageLaunchArguments, progress: LaunchProgress): Promise<DumpTarget> {
    const warn = (message: string) => this.sendEvent(new OutputEvent(`Salvage: ${message}\n`, 'console'));
    // `dump` may be a docker:// URI: the dump is copied into the store, a core gets its container's binaries.
    let size = 0;
    const target = await openTarget(dump, {
      sourceMapPathOverrides: args.sourceMapPathOverrides,
      localRoots: args.localRoot === undefined ? [] : [args.localRoot],
      revealSecrets: args.revealSecrets,
      binary: args.binary,
      searchPaths: args.searchPaths,
      heapAnalyzer: adapterHeapAnalyzer(),
      onWarning: warn,
      onNote: (message) => this.sendEvent(new OutputEvent(`Salvage: note: ${message}\n`, 'console')),
      signal: progress.signal,
      onProgress: (heap) => progress.report(HEAP_LOAD_TITLE, heapLoadReport(heap, size)),
      onSize: (bytes) => (size = bytes),
      storeDir: args.dumpStore,
      onDownload: progress.download,
    });
    if (progress.signal.aborted) {
      await target.dispose();
      progress.signal.throwIfAborted();
    }
    return target;
  }

  /** A `cancel` of the launch (its request or its progress); other requests are answered at once anyway. */
  protected override cancelRequest(response: DebugProtocol.CancelResponse, args: DebugProtocol.CancelArguments): void {
    this.launching?.cancel(args);
    this.sendResponse(response);
  }

  protected override setBreakPointsRequest(response: DebugProtocol.SetBreakpointsResponse, args: DebugProtocol.SetBreakpointsArguments): void {
    const breakpoints = args.breakpoints ?? args.lines?.map((line) => ({ line })) ?? [];
    response.body = { breakpoints: breakpoints.map((b) => ({ verified: false, line: b.line, message: BREAKPOINT_MESSAGE })) };
    this.sendResponse(response);
  }

  protected override setFunctionBreakPointsRequest(response: DebugProtocol.SetFunctionBreakpointsResponse, args: DebugProtocol.SetFunctionBreakpointsArguments): void {
    response.body = { breakpoints: args.breakpoints.map(() => ({ verified: false, message: BREAKPOINT_MESSAGE })) };
    this.sendResponse(response);
  }

  protected override threadsRequest(response: DebugProtocol.ThreadsResponse): void {
    response.body = { threads: (this.target?.analysis.threads ?? []).map((t) => ({ id: t.id, name: t.name })) };
    this.sendResponse(response);
  }

  protected override stackTraceRequest(response: DebugProtocol.StackTraceResponse, args: DebugProtocol.StackTraceArguments): void {
    const thread = this.target?.analysis.threads.find((t) => t.id === args.threadId);
    if (thread === undefined) return this.unknownReference(response, `thread ${args.threadId}`);
    const start = args.startFrame ?? 0;
    const end = args.levels ? start + args.levels : thread.frames.length;
    const stackFrames = thread.frames.slice(start, end).map((frame, i) => toStackFrame(this.frameId(thread.id, start + i), frame, (file) => this.sources.referenceFor(file)));
    response.body = { stackFrames, totalFrames: thread.frames.length };
    this.sendResponse(response);
  }

  protected override scopesRequest(response: DebugProtocol.ScopesResponse, args: DebugProtocol.ScopesArguments): void {
    const address = this.frames.get(args.frameId);
    if (address === undefined || this.target === undefined) return this.unknownReference(response, `frame ${args.frameId}`);
    const scopes = this.target.scopes(address.threadId, address.index);
    response.body = {
      scopes: scopes.map((s) => ({ name: s.name, variablesReference: this.variables.add(s.variables), expensive: s.expensive, presentationHint: s.presentationHint })),
    };
    this.sendResponse(response);
  }

  protected override async variablesRequest(response: DebugProtocol.VariablesResponse, args: DebugProtocol.VariablesArguments): Promise<void> {
    if (!this.variables.has(args.variablesReference)) return this.unknownReference(response, `variables ${args.variablesReference}`);
    response.body = { variables: await this.variables.variables(args.variablesReference, args.start, args.count) };
    this.sendResponse(response);
  }

  protected override async evaluateRequest(response: DebugProtocol.EvaluateResponse, args: DebugProtocol.EvaluateArguments): Promise<void> {
    const address = args.frameId === undefined ? undefined : this.frames.get(args.frameId);
    const scopes = this.target?.scopes(address?.threadId ?? 0, address?.index ?? 0) ?? [];
    // The dump's own expressions first (a heap snapshot's `@id`), then names in the frame's scopes.
    const own = await this.target?.evaluate?.(args.expression).catch((error: unknown) => errorMessage(error));
    const found = own ?? (await evaluateInScopes(args.expression, scopes));
    if (typeof found === 'string') return this.sendErrorResponse(response, { id: ErrorId.EvaluateFailed, format: found, showUser: args.context === 'repl' });
    const variable = this.variables.toVariable(found);
    response.body = { result: variable.value, type: variable.type, variablesReference: variable.variablesReference, presentationHint: variable.presentationHint };
    this.sendResponse(response);
  }

  protected override exceptionInfoRequest(response: DebugProtocol.ExceptionInfoResponse): void {
    const analysis = this.target?.analysis;
    const exception = analysis?.exception;
    response.body = {
      exceptionId: exception?.typeName ?? 'crash',
      description: exception?.message ?? analysis?.description,
      breakMode: 'always',
      details: exception === undefined ? undefined : { message: exception.message, typeName: exception.typeName, stackTrace: exception.stack },
    };
    this.sendResponse(response);
  }

  protected override loadedSourcesRequest(response: DebugProtocol.LoadedSourcesResponse): void {
    const seen = new Map<string, DebugProtocol.Source>();
    for (const thread of this.target?.analysis.threads ?? []) {
      for (const frame of thread.frames) {
        const source = toStackFrame(0, frame).source;
        if (source?.path !== undefined) seen.set(source.path, source);
      }
    }
    response.body = { sources: [...seen.values()] };
    this.sendResponse(response);
  }

  protected override async sourceRequest(response: DebugProtocol.SourceResponse, args: DebugProtocol.SourceArguments): Promise<void> {
    const text = await this.sources.text(args.source?.sourceReference ?? args.sourceReference);
    if (text === undefined) return this.unknownReference(response, `source ${args.sourceReference}`);
    response.body = { content: text, mimeType: 'text/javascript' };
    this.sendResponse(response);
  }

  protected override async readMemoryRequest(response: DebugProtocol.ReadMemoryResponse, args: DebugProtocol.ReadMemoryArguments): Promise<void> {
    if (this.target === undefined) return this.unknownReference(response, `memory ${args.memoryReference}`);
    const body = await readMemoryBody(this.target, args);
    if (typeof body === 'string') return this.sendErrorResponse(response, { id: ErrorId.UnknownReference, format: body, showUser: false });
    response.body = body;
    this.sendResponse(response);
  }

  protected override async customRequest(command: string, response: DebugProtocol.Response, args: unknown, request?: DebugProtocol.Request): Promise<void> {
    if (command === PIN_OBJECT_REQUEST) return this.pinObject(response, args);
    if (command !== MODULES_REQUEST) return super.customRequest(command, response, args, request);
    const body: ModulesResponseBody = { modules: this.target?.modules?.() ?? [] };
    response.body = body;
    this.sendResponse(response);
  }

  /** The heap viewer's "Show in Debug Variables": pin the object, then have Variables refresh. */
  private async pinObject(response: DebugProtocol.Response, args: unknown): Promise<void> {
    const id = (args as Partial<PinObjectArguments> | undefined)?.id;
    try {
      if (typeof id !== 'number' || this.target?.pinObject === undefined) throw new Error('This session has no heap objects to pin.');
      await this.target.pinObject(id);
    } catch (error) {
      return this.sendErrorResponse(response, { id: ErrorId.EvaluateFailed, format: errorMessage(error), showUser: true });
    }
    this.sendResponse(response);
    this.sendEvent(new InvalidatedEvent(['variables']));
  }

  protected override async disconnectRequest(response: DebugProtocol.DisconnectResponse): Promise<void> {
    // The client leaving while a dump still opens: stop that (and free its worker) too.
    this.launching?.abort();
    await this.target?.dispose();
    this.target = undefined;
    this.sendResponse(response);
  }

  private frameId(threadId: number, index: number): number {
    const key = `${threadId}:${index}`;
    const existing = this.frameIds.get(key);
    if (existing !== undefined) return existing;
    const id = this.frames.size + 1;
    this.frames.set(id, { threadId, index });
    this.frameIds.set(key, id);
    return id;
  }

  private unknownReference(response: DebugProtocol.Response, what: string): void {
    this.sendErrorResponse(response, { id: ErrorId.UnknownReference, format: `Unknown ${what}`, showUser: false });
  }
}
