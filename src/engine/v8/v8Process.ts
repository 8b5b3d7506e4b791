// The V8 inside a crashed process: found in the module that carries V8's postmortem metadata (node
// itself, or a libnode), with everything the decoders share built once — memory cache, metadata,
// version, layout, heap, strings, functions — and the one question about code they all ask: is this
// pc a V8 builtin (and which), JIT code, or neither.

import type { CoreImage } from '../core/coreImage';
import type { LoadedModule } from '../core/loadedModule';
import { BinarySymbols } from './metadata/binarySymbols';
import { PostmortemMetadata } from './metadata/postmortemMetadata';
import { buildLayout, type V8Layout } from './metadata/v8Layout';
import { readV8Version } from './metadata/v8Version';
import { ProcessMemory } from './heap/processMemory';
import { V8Functions } from './heap/v8Functions';
import { V8Heap } from './heap/v8Heap';
import { V8Strings } from './heap/v8Strings';

/** What runs at a pc: a builtin of V8's embedded blob, code V8 generated at run time, or other native code. */
export type CodeAt = { kind: 'builtin'; name: string; /** Bytes from the builtin's entry. */ offset: number } | { kind: 'jit' } | { kind: 'native' } | { kind: 'unknown'; why: string };

/**
 * Where the deoptimizer resumes the frames it materializes: interpreted frames
 * (Deoptimizer::DoComputeUnoptimizedFrame) and builtin continuations such as an inlined
 * Array.prototype.reduce (DoComputeBuiltinContinuation).
 */
const DEOPT_RESUME_BUILTINS = new Set([
  'InterpreterEnterAtBytecode',
  'InterpreterEnterAtNextBytecode',
  // V8 10 resumes a function that has Sparkplug code through these.
  'BaselineOrInterpreterEnterAtBytecode',
  'BaselineOrInterpreterEnterAtNextBytecode',
  'ContinueToCodeStubBuiltin',
  'ContinueToCodeStubBuiltinWithResult',
  'ContinueToJavaScriptBuiltin',
  'ContinueToJavaScriptBuiltinWithResult',
]);

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

  /**
   * What code a physical frame runs. A caller's pc is a return address, so the code is the one
   * holding the byte before it (the call) — except where no call put it there: the deoptimizer
   * resumes the frames it materializes at the entry of a builtin (InterpreterEnterAtNextBytecode,
   * ContinueToJavaScriptBuiltin, …), so their callees return to the first byte of that builtin.
   */
  async codeOfFrame(pc: number, exactPc: boolean): Promise<CodeAt> {
    if (exactPc) return this.codeAt(pc);
    const at = await this.codeAt(pc);
    return at.kind === 'builtin' && at.offset === 0 && DEOPT_RESUME_BUILTINS.has(at.name) ? at : this.codeAt(pc - 1);
  }

  /** Classifies the code holding the byte at `pc` (frames ask codeOfFrame). */
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
    const address = module.fileAddress(pc);
    if (address === undefined) return { kind: 'native' };
    const symbols = await module.symbols();
    const [location] = await symbols.locate(address);
    const name = location?.function;
    if (name !== undefined && name.startsWith('Builtins_')) return { kind: 'builtin', name: name.slice('Builtins_'.length), offset: address - ((await symbols.functionEntry(address)) ?? address) };
    // The remapped copy holds nothing but the embedded builtins: a pc there is V8's, named or not.
    const remapped = module.bias !== undefined && address !== pc - module.bias;
    return remapped ? { kind: 'unknown', why: 'in the remapped embedded builtins, but inside no builtin' } : { kind: 'native' };
  }
}
