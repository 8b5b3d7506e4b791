// A strict, streaming tar reader: a state machine fed chunks as they arrive from the Docker Engine's
// archive endpoint, that hands each entry's header and content to a visitor without buffering
// content. It never touches the file system; what may be written where is the visitor's policy.
// Universal rules, whatever the visitor: names are relative and never climb out (`..`), extended
// headers are bounded before anything is allocated, and an archive cut short is an error.

import { DumpError } from '../../engine/dumpError';
import { applyPaxRecords, type EntryOverrides, gnuLongName } from './tarExtended';
import { BLOCK_SIZE, HeaderProblem, isZeroBlock, parseHeader, type RawEntryType, type RawHeader } from './tarHeader';

export type TarEntryType = Exclude<RawEntryType, 'paxHeader' | 'paxGlobalHeader' | 'gnuLongName' | 'gnuLongLink' | 'unsupported'>;

export interface TarEntry {
  /** Relative name, checked: not empty, not absolute, no `..` segment, no backslash or NUL. */
  name: string;
  type: TarEntryType;
  linkName: string;
  /** Content bytes that follow the header (pax `size` wins over the header field). */
  size: number;
  mode: number;
  mtimeMs: number;
  /** Byte offset of the entry's header in the archive. */
  offset: number;
}

export interface TarVisitor {
  /** A new entry; its content follows through data(). Throwing rejects the archive. */
  entry(entry: TarEntry): void;
  /** The next slice of the current entry's content (a view into the pushed chunk: copy to keep). */
  data(bytes: Uint8Array): void;
}

/** Named limits, so a hostile header cannot make us allocate or loop without bound. */
export const TAR_LIMITS = {
  /** Largest pax extended header body accepted. */
  maxPaxHeader: 1024 * 1024,
  /** Largest GNU long name ('L'/'K') body accepted: well above Linux's PATH_MAX. */
  maxLongName: 64 * 1024,
  /** Extended headers allowed before one entry. */
  maxExtendedPerEntry: 4,
};

type State = 'header' | 'extended' | 'content' | 'padding' | 'trailer' | 'done';

function padding(size: number): number {
  return (BLOCK_SIZE - (size % BLOCK_SIZE)) % BLOCK_SIZE;
}

/** Why `name` is unsafe to use below a destination folder, or undefined when it is safe. */
export function unsafeNameProblem(name: string): string | undefined {
  if (name === '') return 'an entry has an empty name';
  if (name.includes('\0')) return `entry name ${JSON.stringify(name)} contains a NUL byte`;
  if (name.startsWith('/')) return `entry name ${JSON.stringify(name)} is absolute`;
  // A backslash is a separator on Windows, where "a\..\..\x" would climb out.
  if (name.includes('\\')) return `entry name ${JSON.stringify(name)} contains a backslash`;
  if (name.split('/').includes('..')) return `entry name ${JSON.stringify(name)} climbs out of the archive with ".."`;
  return undefined;
}

export class TarParser {
  private state: State = 'header';
  private readonly block = new Uint8Array(BLOCK_SIZE);
  private blockFill = 0;
  /** Bytes left in the current content, padding or extended body. */
  private remaining = 0;
  private extended: { header: RawHeader; body: Uint8Array; fill: number } | undefined;
  private overrides: EntryOverrides = {};
  private extendedCount = 0;
  private headerOffset = 0;
  /** Bytes of the archive consumed so far. */
  offset = 0;

  constructor(
    private readonly archiveName: string,
    private readonly visitor: TarVisitor,
  ) {}

  /** True once the end-of-archive marker (two zero blocks) has been read. */
  get done(): boolean {
    return this.state === 'done';
  }

  push(chunk: Uint8Array): void {
    let pos = 0;
    while (pos < chunk.length && this.state !== 'done') {
      if (this.state === 'content' || this.state === 'padding') {
        const take = Math.min(this.remaining, chunk.length - pos);
        if (this.state === 'content' && take > 0) this.visitor.data(chunk.subarray(pos, pos + take));
        this.advance(take);
        pos += take;
      } else if (this.state === 'extended') {
        pos += this.fillExtended(chunk, pos);
      } else {
        const take = Math.min(BLOCK_SIZE - this.blockFill, chunk.length - pos);
        this.block.set(chunk.subarray(pos, pos + take), this.blockFill);
        this.blockFill += take;
        this.offset += take;
        pos += take;
        if (this.blockFill === BLOCK_SIZE) {
          this.blockFill = 0;
          this.onBlock();
        }
      }
    }
  }

