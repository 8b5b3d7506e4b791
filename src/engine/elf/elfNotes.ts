// ELF notes (gABI "Note Section"): a sequence of (namesz, descsz, type, name, desc) records, each
// part padded to the note's alignment. Cores keep their process facts in notes; binaries keep their
// build-id in one.

import { ByteCursor, decodeUtf8 } from './byteCursor';
import { NT_GNU_BUILD_ID } from './elfConstants';

export interface ElfNote {
  /** Owner: "CORE", "LINUX", "GNU". */
  name: string;
  type: number;
  desc: Uint8Array;
  /** File offset of `desc`, for errors about its content. */
  descOffset: number;
}

/** Upper bound on notes in one segment; a crafted count cannot make a loop run forever. */
export const MAX_NOTES = 1_000_000;

function align(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}

/**
 * Decodes every note in `bytes`. `alignment` is the segment's p_align when it is 8 (GNU property
 * notes) and 4 otherwise, as in the gABI. A truncated record is a DumpError at its offset.
 */
export function parseNotes(bytes: Uint8Array, file: string, fileOffset: number, alignment = 4): ElfNote[] {
  const step = alignment === 8 ? 8 : 4;
  const c = new ByteCursor(bytes, file, 'note', fileOffset);
  const notes: ElfNote[] = [];
  while (c.remaining >= 12) {
    if (notes.length >= MAX_NOTES) c.fail(`more than ${MAX_NOTES} notes`);
    const namesz = c.u32();
    const descsz = c.u32();
    const type = c.u32();
    // Padding aligns positions within the segment (binutils' ELF_NOTE_DESC_OFFSET), not sizes:
    // with 8-byte notes the 12-byte header plus a 4-byte name already ends aligned.
    const nameBytes = c.take(namesz);
    c.seek(Math.min(align(c.pos, step), c.length));
    const descStart = c.pos;
    const desc = c.take(descsz);
    c.seek(Math.min(align(c.pos, step), c.length));
    const end = nameBytes.indexOf(0);
    notes.push({ name: decodeUtf8(end < 0 ? nameBytes : nameBytes.subarray(0, end)), type, desc, descOffset: fileOffset + descStart });
  }
  return notes;
}

/** The GNU build-id of a set of notes as lowercase hex, when one is present. */
export function buildIdOf(notes: ElfNote[]): string | undefined {
  const note = notes.find((n) => n.name === 'GNU' && n.type === NT_GNU_BUILD_ID && n.desc.length > 0);
  return note === undefined ? undefined : Buffer.from(note.desc).toString('hex');
}
