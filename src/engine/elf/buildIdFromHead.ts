// The GNU build-id of an ELF file from its first bytes alone: enough to tell whether a binary in a
// container is one already cached, from a short read of its archive stream, before downloading it.

import { ByteCursor } from './byteCursor';
import { PHDR_SIZE, PT_NOTE } from './elfConstants';
import { parseElfHeader, parseProgramHeader } from './elfHeaders';
import { buildIdOf, parseNotes } from './elfNotes';

/** Program headers looked at, at most: real binaries have about a dozen. */
const MAX_PHDRS = 256;

/** The GNU build-id from the first bytes of an ELF file, when its note lies within them. */
export function buildIdFromHead(head: Uint8Array, name: string): string | undefined {
  const header = parseElfHeader(new ByteCursor(head, name, 'ELF header', 0));
  for (let i = 0; i < Math.min(header.phnum, MAX_PHDRS); i++) {
    const at = header.phoff + i * PHDR_SIZE;
    if (at + PHDR_SIZE > head.length) return undefined;
    const ph = parseProgramHeader(new ByteCursor(head.subarray(at, at + PHDR_SIZE), name, 'program header', at));
    if (ph.type !== PT_NOTE) continue;
    if (ph.offset + ph.filesz > head.length) return undefined;
    const id = buildIdOf(parseNotes(head.subarray(ph.offset, ph.offset + ph.filesz), name, ph.offset, ph.align));
    if (id !== undefined) return id;
  }
  return undefined;
}
