// Synthesises tar bytes for the hostile-archive tests: headers written field by field from the
// POSIX ustar layout, with every field overridable so a test can break exactly one thing.

export interface HeaderFields {
  name?: string;
  mode?: string;
  size?: number | Uint8Array;
  mtime?: number;
  type?: string;
  linkName?: string;
  magic?: string;
  prefix?: string;
  /** Replaces the computed checksum field (8 bytes, as text). */
  checksum?: string;
}

function put(block: Buffer, offset: number, length: number, value: string | Uint8Array): void {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value);
  if (bytes.length > length) throw new Error(`field at ${offset} too long`);
  bytes.copy(block, offset);
}

export function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

export function header(fields: HeaderFields): Buffer {
  const block = Buffer.alloc(512);
  put(block, 0, 100, fields.name ?? 'core');
  put(block, 100, 8, fields.mode ?? octal(0o600, 8));
  put(block, 108, 8, octal(0, 8));
  put(block, 116, 8, octal(0, 8));
  const size = fields.size ?? 0;
  put(block, 124, 12, typeof size === 'number' ? octal(size, 12) : size);
  put(block, 136, 12, octal(fields.mtime ?? 1_700_000_000, 12));
  put(block, 156, 1, fields.type ?? '0');
  put(block, 157, 100, fields.linkName ?? '');
  put(block, 257, 8, fields.magic ?? 'ustar\u000000');
  put(block, 345, 155, fields.prefix ?? '');
  if (fields.checksum !== undefined) {
    put(block, 148, 8, fields.checksum);
  } else {
    block.fill(0x20, 148, 156);
    let sum = 0;
    for (const b of block) sum += b;
    put(block, 148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  }
  return block;
}

export function padded(content: Uint8Array): Buffer {
  const pad = (512 - (content.length % 512)) % 512;
  return Buffer.concat([Buffer.from(content), Buffer.alloc(pad)]);
}

/** A header plus its content, padded to whole blocks. */
export function entry(fields: HeaderFields, content: Uint8Array = new Uint8Array(0)): Buffer {
  return Buffer.concat([header({ size: content.length, ...fields }), padded(content)]);
}

/** A pax extended header ('x') holding `records` (key → value), with correct record lengths. */
export function paxHeader(records: Record<string, string>, type = 'x'): Buffer {
  const body = Object.entries(records)
    .map(([k, v]) => {
      const rest = ` ${k}=${v}\n`;
      let length = Buffer.byteLength(rest) + 1;
      while (String(length).length + Buffer.byteLength(rest) !== length) length = String(length).length + Buffer.byteLength(rest);
      return `${length}${rest}`;
    })
    .join('');
  return entry({ name: 'PaxHeaders/core', type }, Buffer.from(body));
}

export function gnuLongName(name: string, type = 'L'): Buffer {
  return entry({ name: '././@LongLink', type, magic: 'ustar  \0' }, Buffer.from(`${name}\0`));
}

export const END = Buffer.alloc(1024);

export function archive(...parts: Buffer[]): Buffer {
  return Buffer.concat([...parts, END]);
}

/** Yields `bytes` in chunks of `size` (1 exercises every state boundary). */
export async function* chunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}
