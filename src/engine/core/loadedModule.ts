// One executable or shared object of the crashed process, with the files found for it: its CFI for
// unwinding and its symbols and DWARF for naming, each loaded the first time a frame needs it.

import { PT_LOAD } from '../elf/elfConstants';
import type { ElfFile } from '../elf/elfFile';
import { SymbolTable } from '../elf/elfSymbols';
import { DwarfInfo } from '../symbols/dwarf/dwarfInfo';
import { ModuleSymbols } from '../symbols/moduleSymbols';
import { CfiTable } from '../unwind/cfiTable';
import { biasFrom, type CoreModule } from './coreModules';
import type { ModuleFiles, ModuleStatus } from './fileLocator';

export class LoadedModule {
  private cfiTables: Promise<CfiTable[]> | undefined;
  private symbolsCache: Promise<ModuleSymbols> | undefined;
  /** Runtime address minus file address; undefined when neither the core nor a file told us. */
  readonly bias: number | undefined;

  constructor(
    readonly core: CoreModule,
    readonly files: ModuleFiles,
    private readonly onProblem: (message: string) => void,
  ) {
    const binary = files.binary?.elf;
    this.bias = core.bias ?? (binary !== undefined && core.base !== undefined ? biasFrom(core.base, binary.programHeaders) : undefined);
  }

  get path(): string {
    return this.core.path;
  }

  get status(): ModuleStatus {
    return this.files.status;
  }

  /**
   * The file address (as the ELF's symbols and CFI count) of a runtime pc inside one of the
   * module's mappings. Through the mapping's file offset, not the bias: a file may be mapped more
   * than once at unrelated addresses — V8 remaps node's embedded builtins next to its code range
   * ("short builtin calls") — and the bias only holds for the mapping at the file's base.
   */
  fileAddress(pc: number): number | undefined {
    const mapping = this.core.mappings.find((m) => pc >= m.start && pc < m.end);
    const elf = this.files.binary?.elf;
    if (mapping === undefined || elf === undefined) return this.bias === undefined ? undefined : pc - this.bias;
    const offset = mapping.fileOffset + (pc - mapping.start);
    const segment = elf.programHeaders.find((p) => p.type === PT_LOAD && offset >= p.offset && offset < p.offset + p.filesz);
    return segment === undefined ? undefined : segment.vaddr + (offset - segment.offset);
  }

  /** CFI tables: the binary's .eh_frame first, then any .debug_frame of the binary or its debug file. */
  cfi(): Promise<CfiTable[]> {
    this.cfiTables ??= this.loadCfi();
    return this.cfiTables;
  }

  symbols(): Promise<ModuleSymbols> {
    this.symbolsCache ??= this.loadSymbols();
    return this.symbolsCache;
  }

  private async loadCfi(): Promise<CfiTable[]> {
    const tables: CfiTable[] = [];
    for (const elf of this.elves()) {
      try {
        tables.push(...(await CfiTable.forElf(elf)).filter((t) => elf === this.files.binary?.elf || t.section.kind === 'debug_frame'));
      } catch (error) {
        this.onProblem(`${elf.name}: no usable CFI: ${(error as Error).message}`);
      }
    }
    return tables;
  }

  private async loadSymbols(): Promise<ModuleSymbols> {
    let symbols: SymbolTable | undefined;
    let dwarf: DwarfInfo | undefined;
    // The separate debug file usually has the full .symtab and the DWARF; the binary may have both.
    for (const elf of [this.files.debug?.elf, this.files.binary?.elf]) {
      if (elf === undefined) continue;
      try {
        symbols ??= await SymbolTable.load(elf);
        dwarf ??= await DwarfInfo.load(elf);
      } catch (error) {
        this.onProblem(`${elf.name}: ${(error as Error).message}`);
      }
    }
    return new ModuleSymbols(symbols, dwarf, this.onProblem);
  }

  private elves(): ElfFile[] {
    return [this.files.binary?.elf, this.files.debug?.elf].filter((e): e is ElfFile => e !== undefined);
  }
}
