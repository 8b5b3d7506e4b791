// Damaged copies of real cores for the bad-input tests. Where things are in the core is found with
// binutils' readelf (program headers) and a few lines of note walking written here, independent of
// the engine's parser, so a test never damages a core by the engine's own idea of its layout.

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { makeTempDir } from './crashNode';

export interface Segment {
  type: string;
  offset: number;
  fileSize: number;
  headerOffset: number;
}

/** Program headers as readelf lists them, with the file offset of each header entry. */
export function segments(core: string): Segment[] {
  const out = spawnSync('readelf', ['-lW', core], { encoding: 'utf8' }).stdout;
  const phoff = Number(/starting at offset (\d+)/.exec(out)?.[1] ?? NaN);
  const rows = [...out.matchAll(/^\s+([A-Z_]+)\s+(0x[0-9a-f]+)\s+0x[0-9a-f]+\s+0x[0-9a-f]+\s+(0x[0-9a-f]+)/gm)];
  return rows.map((m, i) => ({ type: m[1], offset: Number(m[2]), fileSize: Number(m[3]), headerOffset: phoff + i * 56 }));
}

export interface NoteAt {
  name: string;
  type: number;
  /** File offsets of the note's header and of its descriptor. */
  offset: number;
  descOffset: number;
  descSize: number;
}

/** The notes of the core's PT_NOTE segment (4-byte aligned, as Linux writes them). */
export function notes(core: string): NoteAt[] {
  const note = segments(core).find((s) => s.type === 'NOTE');
  if (note === undefined) throw new Error(`readelf shows no NOTE segment in ${core}`);
  const bytes = Buffer.alloc(note.fileSize);
  const fd = fs.openSync(core, 'r');
  fs.readSync(fd, bytes, 0, note.fileSize, note.offset);
  fs.closeSync(fd);
  const found: NoteAt[] = [];
  for (let at = 0; at + 12 <= bytes.length;) {
    const namesz = bytes.readUInt32LE(at);
    const descsz = bytes.readUInt32LE(at + 4);
    const type = bytes.readUInt32LE(at + 8);
    const name = bytes
      .subarray(at + 12, at + 12 + namesz)
      .toString('latin1')
      .replace(/\0.*$/, '');
    const desc = at + 12 + Math.ceil(namesz / 4) * 4;
    found.push({ name, type, offset: note.offset + at, descOffset: note.offset + desc, descSize: descsz });
    at = desc + Math.ceil(descsz / 4) * 4;
  }
  return found;
}

const copies: string[] = [];

/** A copy of `core` in a fresh folder with `edit` applied to its bytes (read whole: test cores are small). */
export function damagedCopy(core: string, edit: (bytes: Buffer) => Buffer | void): string {
  const bytes = fs.readFileSync(core);
  const result = edit(bytes) ?? bytes;
  const dir = makeTempDir('salvage-damaged-');
  copies.push(dir);
  const file = path.join(dir, 'core');
  fs.writeFileSync(file, result);
  return file;
}

/** Deletes every damaged copy made so far (each is as big as the core it came from). */
export function removeDamagedCopies(): void {
  for (const dir of copies.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export const NT_PRSTATUS = 1;
export const NT_FILE = 0x46494c45;
/** user_regs_struct slots inside NT_PRSTATUS (after its 112-byte header). */
export const REG_OFFSETS = { rbp: 112 + 4 * 8, rip: 112 + 16 * 8, rsp: 112 + 19 * 8 };
