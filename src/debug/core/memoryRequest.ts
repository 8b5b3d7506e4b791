// DAP `readMemory` over a dump that holds process memory: the memory reference is the 0x-address
// the adapter handed out (a register, a fault address); bytes the dump does not hold are reported
// as `unreadableBytes` so VS Code's memory view shows the gap instead of failing.

import type { DebugProtocol } from '@vscode/debugprotocol';
import type { DumpTarget } from '../../engine/dumpTarget';

/** "0x7ffd1234" or a decimal string → an address; undefined for anything else. */
export function parseMemoryReference(reference: string): bigint | undefined {
  const text = reference.trim();
  if (!/^(0x[0-9a-fA-F]+|\d+)$/.test(text)) return undefined;
  return BigInt(text);
}

export async function readMemoryBody(target: DumpTarget, args: DebugProtocol.ReadMemoryArguments): Promise<DebugProtocol.ReadMemoryResponse['body'] | string> {
  if (target.readMemory === undefined) return 'This dump holds no process memory.';
  const base = parseMemoryReference(args.memoryReference);
  if (base === undefined) return `"${args.memoryReference}" is not a memory address.`;
  const address = BigInt.asUintN(64, base + BigInt(args.offset ?? 0));
  const block = await target.readMemory(address, Math.max(0, args.count));
  return {
    address: `0x${address.toString(16)}`,
    data: Buffer.from(block.data.buffer, block.data.byteOffset, block.data.byteLength).toString('base64'),
    unreadableBytes: block.unreadableBytes,
  };
}
