// Progress and cancellation of a launch that takes time, the way the client expects them from a
// first-class adapter. Each slow stage (copying a docker:// dump, analysing a heap snapshot) is one
// DAP progress tied to the launch request: progressStart, updates at most every UPDATE_INTERVAL_MS
// with a percentage that never goes back, progressEnd. A `cancel` naming that progress or the launch
// request aborts the whole open through one AbortSignal, which the engine and the dump source
// honour (a heap analysis worker is terminated on the spot, freeing its memory).
//
// Stages start on their first report: opening a report or a small core never shows a progress.

import { ProgressEndEvent, ProgressStartEvent, ProgressUpdateEvent } from '@vscode/debugadapter';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { formatBytes } from '../engine/format';

/** What one report of a stage says: a sentence and, when it is known, how far along (0–100). */
export interface ProgressReport {
  message: string;
  percentage?: number;
}

/** Often enough for a bar to move smoothly, rarely enough not to flood the client. */
export const UPDATE_INTERVAL_MS = 150;

export const DOWNLOAD_TITLE = 'Salvage: copying dump from the container';

interface Stage {
  id: string;
  title: string;
  sentAt: number;
  percentage: number;
}

export class LaunchProgress {
  private readonly controller = new AbortController();
  private stage: Stage | undefined;
  private stageCount = 0;

  /**
   * `launchRequest`: the seq of the launch request (a cancel may name it).
   * `reporting`: the client said `supportsProgressReporting` in initialize; without it no event is sent.
   */
  constructor(
    private readonly launchRequest: number,
    private readonly send: (event: DebugProtocol.Event) => void,
    private readonly reporting: boolean,
  ) {}

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Reports on stage `title`, ending the stage before it if that was another one. */
  report(title: string, report: ProgressReport): void {
    if (!this.reporting || this.signal.aborted) return;
    const stage = this.stage;
    if (stage?.title !== title) return this.start(title, report);
    const now = Date.now();
    if (now - stage.sentAt < UPDATE_INTERVAL_MS) return;
    stage.sentAt = now;
    stage.percentage = Math.max(stage.percentage, report.percentage ?? stage.percentage);
    const event: DebugProtocol.ProgressUpdateEvent = new ProgressUpdateEvent(stage.id, report.message);
    event.body.percentage = stage.percentage;
    this.send(event);
  }

  /** withDumpSource's download progress. */
  readonly download = (progress: { bytes: number; total?: number }): void => {
    const total = progress.total;
    if (total === undefined || total <= 0) return this.report(DOWNLOAD_TITLE, { message: formatBytes(progress.bytes) });
    this.report(DOWNLOAD_TITLE, { message: `${formatBytes(progress.bytes)} of ${formatBytes(total)}`, percentage: Math.min(100, Math.round((100 * progress.bytes) / total)) });
  };

  /** Answers a DAP `cancel`: aborts the launch when it names the launch request or its current progress. */
  cancel(args: DebugProtocol.CancelArguments | undefined): void {
    const ours = args?.requestId === this.launchRequest || (args?.progressId !== undefined && args.progressId === this.stage?.id);
    if (ours) this.abort();
  }

  /** Stops the open (a cancel, or the client leaving while it runs). */
  abort(): void {
    this.controller.abort();
  }

  /** Ends the current stage, if any; `message` says how it ended. */
  end(message?: string): void {
    if (this.stage === undefined) return;
    this.send(new ProgressEndEvent(this.stage.id, message));
    this.stage = undefined;
  }

  private start(title: string, report: ProgressReport): void {
    this.end();
    const stage: Stage = { id: `salvage-launch-${this.launchRequest}-${++this.stageCount}`, title, sentAt: Date.now(), percentage: report.percentage ?? 0 };
    this.stage = stage;
    const event: DebugProtocol.ProgressStartEvent = new ProgressStartEvent(stage.id, title, report.message);
    event.body.requestId = this.launchRequest;
    event.body.cancellable = true;
    event.body.percentage = stage.percentage;
    this.send(event);
  }
}
