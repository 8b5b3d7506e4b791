// Frames that tail calls left no trace of, rebuilt from DWARF call-site information the way gdb
// does (its "tailcall" frames): the caller's call site says which function it called; when that is
// not the function found running below it, the callee must have been reached through tail calls
// (jumps), and the call sites marked DW_AT_call_tail_call say through which. Only an unambiguous
// chain is shown; bounded search, so a cycle of tail calls cannot run away.

import type { CallTarget } from '../symbols/dwarf/dwarfInfo';
import { lookupPc, type UnwoundFrame } from '../unwind/stackWalker';
import type { CoreImage } from './coreImage';
import type { LoadedModule } from './loadedModule';

/** Longest tail-call chain followed, and most chains considered, between two real frames. */
const MAX_CHAIN = 8;
const MAX_PATHS = 16;

interface Hop {
  /** Runtime entry of the function that made the tail call, and where its jump ends. */
  entry: number;
  returnPc: number;
}

async function goalAt(image: CoreImage, pc: bigint): Promise<Goal | undefined> {
  const module = image.moduleAt(pc);
  if (module?.bias === undefined) return undefined;
  const symbols = await module.symbols();
  const entry = await symbols.functionEntry(Number(pc) - module.bias);
  return entry === undefined ? undefined : { entry: entry + module.bias, name: await symbols.symbolNameAt(entry) };
}

/** The function the search must reach: its runtime entry and its symbol's name. */
interface Goal {
  entry: number;
  name: string | undefined;
}

/**
 * A call target as a runtime address: an entry in `module`, the goal when the names agree, else a
 * name looked up in every module — the ones with the smallest string tables first, because
 * building a name index reads the whole table (node's is 7 MB; libc's debug file's 0.1 MB).
 */
async function resolve(image: CoreImage, module: LoadedModule, target: CallTarget, goal: Goal): Promise<number | undefined> {
  if (target.entry !== undefined && module.bias !== undefined) return target.entry + module.bias;
  if (target.name === undefined) return undefined;
  if (target.name === goal.name) return goal.entry;
  const candidates = await Promise.all(image.modules.filter((m) => m.bias !== undefined).map(async (m) => ({ m, symbols: await m.symbols() })));
  candidates.sort((a, b) => a.symbols.nameLookupCost - b.symbols.nameLookupCost);
  for (const { m, symbols } of candidates) {
    const address = await symbols.addressOf(target.name);
    if (address !== undefined && m.bias !== undefined) return address + m.bias;
  }
  return undefined;
}

async function tailCalls(image: CoreImage, entry: number, goal: Goal): Promise<Array<{ returnPc: number; next: number | undefined }>> {
  const module = image.moduleAt(BigInt(entry));
  if (module?.bias === undefined) return [];
  const bias = module.bias;
  const symbols = await module.symbols();
  const calls = symbols.tailCallsFrom(entry - bias);
  return Promise.all(calls.map(async (c) => ({ returnPc: c.returnPc + bias, next: await resolve(image, module, c.target, goal) })));
}

/** Every chain of tail calls from `from` that reaches the goal, as hops from the caller's side. */
async function chains(image: CoreImage, from: number, goal: Goal): Promise<Hop[][]> {
  const found: Hop[][] = [];
  const walk = async (entry: number, path: Hop[]): Promise<void> => {
    if (path.length >= MAX_CHAIN || found.length >= MAX_PATHS) return;
    for (const call of await tailCalls(image, entry, goal)) {
      if (call.next === undefined || path.some((h) => h.entry === call.next)) continue;
      const hop = { entry, returnPc: call.returnPc };
      if (call.next === goal.entry) found.push([...path, hop]);
      else await walk(call.next, [...path, hop]);
    }
  };
  await walk(from, []);
  return found;
}

/** Tail-call frames between `callee` and its real `caller`, innermost first; none when unknown or ambiguous. */
export async function tailCallFrames(image: CoreImage, callee: UnwoundFrame, caller: UnwoundFrame): Promise<UnwoundFrame[]> {
  const callerModule = image.moduleAt(lookupPc(caller));
  if (callerModule?.bias === undefined || caller.exactPc) return [];
  const target = (await callerModule.symbols()).callTarget(Number(caller.pc) - callerModule.bias);
  const goal = target === undefined ? undefined : await goalAt(image, lookupPc(callee));
  if (target === undefined || goal === undefined) return [];
  const first = await resolve(image, callerModule, target, goal);
  if (first === undefined || first === goal.entry) return [];
  const found = await chains(image, first, goal);
  const unique = new Set(found.map((path) => path.map((h) => h.returnPc).join(',')));
  if (unique.size !== 1) return [];
  return found[0].map((hop) => ({ registers: caller.registers, pc: BigInt(hop.returnPc), method: 'tail call', exactPc: false })).reverse();
}
