// Text rendering of frames for the terminal, in the shape Node prints stacks. A source-mapped
// frame shows the position in the code the user wrote first and the generated JavaScript after it.

import * as path from 'path';
import { type Frame, isJavaScriptFrame } from '../engine/crash';
import { atOriginalPosition } from '../engine/frameText';
import { formatStackLine } from '../engine/report/stackLine';

/** Paths under the current directory are shown relative to it, as a terminal user expects. */
function shortPath(file: string): string {
  if (!path.isAbsolute(file)) return file;
  const rel = path.relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
}

export function renderFrame(frame: Frame): string {
  if (frame.kind === 'marker') return `  ── ${frame.function} ──`;
  if (frame.original === undefined) return `    ${isJavaScriptFrame(frame) ? 'at ' : ''}${formatStackLine(frame)}`;
  const mapped = atOriginalPosition(frame);
  const text = formatStackLine({ ...mapped, file: shortPath(mapped.file ?? '') });
  return `    at ${text}  ← ${shortPath(frame.file ?? '')}:${frame.line ?? '?'}:${frame.column ?? '?'}`;
}
