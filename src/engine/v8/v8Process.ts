// The V8 inside a crashed process: found in the module that carries V8's postmortem metadata (node
// itself, or a libnode), with everything the decoders share built once — memory cache, metadata,
// version, layout, heap, strings, functions — and the one question about code they all ask: is this
// pc a V8 builtin (and which), JIT code, or neither.

import type { CoreImage } from '../core/coreImage';
import type { LoadedModule } from '../core/loadedModule';
import { PT_LOAD } from '../elf/elfConstants';
import { BinarySymbols } from './metadata/binarySymbols';
import { PostmortemMetadata } from './metadata/postmortemMetadata';
import { buildLayout, type V8Layout } from './metadata/v8Layout';
import { readV8Version } from './metadata/v8Version';
import { ProcessMemory } from './heap/processMemory';
import { V8Functions } from './heap/v8Functions';
import { V8Heap } from './heap/v8Heap';
import { V8Strings } from './heap/v8Strings';

/** What runs at a pc: a builtin of V8's embedded blob, code V8 generated at run time, or other native code. */
export type CodeAt = { kind: 'builtin'; name: string } | { kind: 'jit' } | { kind: 'native' };

/** Fewer v8dbg_ symbols than this means the binary was stripped of them or is not V8. */
const MIN_METADATA = 100;

export class V8Process {
  private readonly codeCache = new Map<number, Promise<CodeAt>>();

  private constructor(
    private readonly image: CoreImage,
    private readonly v8Module: LoadedModule,
    readonly symbols: BinarySymbols,
    readonly layout: V8Layout,
    readonly heap: V8Heap,
    readonly strings: V8Strings,
    readonly functions: V8Functions,
  ) {}

  get memory(): ProcessMemory {
    return this.heap.memory;
  }

  /**
   * Finds V8 in the process. Resolves undefined when no module has V8's metadata (not a Node
   * process, or a binary stripped of it); throws LayoutError when the metadata is there but lacks
   * something this V8 version needs.
   */
  static async open(image: CoreImage): Promise<V8Process | undefined> {
    const memory = new ProcessMemory(image.memory);
    const candidates = [image.executable, ...image.modules.filter((m) => m !== image.executable && /node/.test(m.path))];
    for (const module of candidates) {
      const elf = module?.files.binary?.elf;
      if (module === undefined || elf === undefined || module.bias === undefined) continue;
      const symbols = await BinarySymbols.load(elf, module.bias, memory);
      const metadata = await PostmortemMetadata.read(symbols);
      if (metadata.size < MIN_METADATA) continue;
      const version = await readV8Version(symbols);
      if (version === undefined) continue;
      const layout = buildLayout(metadata, version);
      const heap = new V8Heap(memory, layout);
      const strings = new V8Strings(heap, await symbols.int32('nodedbg_offset_ExternalString__data__uintptr_t'));
      return new V8Process(image, module, symbols, layout, heap, strings, new V8Functions(heap, strings));
    }
    return undefined;
  }

  /** Classifies a pc (use the return address minus one for callers' frames). */
  codeAt(pc: number): Promise<CodeAt> {
    let found = this.codeCache.get(pc);
    if (found === undefined) {
      found = this.classify(pc);
      this.codeCache.set(pc, found);
    }
    return found;
  }

  private async classify(pc: number): Promise<CodeAt> {
    const module = this.image.moduleAt(BigInt(pc));
    if (module === undefined) return this.image.isExecutable(BigInt(pc)) ? { kind: 'jit' } : { kind: 'native' };
    if (module !== this.v8Module) return { kind: 'native' };
    // Builtins also run from a second mapping of the binary (V8's "short builtin calls" remap the
    // embedded blob near the code range), so the pc goes through the file offset, not the bias.
    const address = this.fileAddress(module, pc);
    if (address === undefined) return { kind: 'native' };
    const [location] = await (await module.symbols()).locate(address);
    const name = location?.function;
    return name !== undefined && name.startsWith('Builtins_') ? { kind: 'builtin', name: name.slice('Builtins_'.length) } : { kind: 'native' };
  }

  /** The file address (as in the ELF's symbols) of a runtime pc inside one of the module's mappings. */
  private fileAddress(module: LoadedModule, pc: number): number | undefined {
    const mapping = module.core.mappings.find((m) => pc >= m.start && pc < m.end);
    const elf = module.files.binary?.elf;
    if (mapping === undefined || elf === undefined) return undefined;
    const offset = mapping.fileOffset + (pc - mapping.start);
    const segment = elf.programHeaders.find((p) => p.type === PT_LOAD && offset >= p.offset && offset < p.offset + p.filesz);
    return segment === undefined ? undefined : segment.vaddr + (offset - segment.offset);
  }
}
