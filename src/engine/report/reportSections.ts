// The report's machine-level sections: native stack, libuv handles, resource usage. Each is optional
// (older report versions lack some; a report written on a fatal error may have empty ones), so an
// absent section reads as empty, while a present one with the wrong shape is a DumpError.

import type { Frame } from '../crash';
import { JsonFields } from './jsonFields';
import type { LibuvHandle, ResourceUsage } from './reportModel';

/** "node::Foo(int) [node]", " [node]", "memcpy [/lib/x86_64-linux-gnu/libc.so.6]". */
const SYMBOL_WITH_MODULE = /^(.*) \[([^\]]*)\]$/;

export function readNativeFrames(report: JsonFields): Frame[] {
  return report.objects('nativeStack').map((entry) => {
    const pc = entry.string('pc');
    const symbol = entry.string('symbol') ?? '';
    const split = SYMBOL_WITH_MODULE.exec(symbol);
    const name = (split ? split[1] : symbol).trim();
    const frame: Frame = { kind: 'native', function: name === '' ? '??' : name, text: symbol.trim() };
    if (split) frame.module = split[2];
    if (pc !== undefined) frame.pc = pc;
    return frame;
  });
}

const HANDLE_FLAGS = new Set(['type', 'address', 'is_active', 'is_referenced']);

export function readHandles(report: JsonFields): LibuvHandle[] {
  return report.objects('libuv').map((entry) => {
    const details: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(entry.value)) {
      if (!HANDLE_FLAGS.has(key)) details[key] = value;
    }
    return {
      type: entry.requiredString('type'),
      address: entry.string('address') ?? '',
      isActive: entry.boolean('is_active') ?? false,
      isReferenced: entry.boolean('is_referenced') ?? false,
      details,
    };
  });
}

const RAW_RESOURCE_SECTIONS = ['resourceUsage', 'javascriptHeap', 'uvthreadResourceUsage', 'userLimits', 'workers'];

export function readResources(report: JsonFields): ResourceUsage {
  const usage = report.object('resourceUsage');
  const heap = report.object('javascriptHeap');
  const raw: Record<string, unknown> = {};
  for (const section of RAW_RESOURCE_SECTIONS) {
    const value = report.raw(section);
    if (value !== undefined) raw[section] = value;
  }
  return {
    rssBytes: byteCount(usage, 'rss'),
    maxRssBytes: byteCount(usage, 'maxRss'),
    userCpuSeconds: usage?.number('userCpuSeconds'),
    kernelCpuSeconds: usage?.number('kernelCpuSeconds'),
    heapUsedBytes: byteCount(heap, 'usedMemory'),
    heapTotalBytes: byteCount(heap, 'totalMemory'),
    heapLimitBytes: byteCount(heap, 'memoryLimit'),
    raw,
  };
}

/** Some report versions wrote memory sizes as decimal strings ("rss": "35766272"), others as numbers. */
function byteCount(section: JsonFields | undefined, key: string): number | undefined {
  const value = section?.raw(key);
  if (value === undefined) return undefined;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^\d+$/.test(value)) return Number(value);
  return section?.fail(key, 'is not a number');
}
