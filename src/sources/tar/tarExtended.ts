// Extended headers that change the entry after them: pax records (POSIX.1-2001 "pax Extended
// Header": `LENGTH KEY=VALUE\n`, LENGTH counting the whole record) and GNU long names ('L'/'K':
// the name itself, NUL-terminated). Only the keys that decide where and how big an entry is are
// kept; the rest (times, owners, xattrs) do not matter to a read-only copy.

import { HeaderProblem } from './tarHeader';

export interface EntryOverrides {
  path?: string;
  linkPath?: string;
  size?: number;
}

/** Decimal size as pax writes it: digits only, no sign, exact. */
function paxSize(value: string): number {
  if (!/^\d{1,16}$/.test(value)) throw new HeaderProblem(`pax size is not a number: ${JSON.stringify(value)}`);
  const size = Number(value);
  if (!Number.isSafeInteger(size)) throw new HeaderProblem('pax size is too large');
  return size;
}

/** Applies the records of one pax extended header to `into`. */
export function applyPaxRecords(body: Uint8Array, into: EntryOverrides): void {
  let pos = 0;
  while (pos < body.length) {
    // Writers may pad the body with NULs after the last record.
    if (body[pos] === 0 && body.subarray(pos).every((b) => b === 0)) return;
    const space = body.indexOf(0x20, pos);
    const digits = space < 0 ? '' : Buffer.from(body.subarray(pos, space)).toString('latin1');
    if (!/^[1-9]\d{0,8}$/.test(digits)) throw new HeaderProblem(`pax record at byte ${pos} has no valid length`);
    const length = Number(digits);
    const end = pos + length;
    if (end > body.length || end <= space + 1 || body[end - 1] !== 0x0a) throw new HeaderProblem(`pax record at byte ${pos} claims ${length} bytes, which do not end where it says`);
    const record = Buffer.from(body.subarray(space + 1, end - 1)).toString('utf8');
    const eq = record.indexOf('=');
    if (eq <= 0) throw new HeaderProblem(`pax record at byte ${pos} has no key`);
    applyRecord(record.slice(0, eq), record.slice(eq + 1), into);
    pos = end;
  }
}

function applyRecord(key: string, value: string, into: EntryOverrides): void {
  if (key === 'path') into.path = value;
  else if (key === 'linkpath') into.linkPath = value;
  else if (key === 'size') into.size = paxSize(value);
  // Sparse files would need the map to reconstruct the content: refused, not copied wrongly.
  else if (key.startsWith('GNU.sparse.')) throw new HeaderProblem('sparse files are not supported');
}

/** The name in a GNU 'L'/'K' body: everything before the first NUL. */
export function gnuLongName(body: Uint8Array): string {
  const end = body.indexOf(0);
  return Buffer.from(end < 0 ? body : body.subarray(0, end)).toString('utf8');
}
