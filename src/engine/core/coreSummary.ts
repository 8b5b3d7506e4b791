// The facts `salvage info` and the Dumps view show for a core, read from its headers and notes only:
// no binary is opened and no stack is walked, so it stays cheap on a multi-GB core.

import type { ByteSource } from '../bytes/byteSource';
import { ElfFile } from '../elf/elfFile';
import { PagedReader } from '../elf/pagedReader';
import { AT_ENTRY, readCoreModel } from './coreModel';

export interface CoreSummary {
  facts: Record<string, string>;
  headline: string;
}

export async function summarizeCore(source: ByteSource): Promise<CoreSummary> {
  const model = await readCoreModel(await ElfFile.open(new PagedReader(source)));
  const { signal, process, threads } = model;
  const facts: Record<string, string> = {};
  if (process !== undefined) {
    facts.pid = String(process.pid);
    facts.commandLine = process.psargs;
    facts.executable = process.fname;
  }
  // The mapping that holds the entry point (AT_ENTRY) is the executable: a full path, not fname's 15 bytes.
  const entry = Number(model.auxv.get(AT_ENTRY) ?? -1n);
  const exe = model.mappings.find((m) => entry >= m.start && entry < m.end);
  if (exe !== undefined) facts.executable = exe.path;
  facts.signal = `${signal.name} (${signal.number})`;
  facts.reason = signal.reason;
  if (signal.faultAddress !== undefined) facts.faultAddress = `0x${signal.faultAddress.toString(16)}`;
  facts.threads = String(threads.length);
  facts.mappedFiles = String(new Set(model.mappings.map((m) => m.path)).size);
  for (const [i, line] of model.missing.entries()) facts[`missing${i + 1}`] = line;
  return { facts, headline: `Paused on ${signal.name}: ${signal.description}, ${signal.reason}` };
}
