// Which isolate a heap object belongs to. Every isolate of a process (the main thread's, each
// worker's) shares the address space, and V8 allocates objects in 256 KiB-aligned pages that name
// their owner: the page header (V8 10/11: size, flags, heap) or the page's metadata (V8 12: in the
// page; V8 13+: off-heap, found through the header's second word) holds a pointer to the Heap, and
// the Heap is a member of the Isolate. So two objects belong to the same isolate exactly when their
// pages name the same Heap, and that pointer identifies the isolate. Offsets seen on the official
// Node binaries' cores (checked by test/unit/engine/v8/workerThreads.test.ts).

import type { ProcessMemory } from './processMemory';

/** V8's page size and alignment (kPageSize / kRegularPageSize). */
export const V8_PAGE = 256 * 1024;

/** BasicMemoryChunk::heap_ (V8 10/11): after size_ and flags_. */
const HEADER_HEAP = 16;
/** V8 12: the metadata is the page itself; heap_ after flags, the chunk's address and size. */
const V12_METADATA_HEAP = 24;
/** V8 13+: MemoryChunkMetadata (a class with a vtable) keeps heap_ after its area and reservation fields. */
const V13_METADATA_HEAP = 64;

/** The 256 KiB-aligned page holding `address`. */
export function pageOf(address: number): number {
  return address - (address % V8_PAGE);
}

/** The Heap pointer recorded for the page at `page`; undefined when it cannot be read. */
export async function heapOfPage(memory: ProcessMemory, v8Major: number, page: number): Promise<number | undefined> {
  if (v8Major < 12) return memory.word(page + HEADER_HEAP);
  const metadata = await memory.word(page + 8);
  if (metadata === undefined) return undefined;
  return memory.word(metadata + (v8Major === 12 ? V12_METADATA_HEAP : V13_METADATA_HEAP));
}

/** The Heap (hence the isolate) that owns the heap object at tagged or untagged `address`. */
export function heapOfObject(memory: ProcessMemory, v8Major: number, address: number): Promise<number | undefined> {
  return heapOfPage(memory, v8Major, pageOf(address));
}
