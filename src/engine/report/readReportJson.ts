// Bytes of a report to a JSON value. Reports are small (tens of KiB), so unlike cores they are read
// whole, but through the ByteSource like every dump and with a cap, so a mislabelled multi-GB file
// cannot exhaust memory. Syntax errors become DumpErrors with the byte offset where V8 gave up: a
// truncated report (disk full, container killed mid-write) is the common case worth pointing at.

import { DumpError } from '../dumpError';
import type { ByteSource } from '../bytes/byteSource';
import { formatBytes } from '../format';

export const MAX_REPORT_BYTES = 256 * 1024 * 1024;
/** Read in pieces so range-cached sources (container archives) are not asked for one huge range. */
const READ_CHUNK_BYTES = 8 * 1024 * 1024;

export async function readReportJson(source: ByteSource): Promise<unknown> {
  if (source.size > MAX_REPORT_BYTES) {
    throw new DumpError(source.name, `report too large (${formatBytes(source.size)}; the limit is ${formatBytes(MAX_REPORT_BYTES)})`);
  }
  const bytes = await readAll(source);
  if (bytes.length === 0) throw new DumpError(source.name, 'empty file (0 bytes)');
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  // Not fatal on bad UTF-8: a report with one odd byte in an environment value is still worth showing.
  const text = new TextDecoder('utf-8').decode(bytes);
  const start = text.search(/\S/);
  if (start < 0) throw new DumpError(source.name, 'no content (only whitespace)');
  // Everything that is not an object is rejected before JSON.parse, whose messages for binary
  // garbage ("Unexpected token '\x01'") carry no position.
  if (text[start] !== '{') {
    throw new DumpError(source.name, 'not a Node.js diagnostic report (not a JSON object)', bom + utf8Length(text.slice(0, start)));
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    const index = errorIndex(error.message, text);
    const offset = index === undefined ? undefined : bom + utf8Length(text.slice(0, index));
    // JSON that stops at the file's last byte was cut short, whatever V8 calls the token it was in.
    if (offset !== undefined && offset >= bytes.length) throw new DumpError(source.name, 'the report ends early: the file is truncated', offset, bytes.length);
    throw new DumpError(source.name, `malformed JSON: ${describe(error.message)}`, offset);
  }
}

async function readAll(source: ByteSource): Promise<Uint8Array> {
  const bytes = new Uint8Array(source.size);
  let filled = 0;
  while (filled < bytes.length) {
    const chunk = await source.read(filled, Math.min(READ_CHUNK_BYTES, bytes.length - filled));
    // A file that shrank while we read is parsed as far as it goes; JSON.parse then says where it ends.
    if (chunk.length === 0) break;
    bytes.set(chunk, filled);
    filled += chunk.length;
  }
  return filled === bytes.length ? bytes : bytes.subarray(0, filled);
}

/**
 * The string index V8's message points at: "at position N" (V8 ≤ 11), "(line L column C)" (V8 12+),
 * or the end of the text for "Unexpected end of JSON input".
 */
function errorIndex(message: string, text: string): number | undefined {
  const position = /at position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return indexOfLineColumn(text, Number(lineColumn[1]), Number(lineColumn[2]));
  if (/Unexpected end of JSON input/.test(message)) return text.length;
  return undefined;
}

function indexOfLineColumn(text: string, line: number, column: number): number {
  let index = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', index);
    if (next < 0) break;
    index = next + 1;
  }
  return Math.min(text.length, index + column - 1);
}

/** V8's message without its position (we give a byte offset) and quoted snippet, control bytes escaped. */
function describe(message: string): string {
  const what = message
    .replace(/, ".*" is not valid JSON$/s, '')
    .replace(/ (in JSON )?at position \d+.*$/s, '')
    .replace(/ \(line \d+ column \d+\)$/, '');
  return what.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Byte length of `text` in UTF-8; exact unless the decoder had to replace invalid bytes. */
function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}
