// The crashed process, rebuilt from a core and the files it names: the notes decoded, the modules
// located and verified by build-id, and one address space that reads each byte from the core when
// the core has it and from the mapped file otherwise. Everything the unwinder and the front ends
// need about memory and code goes through here.

import type { ByteSource } from '../bytes/byteSource';
import { PF_X } from '../elf/elfConstants';
import { ElfFile } from '../elf/elfFile';
import { upperBound } from '../upperBound';
import { PagedReader } from '../elf/pagedReader';
import { AddressSpace, type Region } from './addressSpace';
import { AT_ENTRY, AT_SYSINFO_EHDR, type CoreModel, type CoreSegment, readCoreModel } from './coreModel';
import { type CoreModule, groupMappings, isPseudoFile, readModuleHeaders } from './coreModules';
import { type FileOpener, FileLocator, type LocatorOptions } from './fileLocator';
import { LoadedModule } from './loadedModule';
import { MemoryByteSource } from './memoryByteSource';

export interface CoreImageOptions extends LocatorOptions {
  openFile: FileOpener;
  onWarning?: (message: string) => void;
}

export class CoreImage {
  private readonly moduleStarts: Float64Array;
  private readonly moduleEnds: Float64Array;
  private readonly moduleOrder: LoadedModule[];
  private readonly execStarts: Float64Array;
  private readonly execEnds: Float64Array;

  private constructor(
    readonly coreReader: PagedReader,
    readonly model: CoreModel,
    readonly memory: AddressSpace,
    readonly modules: LoadedModule[],
    readonly executable: LoadedModule | undefined,
    private readonly locator: FileLocator,
  ) {
    const ranges = modules.flatMap((m) => m.core.mappings.map((r) => ({ start: r.start, end: r.end, module: m }))).sort((a, b) => a.start - b.start);
    this.moduleStarts = Float64Array.from(ranges, (r) => r.start);
    this.moduleEnds = Float64Array.from(ranges, (r) => r.end);
    this.moduleOrder = ranges.map((r) => r.module);
    const exec = model.segments.filter((s) => (s.flags & PF_X) !== 0).sort((a, b) => a.vaddr - b.vaddr);
    this.execStarts = Float64Array.from(exec, (s) => s.vaddr);
    this.execEnds = Float64Array.from(exec, (s) => s.vaddr + s.memsz);
  }

  static async open(source: ByteSource, options: CoreImageOptions): Promise<CoreImage> {
    const reader = new PagedReader(source);
    const model = await readCoreModel(await ElfFile.open(reader));
    const memory = new AddressSpace();
    const coreLayer = coreRegions(model, reader);
    memory.addLayer(coreLayer);
    const found = groupMappings(model.mappings);
    for (const module of found) await readModuleHeaders(module, memory, reader.name);
    const locator = new FileLocator(options.openFile, options);
    const warn = options.onWarning ?? (() => undefined);
    const entry = Number(model.auxv.get(AT_ENTRY) ?? -1n);
    const modules: LoadedModule[] = [];
    let executable: LoadedModule | undefined;
    for (const module of found.filter((m) => m.isElf !== false && !isPseudoFile(m.path))) {
      const isExecutable = entry >= module.start && entry < module.end;
      const files = await locator.locate(module, isExecutable);
      const loaded = new LoadedModule(module, files, warn);
      modules.push(loaded);
      if (isExecutable) executable = loaded;
    }
    const vdso = await vdsoModule(model, memory, reader.name, warn);
    if (vdso !== undefined) modules.push(vdso);
    // Files under the core: the core's own bytes stay on top (later layers win).
    const fileLayer = modules.flatMap(fileRegions);
    const space = new AddressSpace();
    space.addLayer(fileLayer);
    space.addLayer(coreLayer);
    return new CoreImage(reader, model, space, modules, executable, locator);
  }

  /** The module whose mapping holds `address`. */
  moduleAt(address: bigint): LoadedModule | undefined {
    if (address > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
    const a = Number(address);
    const i = upperBound(this.moduleStarts, a) - 1;
    return i >= 0 && a < this.moduleEnds[i] ? this.moduleOrder[i] : undefined;
  }

  /** Whether `pc` lies in a mapping the process could execute (its PT_LOAD has PF_X). */
  isExecutable(pc: bigint): boolean {
    if (pc > BigInt(Number.MAX_SAFE_INTEGER)) return false;
    const a = Number(pc);
    if (this.execStarts.length === 0) return this.moduleAt(pc) !== undefined;
    const i = upperBound(this.execStarts, a) - 1;
    return i >= 0 && a < this.execEnds[i];
  }

  /** Bytes read so far from the core and from every other file. */
  bytesRead(): { core: number; files: number } {
    return { core: this.coreReader.bytesRead, files: this.locator.bytesRead };
  }

  async dispose(): Promise<void> {
    await this.locator.dispose();
    await this.coreReader.close();
  }
}

/** The core's PT_LOAD bytes: only the part the file holds (filesz), the rest lives in mapped files. */
function coreRegions(model: CoreModel, reader: PagedReader): Region[] {
  // A truncated core holds only part of its last segments: clip them to what the file has.
  const present = (s: CoreSegment): number => Math.max(0, Math.min(s.filesz, s.memsz, reader.size - s.offset));
  return model.segments.filter((s) => present(s) > 0 && !Number.isNaN(s.vaddr)).map((s) => ({ start: s.vaddr, end: s.vaddr + present(s), offset: s.offset, read: (o, l) => reader.read(o, l) }));
}

function fileRegions(module: LoadedModule): Region[] {
  const elf = module.files.binary?.elf;
  if (elf === undefined || module.path === '[vdso]') return [];
  return module.core.mappings.map((m) => ({ start: m.start, end: m.end, offset: m.fileOffset, read: (o, l) => elf.reader.read(o, l) }));
}

/** The vDSO has no file: its ELF image is read from the core's own memory. */
async function vdsoModule(model: CoreModel, memory: AddressSpace, coreName: string, warn: (m: string) => void): Promise<LoadedModule | undefined> {
  const base = Number(model.auxv.get(AT_SYSINFO_EHDR) ?? 0n);
  const segment = model.segments.find((s) => s.vaddr === base && s.filesz > 0);
  if (base === 0 || segment === undefined) return undefined;
  try {
    const elf = await ElfFile.open(new PagedReader(new MemoryByteSource(`${coreName} [vdso]`, memory, base, segment.filesz)));
    const core: CoreModule = { path: '[vdso]', mappings: [{ start: base, end: base + segment.memsz, fileOffset: 0, path: '[vdso]' }], start: base, end: base + segment.memsz, base, isElf: true };
    await readModuleHeaders(core, memory, coreName);
    return new LoadedModule(core, { status: 'found', binary: { path: '[vdso]', elf }, buildId: core.coreBuildId, problems: [] }, warn);
  } catch {
    warn('the vDSO image in the core is unreadable; frames inside it are unwound by frame pointer only');
    return undefined;
  }
}
