// One ELF file (executable, shared object, separate debug file or core) read lazily through a
// PagedReader: the headers are decoded at open, every section or note only when asked for, and
// every count and offset is checked against the file before it is used.

import { inflateSync } from 'zlib';
import { DumpError } from '../dumpError';
import { ByteCursor, stringAt } from './byteCursor';
import { CHDR_SIZE, EHDR_SIZE, ELFCOMPRESS_ZLIB, ELFCOMPRESS_ZSTD, PHDR_SIZE, PN_XNUM, PT_NOTE, SHDR_SIZE, SHF_COMPRESSED, SHN_XINDEX, SHT_NOBITS, SHT_NOTE } from './elfConstants';
import { type ElfHeader, type ProgramHeader, parseElfHeader, parseProgramHeader, parseSectionHeader, type SectionHeader } from './elfHeaders';
import { buildIdOf, type ElfNote, parseNotes } from './elfNotes';
import type { PagedReader } from './pagedReader';

/** Caps on what a header may claim, so a crafted count cannot make us allocate gigabytes. */
const MAX_PROGRAM_HEADERS = 4_000_000;
const MAX_SECTIONS = 1_000_000;
/** Decompressed DWARF sections larger than this are refused rather than inflated. */
const MAX_INFLATED = 1024 * 1024 * 1024;

export class ElfFile {
  private readonly sectionData = new Map<SectionHeader, Promise<Uint8Array>>();
  private notesCache: Promise<ElfNote[]> | undefined;

  private constructor(
    readonly reader: PagedReader,
    readonly header: ElfHeader,
    readonly programHeaders: ProgramHeader[],
    readonly sections: SectionHeader[],
  ) {}

  get name(): string {
    return this.reader.name;
  }

  static async open(reader: PagedReader): Promise<ElfFile> {
    const head = await reader.readExact(0, EHDR_SIZE, 'ELF header');
    const header = parseElfHeader(new ByteCursor(head, reader.name, 'ELF header', 0));
    // Extended numbering (gABI): counts that do not fit 16 bits live in section header 0.
    const extended = (header.shoff !== 0 && header.shnum === 0) || header.phnum === PN_XNUM || header.shstrndx === SHN_XINDEX;
    const first = extended ? await readSectionZero(reader, header) : undefined;
    const phnum = header.phnum === PN_XNUM ? (first?.info ?? 0) : header.phnum;
    const programHeaders = await readProgramHeaders(reader, header, phnum);
    const sections = await readSections(reader, header, first);
    return new ElfFile(reader, header, programHeaders, sections);
  }

  section(name: string): SectionHeader | undefined {
    return this.sections.find((s) => s.name === name);
  }

  /** The section's bytes, decompressed when SHF_COMPRESSED; read once and kept. */
  data(section: SectionHeader): Promise<Uint8Array> {
    let cached = this.sectionData.get(section);
    if (cached === undefined) {
      cached = this.loadSection(section);
      this.sectionData.set(section, cached);
    }
    return cached;
  }

  /** Notes from PT_NOTE segments (cores, executables) or, failing those, SHT_NOTE sections. */
  notes(): Promise<ElfNote[]> {
    this.notesCache ??= this.loadNotes();
    return this.notesCache;
  }

  async buildId(): Promise<string | undefined> {
    return buildIdOf(await this.notes());
  }

