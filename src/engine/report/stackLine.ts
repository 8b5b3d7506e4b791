// V8 stack-trace lines ("at fn (file:1:2)") to Frames and back. Reports store the JavaScript stack only
// as text, so this is the one place that text gets its structure. V8's serializer
// (messages.cc, SerializeJSStackFrame) writes, after "at ":
//
//   [async ][new ]name (location)      a named call
//   [async ]location                    an anonymous function
//   async Promise.all (index N)         a combinator awaiting its Nth element
//
// where location is "file:line:col", "file" alone for builtins ("<anonymous>", "native") or
// "eval at origin (...), file:line:col" for eval'd code. Paths may themselves contain parentheses and
// colons ("C:\x (1)\a.js:1:2", "node:fs:573:18"), so nothing below splits on the first "(" or ":".

import { type Frame, isJavaScriptFrame } from '../crash';

/** What V8 prints instead of a name for functions that have none. */
export const ANONYMOUS = '<anonymous>';

interface Location {
  file?: string;
  line?: number;
  column?: number;
  evalOrigin?: string;
}

/**
 * Parses one stack line, with or without indentation and the leading "at ". Never throws: a line that
 * is not a frame becomes a frame whose function is the whole line, so nothing recorded is lost.
 */
export function parseStackLine(line: string): Frame {
  const text = line.trim();
  const hasAt = /^at\s/.test(text);
  let rest = hasAt ? text.replace(/^at\s+/, '') : text;
  const frame: Frame = { kind: 'js', function: text, text };
  const isAsync = rest.startsWith('async ');
  if (isAsync) rest = rest.slice('async '.length);
  const isConstructor = rest.startsWith('new ');
  if (isConstructor) rest = rest.slice('new '.length);

  const call = splitCall(rest);
  // Without "at " the line must prove it is a frame by carrying a position, or prose such as a
  // message continuation line ("line2 (see docs)") would be taken for one.
  const location = parseLocation(call ? call.location : rest, hasAt);
  if (location === undefined) {
    if (call === undefined || !/^index \d+$/.test(call.location)) return frame;
    // "Promise.all (index 0)": the parenthesis holds the element index, not a place in a file.
    return withFlags({ ...frame, function: `${call.name} (${call.location})`, isInternal: true }, isAsync, isConstructor);
  }
  const parsed: Frame = { ...frame, function: call ? call.name : ANONYMOUS, ...location };
  if (isInternalLocation(location)) parsed.isInternal = true;
  return withFlags(parsed, isAsync, isConstructor);
}

function withFlags(frame: Frame, isAsync: boolean, isConstructor: boolean): Frame {
  if (isAsync) frame.kind = 'async';
  if (isConstructor) frame.isConstructor = true;
  return frame;
}

/** Splits "name (location)" at the parenthesis that balances the final ")". */
function splitCall(rest: string): { name: string; location: string } | undefined {
  if (!rest.endsWith(')')) return undefined;
  let depth = 0;
  for (let i = rest.length - 1; i >= 0; i--) {
    const c = rest[i];
    if (c === ')') depth++;
    else if (c === '(') depth--;
    if (depth !== 0) continue;
    // The call's "(" follows a space after the name; "(" at the start means there is no name.
    if (i < 2 || rest[i - 1] !== ' ') return undefined;
    const name = rest.slice(0, i - 1).trim();
    return name === '' ? undefined : { name, location: rest.slice(i + 1, -1) };
  }
  return undefined;
}

function parseLocation(location: string, lenient: boolean): Location | undefined {
  if (location.startsWith('eval at ')) return parseEvalLocation(location);
  // A bare "file:line" is only believed after "at ": in prose it is too common ("see host:80").
  const position = parsePosition(location, lenient);
  if (position) return position;
  if (location === ANONYMOUS || location === 'native' || location === 'unknown location') return { file: location };
  // wasm frames ("wasm://wasm/8a4e:wasm-function[3]:0x1f") and other schemes keep their text as file.
  if (lenient && location !== '' && !/^index \d+$/.test(location)) return { file: location };
  return undefined;
}

/** "eval at outer (/x.js:3:5), <anonymous>:1:1": the origin may nest, so split at the last top-level ", ". */
function parseEvalLocation(location: string): Location {
  let depth = 0;
  for (let i = location.length - 1; i >= 0; i--) {
    const c = location[i];
    if (c === ')') depth++;
    else if (c === '(') depth--;
    else if (depth === 0 && c === ',' && location[i + 1] === ' ') {
      const where = location.slice(i + 2);
      return { evalOrigin: location.slice(0, i), ...(parsePosition(where, true) ?? { file: where }) };
    }
  }
  return { evalOrigin: location };
}

/** "file:line:col" or "file:line"; the greedy file part keeps colons inside paths and URLs. */
function parsePosition(text: string, allowLineOnly: boolean): Location | undefined {
  const full = /^(.+):(\d+):(\d+)$/.exec(text);
  if (full) return { file: full[1], line: Number(full[2]), column: Number(full[3]) };
  const lineOnly = allowLineOnly ? /^(.+):(\d+)$/.exec(text) : null;
  return lineOnly ? { file: lineOnly[1], line: Number(lineOnly[2]) } : undefined;
}

/** Node's own modules and V8 builtins: code the user did not write and usually cannot open. */
function isInternalLocation(location: Location): boolean {
  const file = location.file;
  if (file === undefined) return false;
  if (file.startsWith('node:') || /^internal[\\/]/.test(file)) return true;
  // Builtins such as Array.map have no script; V8 names their location "<anonymous>" or "native".
  return (file === ANONYMOUS || file === 'native') && location.line === undefined;
}

/**
 * The frame as V8 prints it after "at ": "new Foo (/x.js:1:2)", "async /x.js:3:4". Native and marker
 * frames, which V8 never prints, render as "symbol [module]" and as their label.
 */
export function formatStackLine(frame: Frame): string {
  if (frame.kind === 'native') return formatNativeFrame(frame);
  if (!isJavaScriptFrame(frame)) return frame.function;
  const prefix = `${frame.kind === 'async' ? 'async ' : ''}${frame.isConstructor ? 'new ' : ''}`;
  const location = formatLocation(frame);
  if (location === undefined) return `${prefix}${frame.function}`;
  // V8 omits the name of anonymous functions, except after "new" where it prints "new <anonymous> (...)".
  if (frame.function === ANONYMOUS && !frame.isConstructor) return `${prefix}${location}`;
  return `${prefix}${frame.function} (${location})`;
}

function formatLocation(frame: Frame): string | undefined {
  let position = frame.file;
  if (position !== undefined && frame.line !== undefined) {
    position += `:${frame.line}`;
    if (frame.column !== undefined) position += `:${frame.column}`;
  }
  if (frame.evalOrigin === undefined) return position;
  return position === undefined ? frame.evalOrigin : `${frame.evalOrigin}, ${position}`;
}

function formatNativeFrame(frame: Frame): string {
  const parts = [frame.pc, frame.function, frame.module === undefined ? undefined : `[${frame.module}]`];
  return parts.filter((p) => p !== undefined && p !== '').join(' ');
}
