// A diagnostic report as the common CrashAnalysis every front end renders. A report records one
// thread (the one that wrote it), so the analysis has one thread: its JavaScript frames, then, after a
// marker, the native frames of the same moment, which explain fatal errors that have no JS stack.

import type { CrashAnalysis, CrashException, CrashThread, Frame } from '../crash';
import type { DiagnosticReport, ReportHeader, ReportException } from './reportModel';

const THREAD_ID = 1;
const FATAL_TRIGGERS = new Set(['FatalError', 'OOMError']);

export function reportAnalysis(report: DiagnosticReport): CrashAnalysis {
  const exception = report.exception;
  return {
    kind: 'report',
    description: describe(report.header, exception),
    exception: exception === undefined ? undefined : toCrashException(exception),
    threads: [thread(report)],
    crashingThreadId: THREAD_ID,
  };
}

function describe(header: ReportHeader, exception: ReportException | undefined): string {
  if (header.trigger === 'Exception') {
    // "No stack." is Node's placeholder, not the thrown value's text.
    if (exception === undefined || exception.rawMessage === 'No stack.') return 'Uncaught exception (no stack recorded)';
    return `Uncaught ${exception.rawMessage}`;
  }
  if (FATAL_TRIGGERS.has(header.trigger)) return `Fatal error: ${header.event}`;
  if (header.trigger === 'Signal') return `Report written on signal ${header.event}`;
  const written = `Report written: ${header.event}`;
  // writeReport(err) from an 'uncaughtException' handler: the error is the point of the report.
  return exception === undefined ? written : `${written} (${exception.rawMessage})`;
}

function thread(report: DiagnosticReport): CrashThread {
  const workerId = report.header.threadId;
  const frames: Frame[] = [...report.jsFrames];
  if (report.nativeFrames.length > 0) {
    frames.push({ kind: 'marker', function: 'Native frames' }, ...report.nativeFrames);
  }
  // Node numbers the main thread 0 and workers from 1 (worker_threads.threadId).
  const name = workerId !== undefined && workerId !== 0 ? `Worker ${workerId}` : 'Main thread';
  return { id: THREAD_ID, name, frames };
}

function toCrashException(exception: ReportException): CrashException {
  return {
    typeName: exception.typeName,
    message: exception.message,
    stack: exception.stack,
    properties: { ...exception.properties },
  };
}
