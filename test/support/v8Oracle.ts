// Node's own account of the JS stack it died with — the oracle of the JS-frame tests. With
// --abort-on-uncaught-exception V8 prints the stack after a line `FROM` (Node 18 runs the frames
// together without newlines); for process.abort() Node 20+ prints it under "JavaScript stack
// trace" as `N: frame`. Node 18 prints no JS stack on abort, so its fixtures print `new
// Error().stack` on the line of the abort call (prefixed `ORACLE `), which gives every frame except
// the top one's column — taken from the call's place in the fixture's source instead: V8 places a
// member call at its property name (`abort` of `process.abort()`), as Node 20+ print for the same line.

import * as fs from 'fs';

/** The frame lines of the stack Node printed on stderr, innermost first; [] when it printed none. */
export function oracleFrames(stderr: string): string[] {
  const lines = stderr.split('\n');
  const from = lines.indexOf('FROM');
  if (from >= 0) return splitFrames(lines.slice(from + 1).join('\n'));
  const js = lines.findIndex((l) => l.includes('JavaScript stack trace'));
  if (js >= 0) {
    return lines
      .slice(js + 1)
      .map((l) => /^\s*\d+: (.*)$/.exec(l)?.[1])
      .filter((l): l is string => l !== undefined);
  }
  return [];
}

/**
 * The stack a fixture printed with `ORACLE ${new Error().stack}` before process.abort() on the same
 * line, with the top frame's column moved to the `process.abort` call (where the frame really is).
 */
export function printedErrorFrames(stderr: string, script: string): string[] {
  const start = stderr.indexOf('ORACLE ');
  if (start < 0) return [];
  const frames = stderr
    .slice(start)
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .map((l) => l.trim().slice(3));
  if (frames.length === 0) return frames;
  const match = /^(.*):(\d+):(\d+)(\)?)$/.exec(frames[0]);
  if (match === null) return frames;
  const sourceLine = fs.readFileSync(script, 'utf8').split('\n')[Number(match[2]) - 1] ?? '';
  const column = sourceLine.indexOf('process.abort') + 'process.'.length + 1;
  frames[0] = `${match[1]}:${match[2]}:${column}${match[4]}`;
  return frames;
}

/**
 * Splits V8's `FROM` block into frames. Node 18 prints them without separators
 * ("inner (/a.js:4:3)/a.js:7:28Array.map (<anonymous>)"), so a frame ends at a ")" that closes
 * its top-level parenthesis, or at ":line:col" outside parentheses followed by anything but a digit.
 */
export function splitFrames(text: string): string[] {
  const frames: string[] = [];
  for (const line of text.split('\n')) {
    let depth = 0;
    let start = 0;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (c === '(') depth++;
      else if (c === ')') {
        depth--;
        if (depth === 0) {
          frames.push(line.slice(start, i + 1).trim());
          start = i + 1;
        }
      } else if (depth === 0 && /\d/.test(c) && !/\d/.test(line[i + 1] ?? '') && /:\d+:\d+$/.test(line.slice(start, i + 1)) && line[i + 1] !== ' ') {
        frames.push(line.slice(start, i + 1).trim());
        start = i + 1;
      }
    }
    const rest = line.slice(start).trim();
    if (rest !== '') frames.push(rest);
  }
  return frames;
}
