// A diagnostic report as a DumpTarget: parsed once, its JavaScript frames mapped back through
// source maps once, then served to every front end from memory (reports are small).

import type { ByteSource } from '../bytes/byteSource';
import { type CrashAnalysis, isJavaScriptFrame } from '../crash';
import { NO_FILES } from '../dumpFiles';
import type { DumpTarget, OpenOptions } from '../dumpTarget';
import { stackText } from '../frameText';
import type { InspectableScope } from '../inspectable';
import { inferPathOverrides } from '../sourcemap/inferPathOverrides';
import { SourceMapResolver } from '../sourcemap/sourceMapResolver';
import { parseReport } from './parseReport';
import { reportAnalysis } from './reportAnalysis';
import type { DiagnosticReport } from './reportModel';
import { reportScopes } from './reportScopes';

export class ReportTarget implements DumpTarget {
  readonly kind = 'report' as const;
  private readonly scopeList: InspectableScope[];

  constructor(
    readonly name: string,
    readonly report: DiagnosticReport,
    readonly analysis: CrashAnalysis,
  ) {
    this.scopeList = reportScopes(report);
  }

  // A report records one stack, so every frame shares the process-wide scopes.
  scopes(): InspectableScope[] {
    return this.scopeList;
  }

  async dispose(): Promise<void> {}
}

export async function openReportTarget(source: ByteSource, options: OpenOptions): Promise<ReportTarget> {
  const report = await parseReport(source, { revealSecrets: options.revealSecrets });
  const analysis = reportAnalysis(report);
  const recordedFiles = analysis.threads.flatMap((t) => t.frames.filter((f) => isJavaScriptFrame(f) && !f.isInternal && f.file !== undefined).map((f) => f.file ?? ''));
  const files = options.files ?? NO_FILES;
  const pathOverrides = await inferPathOverrides(recordedFiles, options.localRoots ?? [], (f) => files.exists(f), options.sourceMapPathOverrides);
  const resolver = new SourceMapResolver({ reader: files, pathOverrides, onWarning: options.onWarning, onNote: options.onNote });
  try {
    for (const thread of analysis.threads) thread.frames = await resolver.resolveAll(thread.frames);
  } finally {
    resolver.dispose();
  }
  // The exception's stack, as the debugger's exception widget shows it, at the lines the user wrote.
  const frames = analysis.threads[0]?.frames ?? [];
  if (analysis.exception !== undefined && report.exception !== undefined && frames.some((f) => f.original !== undefined)) {
    analysis.exception.stack = stackText(report.exception.rawMessage, frames);
  }
  return new ReportTarget(source.name, report, analysis);
}