  private async loadSection(section: SectionHeader): Promise<Uint8Array> {
    if (section.type === SHT_NOBITS) throw new DumpError(this.name, `section ${section.name} has no bytes in the file (NOBITS)`);
    const raw = await this.reader.readExact(section.offset, section.size, `section ${section.name}`);
    if ((section.flags & SHF_COMPRESSED) === 0) return raw;
    const c = new ByteCursor(raw, this.name, `compressed section ${section.name}`, section.offset);
    const type = c.u32();
    c.skip(4);
    const size = c.u64n();
    if (type === ELFCOMPRESS_ZSTD) c.fail('is compressed with zstd, which Salvage cannot decompress yet', 0);
    if (type !== ELFCOMPRESS_ZLIB) c.fail(`unknown compression type ${type}`, 0);
    if (size > MAX_INFLATED) c.fail(`claims ${size} bytes once decompressed, more than the ${MAX_INFLATED} allowed`, 8);
    try {
      const out = inflateSync(raw.subarray(CHDR_SIZE), { maxOutputLength: Math.max(size, 1) });
      if (out.length !== size) c.fail(`decompressed to ${out.length} bytes, the header says ${size}`, 8);
      return new Uint8Array(out.buffer, out.byteOffset, out.length);
    } catch (error) {
      if (error instanceof DumpError) throw error;
      return c.fail(`does not decompress: ${(error as Error).message}`, CHDR_SIZE);
    }
  }

  private async loadNotes(): Promise<ElfNote[]> {
    const segments = this.programHeaders.filter((p) => p.type === PT_NOTE);
    const ranges = segments.length > 0 ? segments.map((p) => ({ offset: p.offset, size: p.filesz, align: p.align })) : this.sections.filter((s) => s.type === SHT_NOTE).map((s) => ({ offset: s.offset, size: s.size, align: 4 }));
    const notes: ElfNote[] = [];
    for (const range of ranges) {
      const bytes = await this.reader.readExact(range.offset, range.size, 'note segment');
      notes.push(...parseNotes(bytes, this.name, range.offset, range.align));
    }
    return notes;
  }
}

async function readSectionZero(reader: PagedReader, header: ElfHeader): Promise<SectionHeader | undefined> {
  if (header.shoff === 0) return undefined;
  const bytes = await reader.readExact(header.shoff, SHDR_SIZE, 'section header 0');
  return parseSectionHeader(new ByteCursor(bytes, reader.name, 'section header 0', header.shoff));
}

async function readProgramHeaders(reader: PagedReader, header: ElfHeader, count: number): Promise<ProgramHeader[]> {
  if (count === 0) return [];
  if (header.phentsize !== PHDR_SIZE) throw new DumpError(reader.name, `program header size is ${header.phentsize}, expected ${PHDR_SIZE}`, 54);
  if (count > MAX_PROGRAM_HEADERS) throw new DumpError(reader.name, `claims ${count} program headers`, 56);
  const bytes = await reader.readExact(header.phoff, count * PHDR_SIZE, `${count} program headers`);
  const c = new ByteCursor(bytes, reader.name, 'program headers', header.phoff);
  return Array.from({ length: count }, () => parseProgramHeader(c));
}

async function readSections(reader: PagedReader, header: ElfHeader, first: SectionHeader | undefined): Promise<SectionHeader[]> {
  const count = header.shnum === 0 ? (first?.size ?? 0) : header.shnum;
  if (header.shoff === 0 || count === 0) return [];
  if (header.shentsize !== SHDR_SIZE) throw new DumpError(reader.name, `section header size is ${header.shentsize}, expected ${SHDR_SIZE}`, 58);
  if (count > MAX_SECTIONS) throw new DumpError(reader.name, `claims ${count} sections`, 60);
  const bytes = await reader.readExact(header.shoff, count * SHDR_SIZE, `${count} section headers`);
  const c = new ByteCursor(bytes, reader.name, 'section headers', header.shoff);
  const sections = Array.from({ length: count }, () => parseSectionHeader(c));
  const nameIndex = header.shstrndx === SHN_XINDEX ? (first?.link ?? 0) : header.shstrndx;
  const names = sections[nameIndex];
  if (nameIndex === 0 || names === undefined || names.type === SHT_NOBITS) return sections;
  const table = await reader.readExact(names.offset, names.size, 'section name table');
  for (const s of sections) s.name = stringAt(table, s.nameOffset) ?? '';
  return sections;
}