  /** The stream ended: throws unless the archive was complete. */
  finish(): void {
    if (this.state === 'done') return;
    const where = this.state === 'content' ? `inside an entry's content (${this.remaining} bytes missing)` : this.state === 'header' && this.blockFill === 0 ? 'without its end-of-archive marker' : 'in the middle of a block';
    throw new DumpError(this.archiveName, `archive ended early: cut off ${where}`, this.offset);
  }

  private fail(problem: string, at = this.headerOffset): never {
    throw new DumpError(this.archiveName, problem, at);
  }

  private advance(taken: number): void {
    this.remaining -= taken;
    this.offset += taken;
    if (this.remaining > 0) return;
    if (this.state === 'content') {
      this.state = 'padding';
      this.remaining = padding(this.offset - this.headerOffset - BLOCK_SIZE);
      if (this.remaining > 0) return;
    }
    this.state = 'header';
  }

  private onBlock(): void {
    this.headerOffset = this.offset - BLOCK_SIZE;
    if (isZeroBlock(this.block)) {
      if (this.extendedCount > 0) this.fail('an extended header is not followed by an entry');
      // The first zero block opens the end-of-archive marker; the second completes it.
      this.state = this.state === 'trailer' ? 'done' : 'trailer';
      return;
    }
    if (this.state === 'trailer') this.fail('entries follow the end-of-archive marker');
    let header: RawHeader;
    try {
      header = parseHeader(this.block);
    } catch (error) {
      if (error instanceof HeaderProblem) this.fail(error.message);
      throw error;
    }
    this.onHeader(header);
  }

  private onHeader(header: RawHeader): void {
    switch (header.type) {
      case 'paxHeader':
      case 'gnuLongName':
      case 'gnuLongLink':
        return this.startExtended(header);
      case 'paxGlobalHeader':
        return this.fail('global pax headers are not accepted');
      case 'unsupported':
        return this.fail(`unsupported entry type ${JSON.stringify(header.typeFlag)}`);
      default:
        return this.startEntry(header, header.type);
    }
  }

  private startExtended(header: RawHeader): void {
    if (++this.extendedCount > TAR_LIMITS.maxExtendedPerEntry) this.fail(`more than ${TAR_LIMITS.maxExtendedPerEntry} extended headers before one entry`);
    const limit = header.type === 'paxHeader' ? TAR_LIMITS.maxPaxHeader : TAR_LIMITS.maxLongName;
    if (header.size > limit) this.fail(`extended header of ${header.size} bytes exceeds the limit of ${limit}`);
    this.extended = { header, body: new Uint8Array(header.size), fill: 0 };
    this.state = 'extended';
    if (header.size === 0) this.endExtended();
  }

  private fillExtended(chunk: Uint8Array, pos: number): number {
    const ext = this.extended;
    if (ext === undefined) this.fail('internal: extended header state without a header');
    const take = Math.min(ext.body.length - ext.fill, chunk.length - pos);
    ext.body.set(chunk.subarray(pos, pos + take), ext.fill);
    ext.fill += take;
    this.offset += take;
    if (ext.fill === ext.body.length) this.endExtended();
    return take;
  }

  private endExtended(): void {
    const ext = this.extended;
    if (ext === undefined) return;
    this.extended = undefined;
    try {
      if (ext.header.type === 'paxHeader') applyPaxRecords(ext.body, this.overrides);
      else if (ext.header.type === 'gnuLongName') this.overrides.path = gnuLongName(ext.body);
      else this.overrides.linkPath = gnuLongName(ext.body);
    } catch (error) {
      if (error instanceof HeaderProblem) this.fail(error.message);
      throw error;
    }
    // The body is followed by padding to a whole block, like any content.
    this.state = 'padding';
    this.remaining = padding(ext.body.length);
    if (this.remaining === 0) this.state = 'header';
  }

  private startEntry(header: RawHeader, type: TarEntryType): void {
    const overrides = this.overrides;
    this.overrides = {};
    this.extendedCount = 0;
    let name = overrides.path ?? header.name;
    if (type === 'directory' && name.endsWith('/')) name = name.slice(0, -1);
    const problem = unsafeNameProblem(name);
    if (problem !== undefined) this.fail(problem);
    // Links, devices, FIFOs and directories carry no content, whatever their size field says.
    const size = type === 'file' ? (overrides.size ?? header.size) : 0;
    this.visitor.entry({ name, type, linkName: overrides.linkPath ?? header.linkName, size, mode: header.mode, mtimeMs: header.mtimeMs, offset: this.headerOffset });
    this.state = 'content';
    this.remaining = size;
    if (size === 0) this.advance(0);
  }
}
