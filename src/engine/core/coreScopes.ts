// The scopes a native frame of a core shows: its registers (the kernel's full set for the innermost
// frame, the ones unwinding recovered for callers) and the process facts.

import type { Inspectable, InspectableScope } from '../inspectable';
import { DWARF_REGISTER_NAMES, USER_REGS_NAMES } from '../unwind/registers';
import type { CoreImage } from './coreImage';
import type { ThreadStack } from './coreStacks';

const hex64 = (v: bigint): string => `0x${v.toString(16).padStart(16, '0')}`;

/** Registers that hold addresses: VS Code can open memory at them. */
const POINTERS = new Set(['rip', 'rsp', 'rbp', 'fs_base', 'gs_base']);

function register(name: string, value: bigint | undefined): Inspectable {
  if (value === undefined) return { name, value: '<not saved>', type: 'u64' };
  const item: Inspectable = { name, value: hex64(value), type: 'u64' };
  if (POINTERS.has(name)) item.memoryReference = `0x${value.toString(16)}`;
  return item;
}

export function registersScope(stack: ThreadStack, frameIndex: number): InspectableScope {
  const regs = stack.registers[frameIndex];
  // The innermost physical frame (and the calls inlined into it) has every register the kernel saved.
  const innermost = regs === stack.registers[0];
  return {
    name: 'Registers',
    expensive: false,
    presentationHint: 'registers',
    variables: () => (innermost ? USER_REGS_NAMES.map((n, i) => register(n, stack.userRegs[i])) : DWARF_REGISTER_NAMES.map((n, i) => register(n, regs.get(i)))),
  };
}

export function processScope(image: CoreImage): InspectableScope {
  const { process, signal, threads } = image.model;
  return {
    name: 'Process',
    expensive: false,
    variables: () => {
      const items: Inspectable[] = [
        { name: 'signal', value: `${signal.name} (${signal.number}): ${signal.reason}` },
        { name: 'si_code', value: signal.codeName === undefined ? String(signal.code) : `${signal.codeName} (${signal.code})` },
      ];
      if (signal.faultAddress !== undefined) items.push({ name: 'fault address', value: `0x${signal.faultAddress.toString(16)}`, memoryReference: `0x${signal.faultAddress.toString(16)}` });
      if (process !== undefined) {
        items.push({ name: 'pid', value: String(process.pid) }, { name: 'command line', value: JSON.stringify(process.psargs) }, { name: 'uid', value: String(process.uid) });
      }
      items.push({ name: 'threads', value: String(threads.length) });
      const modules = image.modules;
      const missing = modules.filter((m) => m.status === 'missing' || m.status === 'mismatched');
      items.push({ name: 'modules', value: `${modules.length} loaded, ${missing.length} missing or mismatched` });
      return items;
    },
  };
}
