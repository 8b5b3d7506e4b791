// Ubuntu's apport keeps a crash as one `.crash` file (/var/crash/_usr_bin_node.0.crash): an RFC 822
// style report, `Key: value` lines with continuation lines indented by a space, the text fields
// first and the binary ones last (problem_report.py, ProblemReport.write). Its core is the
// `CoreDump: base64` field: each continuation line the base64 of one chunk of a gzip stream
// (older apport wrote a bare zlib stream). So a .crash opens as one more compressed core: the
// field's lines decoded in order, inflated as they come, the file never read whole.

import { pipeline, Readable, type Transform } from 'stream';
import * as zlib from 'zlib';
import type { ByteSource } from '../../engine/bytes/byteSource';
import { DumpError } from '../../engine/dumpError';
import { errorMessage } from '../../engine/errorMessage';
import { type Decoded, endsEarly, isPassedOn } from './decoded';
import { inputChunks } from './inputChunks';

/** How every report apport writes begins (ProblemType is always its first field). */
export const APPORT_MAGIC = [...Buffer.from('ProblemType: ')];
const CORE_FIELD = 'CoreDump: base64';
/** apport writes one line per compressed chunk of at most 1 MiB input; a longer line is not apport's. */
const MAX_LINE = 64 * 1024 * 1024;
const OUTPUT_CHUNK = 1024 * 1024;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const GZIP_MAGIC = [0x1f, 0x8b];

interface Line {
  text: Buffer;
  /** Offset of its first byte in the file, and of the byte after its newline. */
  start: number;
  end: number;
}

/** The file's lines, in order, each without its newline. */
async function* linesOf(source: ByteSource, signal?: AbortSignal): AsyncGenerator<Line> {
  let pending: Buffer[] = [];
  let pendingLength = 0;
  let start = 0;
  for await (const { bytes, end } of inputChunks(source, signal)) {
    let chunk = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    let chunkStart = end - bytes.length;
    for (let newline = chunk.indexOf(0x0a); newline >= 0; newline = chunk.indexOf(0x0a)) {
      const text = pendingLength === 0 ? chunk.subarray(0, newline) : Buffer.concat([...pending, chunk.subarray(0, newline)]);
      yield { text, start, end: chunkStart + newline + 1 };
      start = chunkStart + newline + 1;
      chunk = chunk.subarray(newline + 1);
      chunkStart = start;
      pending = [];
      pendingLength = 0;
    }
    pending.push(chunk);
    pendingLength += chunk.length;
    if (pendingLength > MAX_LINE) throw new DumpError(source.name, `a line of over ${MAX_LINE} bytes: not an apport report`, start);
  }
  if (pendingLength > 0) yield { text: Buffer.concat(pending), start, end: source.size };
}

/** Progress of the inflater's input: how far into the file the payload read has come, and whether it ran out. */
interface PayloadReader {
  consumed: number;
  ended: boolean;
}

/** The CoreDump field's bytes, base64-decoded line by line: a gzip (or zlib) stream. */
async function* corePayload(source: ByteSource, reader: PayloadReader, signal?: AbortSignal): AsyncGenerator<Buffer> {
  let inField = false;
  for await (const line of linesOf(source, signal)) {
    reader.consumed = line.end;
    if (!inField) {
      inField = line.text.toString('latin1') === CORE_FIELD;
      continue;
    }
    if (line.text[0] !== 0x20) break;
    const text = line.text.subarray(1).toString('latin1');
    if (!BASE64.test(text)) throw new DumpError(source.name, 'the CoreDump field holds a line that is not base64', line.start);
    yield Buffer.from(text, 'base64');
  }
  if (!inField) throw new DumpError(source.name, 'the apport report holds no CoreDump field (apport leaves it out of reports of crashes with no core, or one over its size limit)', source.size);
  reader.ended = true;
}

/** The inflater the payload's first bytes call for: gzip as apport writes now, bare zlib as it once did. */
function inflaterFor(first: Buffer): Transform {
  return GZIP_MAGIC.every((b, i) => first[i] === b) ? zlib.createGunzip({ chunkSize: OUTPUT_CHUNK }) : zlib.createInflate({ chunkSize: OUTPUT_CHUNK });
}

export async function* decodeApportReport(source: ByteSource, signal?: AbortSignal): AsyncGenerator<Decoded> {
  const reader: PayloadReader = { consumed: 0, ended: false };
  const payload = corePayload(source, reader, signal);
  let first: IteratorResult<Buffer>;
  do first = await payload.next();
  while (first.done !== true && first.value.length === 0);
  if (first.done === true) throw endsEarly(source, 'apport CoreDump');
  async function* all(head: Buffer): AsyncGenerator<Buffer> {
    yield head;
    yield* payload;
  }
  const output = pipeline(Readable.from(all(first.value)), inflaterFor(first.value), () => undefined);
  try {
    for await (const bytes of output as AsyncIterable<Buffer>) yield { bytes, consumed: reader.consumed };
  } catch (error) {
    if (isPassedOn(error)) throw error;
    if (reader.ended && (error as { code?: string }).code === 'Z_BUF_ERROR') throw endsEarly(source, 'apport CoreDump');
    throw new DumpError(source.name, `corrupt CoreDump data in the apport report (${errorMessage(error)})`, reader.consumed);
  }
}
