// The report's javascriptStack section to an exception and JS frames. Node records the error's
// stack text split into lines: `message` is the first line, `stack` the rest with indentation removed.
// Real reports show three shapes this must undo:
//   - multi-line messages: the message's further lines come first in `stack`, before any "at" line;
//   - decorated errors: when Node decorated the error's stack in place before the report was
//     written (errors thrown inside Node's own modules, code run with -e, errors rethrown from a
//     worker or passed to writeReport from an 'uncaughtException' handler), the throwing source line
//     comes first, so `message` is "file.js:3" and the real "TypeError: x" line follows a caret line;
//   - no stack: a thrown primitive has no `stack` at all, a thrown plain object (or an error whose
//     stack was deleted) has message "No stack." and stack ["Unavailable."].

import type { Frame } from '../crash';
import type { JsonFields } from './jsonFields';
import { THROWN_VALUE, type ReportException } from './reportModel';
import { parseStackLine } from './stackLine';

export interface JavascriptStack {
  exception?: ReportException;
  frames: Frame[];
}

const FRAME_LINE = /^\s*at\s/;
/** "TypeError: x", "Error [ERR_X]: x", "MyErr: x": the class prefix V8's Error.prototype.toString writes. */
const CLASS_LINE = /^([A-Za-z_$][\w$]*)(?: \[[^\]]*\])?: ([\s\S]*)$/;
const BARE_CLASS = /^[A-Za-z_$][\w$]*$/;
/** The first line of Node's decoration of an uncaught error: the throwing script and line. */
const DECORATION_START = /:\d+$/;

export function readJavascriptStack(section: JsonFields | undefined, trigger: string): JavascriptStack {
  // Without the section there is nothing to say about the thrown value, not even that it had no stack.
  if (section === undefined) return { frames: [] };
  const message = section.string('message') ?? '';
  const recorded = section.stringArray('stack');
  const properties = readErrorProperties(section);
  const noStack = message === 'No stack.' && (recorded === undefined || recorded.join('') === 'Unavailable.');
  const lines = noStack ? [] : (recorded ?? []);
  const firstFrame = lines.findIndex((l) => FRAME_LINE.test(l));
  const preamble = firstFrame < 0 ? lines : lines.slice(0, firstFrame);
  const frameLines = firstFrame < 0 ? [] : lines.slice(firstFrame).filter((l) => l.trim() !== '');
  const frames = frameLines.map(toFrame);
  if (!hasException(trigger, message, properties)) return { frames };
  const hasStack = recorded !== undefined && !noStack;
  return { frames, exception: readException(message, preamble, frameLines, hasStack, properties) };
}

/** Lines between frames that are not frames ("Emitted 'error' event on Worker instance at:") mark a seam. */
function toFrame(line: string): Frame {
  const text = line.trim();
  return FRAME_LINE.test(line) ? parseStackLine(text) : { kind: 'marker', function: text, text };
}

/**
 * Exception reports always describe the thrown value. An API report does too when the caller passed
 * an error to writeReport; without one Node records a synthetic "JavaScript Callstack" error.
 */
function hasException(trigger: string, message: string, properties: Record<string, string>): boolean {
  if (trigger === 'Exception') return true;
  if (trigger !== 'API') return false;
  return properties.code !== 'ERR_SYNTHETIC' && message !== '' && message !== 'No stack.';
}

function readException(message: string, preamble: string[], frameLines: string[], hasStack: boolean, properties: Record<string, string>): ReportException {
  const decorated = !CLASS_LINE.test(message) && DECORATION_START.test(message);
  const errorLine = decorated ? findErrorLine(preamble) : -1;
  const rawMessage = errorLine >= 0 ? preamble[errorLine] : message;
  const continuation = errorLine >= 0 ? preamble.slice(errorLine + 1) : preamble;
  const split = splitClass(rawMessage, hasStack);
  return {
    typeName: split.typeName,
    message: [split.message, ...continuation].join('\n'),
    rawMessage,
    stack: [rawMessage, ...continuation, ...frameLines.map((l) => `    ${l.trim()}`)].join('\n'),
    properties,
  };
}

/**
 * The error line is the first non-empty line after the caret under the source line ("TypeError" alone
 * when the message is empty); the source line itself may look like an error line, so it is skipped.
 */
function findErrorLine(preamble: string[]): number {
  const caret = preamble.findIndex((l) => /^\s*\^+\s*$/.test(l));
  if (caret < 0) return preamble.findIndex((l) => CLASS_LINE.test(l));
  return preamble.findIndex((l, i) => i > caret && l.trim() !== '');
}

function splitClass(rawMessage: string, hasStack: boolean): { typeName: string; message: string } {
  // Without a stack the value was not an Error, so a "name: text" shape is just the value's text.
  if (!hasStack) return { typeName: THROWN_VALUE, message: rawMessage.replace(/^Uncaught /, '') };
  const prefixed = CLASS_LINE.exec(rawMessage);
  if (prefixed) return { typeName: prefixed[1], message: prefixed[2] };
  // `new TypeError()` prints just "TypeError".
  if (BARE_CLASS.test(rawMessage)) return { typeName: rawMessage, message: '' };
  return { typeName: THROWN_VALUE, message: rawMessage };
}

/** errorProperties values are strings in every Node seen so far; anything else is rendered as JSON. */
function readErrorProperties(section: JsonFields): Record<string, string> {
  const fields = section.object('errorProperties');
  const properties: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields?.value ?? {})) {
    properties[name] = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  }
  return properties;
}
