// Errors across the worker boundary: structured clone keeps neither a DumpError's class nor its
// parts, so they travel as fields and are rebuilt on the other side — a front end on the caller's
// thread still gets a DumpError to print as its one line, and an AbortError stays an AbortError.

import { DumpError } from '../../dumpError';
import type { WireError } from './workerProtocol';

export function toWire(error: unknown): WireError {
  if (error instanceof DumpError) return { name: 'DumpError', message: error.message, file: error.file, problem: error.problem, offset: error.offset };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

export function fromWire(wire: WireError): Error {
  if (wire.name === 'DumpError' && wire.file !== undefined && wire.problem !== undefined) return new DumpError(wire.file, wire.problem, wire.offset);
  if (wire.name === 'AbortError') return abortError();
  const error = new Error(wire.message);
  error.name = wire.name;
  return error;
}

/** The error a cancelled load rejects with, as AbortSignal.throwIfAborted() makes it. */
export function abortError(): Error {
  return new DOMException('The operation was aborted.', 'AbortError');
}
