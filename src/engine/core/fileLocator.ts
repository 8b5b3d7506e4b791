// Finding the files a core needs — the executable, its shared objects and their separate debug
// files — and proving they are the ones that ran: a candidate is used only when its build-id
// equals the one in the core's copy of its first page. Where to look, in order: the `binary`
// option (executable only), each search path (by base name, then as a sysroot), the path the core
// recorded. Debug files are found by build-id (/usr/lib/debug/.build-id/ab/cdef….debug), as gdb does.
// Every miss says what was looked for and where.

import * as path from 'path';
import type { ByteSource } from '../bytes/byteSource';
import { DumpError } from '../dumpError';
import { ElfFile } from '../elf/elfFile';
import { PagedReader } from '../elf/pagedReader';
import type { CoreModule } from './coreModules';

/** Opens a file a core refers to; resolves undefined when it does not exist or cannot be read. */
export type FileOpener = (path: string) => Promise<ByteSource | undefined>;

export interface LocatorOptions {
  /** The executable that produced the core, when it is not at the recorded path. */
  binary?: string;
  /** Folders holding copies of binaries and libraries (flat, or as a sysroot). */
  searchPaths?: string[];
  /** Roots of build-id debug trees; default /usr/lib/debug. */
  debugDirectories?: string[];
}

export type ModuleStatus = 'found' | 'missing' | 'mismatched' | 'unverified';

export interface LocatedFile {
  path: string;
  elf: ElfFile;
}

export interface ModuleFiles {
  status: ModuleStatus;
  binary?: LocatedFile;
  debug?: LocatedFile;
  /** The build-id the core requires, or the file's own when the core did not record one. */
  buildId?: string;
  /** Plain sentences: what was looked for, where, and why a candidate was refused. */
  problems: string[];
}

const DELETED = ' (deleted)';
const DEFAULT_DEBUG_DIRS = ['/usr/lib/debug'];

export class FileLocator {
  /** Every ELF opened, by path, so one library mapped twice (or asked twice) is opened once. */
  private readonly opened = new Map<string, Promise<ElfFile | string>>();

  constructor(
    private readonly open: FileOpener,
    private readonly options: LocatorOptions,
  ) {}

  /** Bytes read from every file opened so far (for the benchmark). */
  get bytesRead(): number {
    return this.readers.reduce((sum, r) => sum + r.bytesRead, 0);
  }

  private readonly readers: PagedReader[] = [];

  async locate(module: CoreModule, isExecutable: boolean): Promise<ModuleFiles> {
    const recorded = module.path.endsWith(DELETED) ? module.path.slice(0, -DELETED.length) : module.path;
    const candidates = this.candidates(recorded, isExecutable);
    const problems: string[] = [];
    for (const candidate of candidates) {
      const elf = await this.elf(candidate);
      if (typeof elf === 'string') {
        if (candidate === this.options.binary || !elf.endsWith('not found')) problems.push(elf);
        continue;
      }
      const fileId = await elf.buildId();
      if (module.coreBuildId !== undefined && fileId !== undefined && fileId !== module.coreBuildId) {
        problems.push(`${candidate} does not match: its build-id is ${fileId}, the core's ${path.basename(recorded)} had ${module.coreBuildId}`);
        continue;
      }
      const buildId = module.coreBuildId ?? fileId;
      const debug = buildId === undefined ? undefined : await this.debugFile(buildId);
      const status: ModuleStatus = module.coreBuildId !== undefined && fileId !== undefined ? 'found' : 'unverified';
      if (status === 'unverified') problems.push(`${candidate} is used unverified: ${module.coreBuildId === undefined ? 'the core does not record a build-id for it' : 'it has no build-id'}`);
      return { status, binary: { path: candidate, elf }, debug, buildId, problems };
    }
    const mismatched = problems.some((p) => p.includes('does not match'));
    problems.push(`${recorded} not found (looked in: ${candidates.join(', ')})`);
    const debug = module.coreBuildId === undefined ? undefined : await this.debugFile(module.coreBuildId);
    return { status: mismatched ? 'mismatched' : 'missing', debug, buildId: module.coreBuildId, problems };
  }

  private candidates(recorded: string, isExecutable: boolean): string[] {
    const list: string[] = [];
    if (isExecutable && this.options.binary !== undefined) list.push(this.options.binary);
    for (const dir of this.options.searchPaths ?? []) {
      list.push(path.join(dir, path.basename(recorded)));
      if (path.isAbsolute(recorded)) list.push(path.join(dir, recorded));
    }
    list.push(recorded);
    return [...new Set(list)];
  }

  /** A separate debug file by build-id, verified to carry that same build-id. */
  private async debugFile(buildId: string): Promise<LocatedFile | undefined> {
    if (buildId.length < 3) return undefined;
    const relative = path.join('.build-id', buildId.slice(0, 2), `${buildId.slice(2)}.debug`);
    const roots = [...(this.options.searchPaths ?? []).flatMap((d) => [d, path.join(d, 'usr/lib/debug')]), ...(this.options.debugDirectories ?? DEFAULT_DEBUG_DIRS)];
    for (const root of roots) {
      const candidate = path.join(root, relative);
      const elf = await this.elf(candidate);
      if (typeof elf !== 'string' && (await elf.buildId()) === buildId) return { path: candidate, elf };
    }
    return undefined;
  }

  /** The ELF at `file`, or a sentence saying why there is none. */
  private elf(file: string): Promise<ElfFile | string> {
    let found = this.opened.get(file);
    if (found === undefined) {
      found = this.openElf(file);
      this.opened.set(file, found);
    }
    return found;
  }

  private async openElf(file: string): Promise<ElfFile | string> {
    const source = await this.open(file).catch(() => undefined);
    if (source === undefined) return `${file} not found`;
    const reader = new PagedReader(source);
    this.readers.push(reader);
    try {
      return await ElfFile.open(reader);
    } catch (error) {
      if (error instanceof DumpError) return `${file} is not a usable ELF file: ${error.problem}`;
      throw error;
    }
  }

  async dispose(): Promise<void> {
    await Promise.all(this.readers.map((r) => r.close().catch(() => undefined)));
    this.readers.length = 0;
    this.opened.clear();
  }
}
