// The model of a Node.js diagnostic report (https://nodejs.org/api/report.html), reduced to the
// facts Salvage shows. Raw report fields that have no place here stay reachable through `raw`
// sections so nothing the report recorded is hidden from the user.

import type { Frame } from '../crash';

export interface ReportHeader {
  reportVersion: number;
  /** Why the report was written: "Exception", "JavaScript API", "SIGUSR2", "Allocation failed - ..." */
  event: string;
  /** What triggered it: "Exception", "FatalError", "OOMError", "Signal", "API", ... */
  trigger: string;
  /** ISO-8601 time of the event, as the report recorded it. */
  time: string;
  pid: number;
  threadId?: number;
  /** "v20.20.2" */
  nodeVersion: string;
  cwd: string;
  commandLine: string[];
  platform: string;
  arch: string;
  host: string;
  /** File name the report was written under, as recorded in the header. */
  filename?: string;
  /** The whole header as recorded (OS, CPUs, network interfaces, component versions, ...). */
  raw: Record<string, unknown>;
}

/** typeName of a thrown value that is not an Error (a string, a number, an object without a stack). */
export const THROWN_VALUE = 'Thrown value';

export interface ReportException {
  /** Error class name, from the message prefix ("TypeError"); THROWN_VALUE when there is none. */
  typeName: string;
  /** Message without the class prefix; continuation lines of a multi-line message included. */
  message: string;
  /**
   * The error's first line as recorded: javascriptStack.message, or, when Node prefixed the stack
   * with the throwing source line ("file.js:3", source, "^", "", "TypeError: x"), the "TypeError: x"
   * line after that decoration.
   */
  rawMessage: string;
  /** The stack text rebuilt as Node prints it: rawMessage, continuation lines, "    at ..." lines. */
  stack: string;
  /** errorProperties: own properties of the thrown error (code, errno, syscall, ...). */
  properties: Record<string, string>;
}

export interface LibuvHandle {
  type: string;
  address: string;
  isActive: boolean;
  /** False also when not recorded: the "loop" pseudo-handle has no reference count. */
  isReferenced: boolean;
  /** Every other field of the handle (fd, remote address, timer repeat, ...). */
  details: Record<string, unknown>;
}

export interface ResourceUsage {
  rssBytes?: number;
  maxRssBytes?: number;
  userCpuSeconds?: number;
  kernelCpuSeconds?: number;
  heapUsedBytes?: number;
  heapTotalBytes?: number;
  heapLimitBytes?: number;
  /**
   * The report's resource sections as recorded, by section name: resourceUsage, javascriptHeap and,
   * when present, uvthreadResourceUsage, userLimits and workers.
   */
  raw: Record<string, unknown>;
}

export interface EnvironmentVariable {
  name: string;
  /**
   * The value, or "•••••• (masked)" when the name looks secret and secrets are hidden; a URL value
   * keeps everything but its password ("postgres://app:••••••@db/app").
   */
  value: string;
  masked: boolean;
}

export interface DiagnosticReport {
  /** Path or URI the report was read from. */
  source: string;
  header: ReportHeader;
  /**
   * The thrown value of an "Exception" report, or the error passed to process.report.writeReport(err).
   * Absent for other reports (writeReport() without an error, signals, fatal errors).
   */
  exception?: ReportException;
  /**
   * Frames parsed from javascriptStack.stack, top first. Non-frame lines between frames ("Emitted
   * 'error' event on Worker instance at:") are kept as marker frames.
   */
  jsFrames: Frame[];
  /** Frames from nativeStack, top first. */
  nativeFrames: Frame[];
  handles: LibuvHandle[];
  resources: ResourceUsage;
  environment: EnvironmentVariable[];
  /** Loaded shared objects, as recorded. */
  sharedObjects: string[];
}

export interface ReportParseOptions {
  /** Show secret-looking environment values instead of masking them. */
  revealSecrets?: boolean;
}
