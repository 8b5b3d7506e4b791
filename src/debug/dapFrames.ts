// How Salvage's frames look in VS Code's Call Stack: source-mapped JS frames open the file the
// user wrote; Node internals and native frames are de-emphasised; markers become labels that
// separate JavaScript from native code.

import type { DebugProtocol } from '@vscode/debugprotocol';
import * as path from 'path';
import { type Frame, isJavaScriptFrame } from '../engine/crash';
import { fileUrlToPathOrSelf } from '../engine/sourcemap/pathOverrides';

/** Gives a script whose text only the dump holds a DAP sourceReference (undefined: a local file will do). */
export type SourceReferenceOf = (file: string) => number | undefined;

function sourceOf(frame: Frame, references?: SourceReferenceOf): DebugProtocol.Source | undefined {
  if (frame.original !== undefined) return { name: path.basename(frame.original.file), path: frame.original.file };
  if (frame.file === undefined || frame.line === undefined) return undefined;
  const reference = isJavaScriptFrame(frame) ? references?.(frame.file) : undefined;
  if (reference !== undefined) {
    return { name: path.basename(frame.file), sourceReference: reference, origin: 'from the dump', presentationHint: frame.isInternal ? 'deemphasize' : undefined };
  }
  if (frame.isInternal) return { name: frame.file, origin: 'internal', presentationHint: 'deemphasize' };
  const file = fileUrlToPathOrSelf(frame.file);
  return { name: path.basename(file), path: file };
}

function frameName(frame: Frame): string {
  const prefix = `${frame.kind === 'async' ? 'async ' : ''}${frame.isConstructor ? 'new ' : ''}`;
  if (frame.kind === 'native' || frame.kind === 'v8') return frame.module === undefined ? frame.function : `${frame.function} [${path.basename(frame.module)}]`;
  return prefix + frame.function;
}

export function toStackFrame(id: number, frame: Frame, references?: SourceReferenceOf): DebugProtocol.StackFrame {
  const position = frame.original ?? frame;
  const source = sourceOf(frame, references);
  const stackFrame: DebugProtocol.StackFrame = {
    id,
    name: frameName(frame),
    source,
    line: source === undefined ? 0 : (position.line ?? 0),
    column: source === undefined ? 0 : (position.column ?? 0),
  };
  if (frame.kind === 'marker') stackFrame.presentationHint = 'label';
  // A frame that could not be decoded stays in plain sight: a JavaScript frame may be missing there.
  else if (frame.undecoded === undefined && (frame.isInternal || frame.kind === 'native' || frame.kind === 'v8')) stackFrame.presentationHint = 'subtle';
  if (frame.pc !== undefined) stackFrame.instructionPointerReference = frame.pc;
  return stackFrame;
}
