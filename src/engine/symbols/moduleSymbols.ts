// Naming the code at a pc inside one module, the way gdb does: with DWARF, the function (and each
// inlined call) by its debug-info name plus file:line; without it, the nearest ELF symbol,
// demangled with its parameter list — gdb's "minimal symbol" form, e.g. `node::Start(int, char**)`.

import type { SymbolTable } from '../elf/elfSymbols';
import { demangle } from './demangle';
import type { CallTarget, DwarfInfo, TailCall } from './dwarf/dwarfInfo';

export interface NativeLocation {
  function?: string;
  file?: string;
  line?: number;
  column?: number;
  /** This level is an inlined call inside the next one (they share the pc). */
  inlined: boolean;
}

export class ModuleSymbols {
  constructor(
    private readonly symbols: SymbolTable | undefined,
    private readonly dwarf: DwarfInfo | undefined,
    /** Called once per failing lookup: a broken DWARF unit should cost its file:line, not the frame. */
    private readonly onProblem: (message: string) => void,
  ) {}

  /** Entry (file address) of the function holding `address`: from DWARF, else the ELF symbol. */
  async functionEntry(address: number): Promise<number | undefined> {
    return this.quietly(() => this.dwarf?.functionEntry(address)) ?? (await this.symbols?.lookup(address))?.address;
  }

  /** What the call returning to `returnPc` calls, when DWARF describes the call site. */
  callTarget(returnPc: number): CallTarget | undefined {
    return this.quietly(() => this.dwarf?.callTarget(returnPc));
  }

  tailCallsFrom(entry: number): TailCall[] {
    return this.quietly(() => this.dwarf?.tailCallsFrom(entry)) ?? [];
  }

  /** The address of a code symbol by name (for call targets known only by name). */
  async addressOf(name: string): Promise<number | undefined> {
    return this.symbols?.addressOf(name);
  }

  /** What a name lookup in this module costs to prepare, in bytes (Infinity without symbols). */
  get nameLookupCost(): number {
    return this.symbols?.nameTableSize ?? Infinity;
  }

  /** The raw (mangled, unversioned) name of the symbol holding `address`. */
  async symbolNameAt(address: number): Promise<string | undefined> {
    return (await this.symbols?.lookup(address))?.name.replace(/@.*$/, '');
  }

  /** DWARF problems cost the extra facts, not the stack: reported, then answered as unknown. */
  private quietly<T>(read: () => T | undefined): T | undefined {
    try {
      return read();
    } catch (error) {
      this.onProblem((error as Error).message);
      return undefined;
    }
  }

  /** Innermost first; a single level without a function name when nothing names the address. */
  async locate(address: number): Promise<NativeLocation[]> {
    const symbol = await this.symbols?.lookup(address);
    const symbolName = symbol === undefined ? undefined : demangle(symbol.name);
    let chain: NativeLocation[] = [];
    try {
      chain = (this.dwarf?.locate(address) ?? []).map((f, i, all) => ({
        function: f.function === undefined ? undefined : demangle(f.function, { parameters: false }),
        file: f.file,
        line: f.line,
        column: f.column,
        inlined: i < all.length - 1,
      }));
    } catch (error) {
      this.onProblem((error as Error).message);
    }
    if (chain.length === 0) return [{ function: symbolName, inlined: false }];
    const outer = chain[chain.length - 1];
    outer.function ??= symbolName;
    return chain;
  }
}
