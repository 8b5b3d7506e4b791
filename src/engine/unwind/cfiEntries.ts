// Call frame information entries (DWARF 5 §6.4.1; LSB §10.6 for .eh_frame's differences): a CIE
// holds what many functions share (alignment factors, the return-address column, initial
// instructions), an FDE a pc range and its own instructions. Entries are read one at a time from
// the file through its page cache, never the whole section.

import { DumpError } from '../dumpError';
import { ByteCursor } from '../elf/byteCursor';
import type { ElfFile } from '../elf/elfFile';
import { DW_EH_PE_omit, readEncoded, readRange } from './ehPointer';

export type CfiKind = 'eh_frame' | 'debug_frame';

/** Where one CFI section is, in the file and in the file's address space. */
export interface CfiSection {
  elf: ElfFile;
  kind: CfiKind;
  offset: number;
  size: number;
  /** Link-time address of the section (pcrel pointers are relative to it); 0 for .debug_frame. */
  address: number;
}

export interface Cie {
  codeAlign: number;
  dataAlign: number;
  returnRegister: number;
  fdeEncoding: number;
  /** 'S' augmentation: frames of this CIE are signal trampolines (their pc is not a return address). */
  signalFrame: boolean;
  hasAugmentationData: boolean;
  instructions: ByteCursor;
}

export interface Fde {
  cie: Cie;
  pcBegin: number;
  pcEnd: number;
  instructions: ByteCursor;
}

/** Longest CFI entry read; real ones are a few hundred bytes. */
const MAX_ENTRY = 1024 * 1024;
const DW_EH_PE_absptr = 0;

interface RawEntry {
  /** Cursor positioned after the CIE id / CIE pointer field. */
  c: ByteCursor;
  isCie: boolean;
  /** Section offset of the CIE this FDE refers to. */
  ciePointer: number;
}

async function readEntry(s: CfiSection, offset: number): Promise<RawEntry | undefined> {
  const name = `.${s.kind}`;
  if (offset < 0 || offset + 4 > s.size) throw cfiError(s, offset, `entry offset ${offset} is outside the section (${s.size} bytes)`);
  const head = new ByteCursor(await s.elf.reader.readExact(s.offset + offset, Math.min(12, s.size - offset), name), s.elf.name, name, s.offset + offset);
  let length = head.u32();
  if (length === 0) return undefined;
  if (length === 0xffffffff) length = head.u64n();
  const start = head.pos;
  if (length > MAX_ENTRY || offset + start + length > s.size) head.fail(`entry of ${length} bytes runs past the section end`, 0);
  const bytes = await s.elf.reader.readExact(s.offset + offset, start + length, name);
  const c = new ByteCursor(bytes, s.elf.name, name, s.offset + offset).seek(start);
  const idAt = c.pos;
  const id = start === 12 ? c.u64() : BigInt(c.u32());
  // A CIE is marked by id 0 in .eh_frame and by all-ones in .debug_frame.
  const isCie = s.kind === 'eh_frame' ? id === 0n : id === (start === 12 ? 0xffffffffffffffffn : 0xffffffffn);
  // .eh_frame stores the distance back from this field to the CIE; .debug_frame a section offset.
  const ciePointer = s.kind === 'eh_frame' ? offset + idAt - Number(id) : Number(id);
  return { c, isCie, ciePointer };
}

function cfiError(s: CfiSection, offset: number, problem: string): DumpError {
  return new DumpError(s.elf.name, `.${s.kind}: ${problem}`, s.offset + offset);
}

export async function readCie(s: CfiSection, offset: number): Promise<Cie> {
  const entry = await readEntry(s, offset);
  if (entry === undefined || !entry.isCie) throw cfiError(s, offset, 'an FDE points here for its CIE, but there is none');
  const c = entry.c;
  const version = c.u8();
  if (version !== 1 && version !== 3 && version !== 4) c.fail(`CIE version ${version} is not supported`);
  const augmentation = c.cstring();
  if (version === 4) c.skip(2);
  const codeAlign = c.uleb();
  const dataAlign = c.sleb();
  const returnRegister = version === 1 ? c.u8() : c.uleb();
  const cie: Cie = { codeAlign, dataAlign, returnRegister, fdeEncoding: DW_EH_PE_absptr, signalFrame: false, hasAugmentationData: false, instructions: c };
  if (augmentation.startsWith('z')) readAugmentation(c, augmentation, cie, s.address + (c.fileOffset - s.offset));
  else if (augmentation !== '' && augmentation !== 'eh') c.fail(`unknown CIE augmentation "${augmentation}"`);
  cie.instructions = c.sub(c.remaining, `.${s.kind} CIE instructions`);
  return cie;
}

function readAugmentation(c: ByteCursor, augmentation: string, cie: Cie, sectionAddress: number): void {
  cie.hasAugmentationData = true;
  const length = c.uleb();
  const data = c.sub(length, c.what);
  for (const letter of augmentation.slice(1)) {
    if (letter === 'R') cie.fdeEncoding = data.u8();
    else if (letter === 'L') data.u8();
    else if (letter === 'S') cie.signalFrame = true;
    else if (letter === 'P') {
      const encoding = data.u8();
      if (encoding !== DW_EH_PE_omit) readEncoded(data, encoding, { section: sectionAddress + (data.fileOffset - c.fileOffset) });
    } else if (letter === 'B' || letter === 'G') continue;
    else break; // Unknown letters end what can be understood; the length above still skips the data.
  }
}

/**
 * Reads the FDE at `offset`, with its CIE (cached by the caller through `cieAt`). Returns
 * undefined at the section terminator and for CIEs met while scanning.
 */
export async function readFde(s: CfiSection, offset: number, cieAt: (offset: number) => Promise<Cie>): Promise<Fde | undefined> {
  const entry = await readEntry(s, offset);
  if (entry === undefined || entry.isCie) return undefined;
  const c = entry.c;
  const cie = await cieAt(entry.ciePointer);
  const base = { section: s.address + (c.fileOffset - s.offset) };
  const encoding = s.kind === 'eh_frame' ? cie.fdeEncoding : DW_EH_PE_absptr;
  const pcBegin = readEncoded(c, encoding, base);
  const pcEnd = pcBegin + readRange(c, encoding);
  if (cie.hasAugmentationData) c.skip(c.uleb());
  return { cie, pcBegin, pcEnd, instructions: c.sub(c.remaining, `.${s.kind} FDE instructions`) };
}

/** Size in bytes of the entry at `offset` including its length field; 0 at the terminator. */
export async function entrySize(s: CfiSection, offset: number): Promise<number> {
  const head = new ByteCursor(await s.elf.reader.readExact(s.offset + offset, Math.min(12, s.size - offset), `.${s.kind}`), s.elf.name, `.${s.kind}`, s.offset + offset);
  const length = head.u32();
  if (length === 0) return 0;
  return length === 0xffffffff ? 12 + head.u64n() : 4 + length;
}
