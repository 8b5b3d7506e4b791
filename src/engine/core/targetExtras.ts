// What a dump with a process image (a core) offers beyond the common DumpTarget: raw memory and the
// list of loaded files. Plain data, so the adapter, the Modules view and the CLI render the same facts.

/** A read of process memory: the readable prefix of the range asked for. */
export interface MemoryBlock {
  address: bigint;
  data: Uint8Array;
  /** Bytes right after `data` that the dump does not hold (DAP's `unreadableBytes`). */
  unreadableBytes: number;
}

export type DumpModuleStatus = 'found' | 'missing' | 'mismatched' | 'unverified';

/** One executable or shared object the process had mapped, and what was found for it. */
export interface DumpModule {
  /** Path recorded in the dump. */
  path: string;
  start: string;
  end: string;
  buildId?: string;
  status: DumpModuleStatus;
  /** The local file used for it, when one was found. */
  file?: string;
  /** The separate debug file used, when one was found. */
  debugFile?: string;
  /** What was looked for and where, why a candidate was refused. */
  problems: string[];
}
