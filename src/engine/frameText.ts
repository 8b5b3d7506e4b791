// Frames as text, at the position the user wrote when a source map resolved one. Shared by the
// CLI's output and the debug session's exception details, so both print the same stack.

import { type Frame, isJavaScriptFrame } from './crash';
import { formatStackLine } from './report/stackLine';

/** The frame moved to its source-mapped position (unchanged when it has none). */
export function atOriginalPosition(frame: Frame): Frame {
  const o = frame.original;
  return o === undefined ? frame : { ...frame, file: o.file, line: o.line, column: o.column, evalOrigin: undefined };
}

/** A stack as Node prints it — first line, then `    at …` — with JS frames at their original positions. */
export function stackText(firstLine: string, frames: readonly Frame[]): string {
  const lines = frames.filter(isJavaScriptFrame).map((f) => `    at ${formatStackLine(atOriginalPosition(f))}`);
  return [firstLine, ...lines].join('\n');
}
