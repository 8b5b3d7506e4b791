// zstd, systemd-coredump's default. Node's own zlib decodes it natively from Node 22.15 (the
// extension host of current VS Code, Electron 37+, has it); older Nodes — the CLI on Node 18/20, a
// code-server on Node 20 — use fzstd, a dependency-free pure-JS streaming decoder (MIT), about 2.5
// times slower than zlib on a real core (bench/decompress). No native addon: an extension must
// install on every platform without a compiler.

import { Readable, pipeline, type Transform } from 'stream';
import * as zlib from 'zlib';
import { Decompress } from 'fzstd';
import type { ByteSource } from '../../engine/bytes/byteSource';
import { DumpError } from '../../engine/dumpError';
import { errorMessage } from '../../engine/errorMessage';
import { type Decoded, endsEarly, isPassedOn } from './decoded';
import { inputChunks } from './inputChunks';

const nativeZstd = (zlib as unknown as { createZstdDecompress?: (options: { chunkSize: number }) => Transform }).createZstdDecompress;
/** zlib's default output chunk (16 KiB) makes decoding a core twice as slow as 1 MiB chunks do. */
const OUTPUT_CHUNK = 1024 * 1024;

function failure(source: ByteSource, consumed: number, error: unknown, endOfInput: boolean): Error {
  if (isPassedOn(error)) return error;
  if (endOfInput) return endsEarly(source, 'zstd');
  return new DumpError(source.name, `corrupt zstd data (${errorMessage(error)})`, consumed);
}

export async function* decodeZstd(source: ByteSource, signal?: AbortSignal): AsyncGenerator<Decoded> {
  yield* nativeZstd === undefined ? decodePortably(source, signal) : decodeNatively(source, nativeZstd({ chunkSize: OUTPUT_CHUNK }), signal);
}

async function* decodeNatively(source: ByteSource, decompressor: Transform, signal?: AbortSignal): AsyncGenerator<Decoded> {
  let consumed = 0;
  let ended = false;
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const { bytes, end } of inputChunks(source, signal)) {
      consumed = end;
      yield bytes;
    }
    ended = true;
  }
  // pipeline, not pipe: a failed read must end the decompressor with that error, not leave it waiting.
  const output = pipeline(Readable.from(counted()), decompressor, () => undefined);
  try {
    for await (const bytes of output as AsyncIterable<Buffer>) yield { bytes, consumed };
  } catch (error) {
    // zlib says Z_BUF_ERROR "unexpected end of file" when the input stops inside a frame.
    throw failure(source, consumed, error, ended && (error as { code?: string }).code === 'Z_BUF_ERROR');
  }
}

async function* decodePortably(source: ByteSource, signal?: AbortSignal): AsyncGenerator<Decoded> {
  const decoded: Uint8Array[] = [];
  const decoder = new Decompress((bytes) => decoded.push(bytes));
  let consumed = 0;
  for await (const { bytes, end } of inputChunks(source, signal)) {
    consumed = end;
    try {
      decoder.push(bytes);
    } catch (error) {
      throw failure(source, consumed, error, false);
    }
    for (const bytes of decoded.splice(0)) yield { bytes, consumed };
  }
  try {
    decoder.push(new Uint8Array(0), true);
  } catch (error) {
    // fzstd says "unexpected EOF" when the input stops inside a frame.
    throw failure(source, consumed, error, errorMessage(error).includes('EOF'));
  }
  for (const bytes of decoded.splice(0)) yield { bytes, consumed };
}
