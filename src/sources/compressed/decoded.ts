// What every decoder yields, and the one way each says its input stops before the data does.

import type { ByteSource } from '../../engine/bytes/byteSource';
import { DumpError } from '../../engine/dumpError';

export interface Decoded {
  bytes: Uint8Array;
  /** Compressed bytes consumed so far. */
  consumed: number;
}

/** The one way every decoder says its input stops before the data does. */
export function endsEarly(source: ByteSource, format: string): DumpError {
  return new DumpError(source.name, `the ${format} data ends early: the file is truncated`, source.size, source.size);
}

/** Failures a decoder passes on as they are: a read's own DumpError, a cancel. The rest it explains. */
export function isPassedOn(error: unknown): error is Error {
  return error instanceof DumpError || (error instanceof Error && error.name === 'AbortError');
}

export type Decoder = (source: ByteSource, signal?: AbortSignal) => AsyncGenerator<Decoded>;
