// Objects by constructor in a core's V8 heap, like llnode's findjsobjects but walking V8's pages
// rather than every word of the process: a V8 page is a 256 KiB-aligned chunk whose header (V8
// 10/11) or page metadata (V8 12+, kept off-heap) names the chunk itself, which tells heap pages
// from malloc memory full of handles; pages of the young generation's from-space hold stale copies
// and are left out. Every heap object starts with its map, every map with the meta map, and the
// meta map is the object whose first word points to itself. So: find the meta map, then every Map,
// then every object whose first word is a JS object map — skipping the body of each object
// recognized (its map gives its size), so a map pointer stored inside one (a function's initial
// map, a map's back pointer) is not taken for an object.

import type { CoreImage } from '../core/coreImage';
import { heapOfPage } from './heap/pageHeap';
import type { V8Process } from './v8Process';
import { hex } from '../format';

export interface ConstructorCount {
  name: string;
  count: number;
  /** Sum of the objects' own sizes (their maps' instance sizes), in bytes. */
  selfSize: number;
  /** Addresses (tagged) of a few instances. */
  samples: string[];
}

/** The objects of one isolate's heap: the pages that name the same Heap (heap/pageHeap.ts). */
export interface IsolateCensus {
  /** The Heap pointer the isolate's pages carry (hex): what tells isolates apart. */
  heap: string;
  /** main, a worker's title (`[worker 2] pricing`), or `isolate N` for one no thread was seen running. */
  name: string;
  /** The threads that run it. */
  threads: number[];
  objects: number;
  constructors: ConstructorCount[];
}

export interface ObjectCensus {
  /** Every isolate's objects together. */
  constructors: ConstructorCount[];
  maps: number;
  objects: number;
  bytesScanned: number;
  /** The same objects per isolate, largest first. */
  isolates: IsolateCensus[];
}

/** Who runs the isolate whose pages carry `heap`, for the census to name it. */
export type IsolateNamer = (heap: number) => { name: string; threads: number[] } | undefined;

/** Bytes read per step of a pass. */
const BLOCK = 4 * 1024 * 1024;
const SAMPLES = 5;
/** ELF program header flags of writable and executable segments (gABI "Segment Permissions"). */
const PF_W = 2;
const PF_X = 1;
/** V8's page size and alignment (kPageSize / kRegularPageSize). */
const PAGE = 256 * 1024;
/** MemoryChunk::FROM_PAGE: a page of the young generation's from-space (dead copies). */
const FROM_PAGE = 1 << 3;
/** Page header bytes within which a page's area (its first object) starts. */
const MAX_HEADER = 0x10000;

interface Range {
  start: number;
  end: number;
}

interface HeapPage extends Range {
  /** The Heap this page belongs to. */
  heap: number;
}

type PerMap = Map<number, { count: number; samples: number[] }>;

interface MapFacts {
  type: number;
  /** Instance size in bytes; 0 for variable-sized objects. */
  size: number;
}

export class HeapCensus {
  constructor(
    private readonly v8: V8Process,
    private readonly image: CoreImage,
    /** Names an object's constructor the way stack traces do. */
    private readonly typeName: (obj: number) => Promise<string>,
    private readonly nameIsolate: IsolateNamer = () => undefined,
  ) {}

  /**
   * Memory the core holds; `writable` keeps what JS objects can be in: not the read-only space, and
   * not executable memory, where machine code embeds map addresses in its map checks.
   */
  private ranges(writable: boolean): Range[] {
    const files = this.image.model.mappings;
    return this.image.model.segments
      .filter((s) => (!writable || ((s.flags & PF_W) !== 0 && (s.flags & PF_X) === 0)) && s.filesz > 0 && !Number.isNaN(s.vaddr))
      .filter((s) => !files.some((m) => m.start <= s.vaddr && s.vaddr < m.end))
      .map((s) => ({ start: s.vaddr, end: s.vaddr + Math.min(s.filesz, s.memsz) }));
  }

  async count(): Promise<ObjectCensus> {
    // The meta map lives in V8's read-only space; objects in the writable spaces.
    const metaMaps = await this.findMetaMaps(this.ranges(false));
    const pages = await this.heapPages(this.ranges(true));
    const maps = await this.findMaps(pages, metaMaps);
    const first = metaMaps.values().next();
    const mapOfMaps: MapFacts = { type: this.v8.layout.types.map, size: first.done === true ? 0 : ((await this.v8.heap.u8(first.value, this.v8.layout.objects.map.instanceSizeInWords)) ?? 0) * 8 };
    const perMap = newPerMap();
    const perHeap = new Map<number, { objects: number; perMap: PerMap }>();
    let objects = 0;
    let bytesScanned = 0;
    for (const page of pages) {
      const owner = perHeap.get(page.heap) ?? { objects: 0, perMap: newPerMap() };
      perHeap.set(page.heap, owner);
      await this.scan([page], (view, base) => {
        bytesScanned += view.byteLength;
        for (let at = 0; at + 8 <= view.byteLength;) {
          const word = view.getInt32(at + 4, true) * 0x1_0000_0000 + view.getUint32(at, true);
          // A Map is skipped whole: its fields point at other maps (back pointer, constructor's map).
          const map = metaMaps.has(word) ? mapOfMaps : maps.get(word);
          if (map === undefined) {
            at += 8;
            continue;
          }
          if (map.type >= this.v8.layout.types.firstJsReceiver) {
            objects++;
            owner.objects++;
            count(perMap, word, base + at + 1);
            count(owner.perMap, word, base + at + 1);
          }
          at += Math.max(8, map.size);
        }
      });
    }
    return { constructors: await this.byName(perMap, maps), maps: maps.size, objects, bytesScanned, isolates: await this.isolates(perHeap, maps) };
  }

  /** Each isolate that holds JS objects, named by the threads that run it. */
  private async isolates(perHeap: Map<number, { objects: number; perMap: PerMap }>, maps: Map<number, MapFacts>): Promise<IsolateCensus[]> {
    const out: IsolateCensus[] = [];
    let unnamed = 0;
    for (const [heap, owner] of [...perHeap].sort((a, b) => b[1].objects - a[1].objects)) {
      if (owner.objects === 0) continue;
      const named = this.nameIsolate(heap) ?? { name: `isolate ${++unnamed}`, threads: [] };
      out.push({ heap: hex(heap), name: named.name, threads: named.threads, objects: owner.objects, constructors: await this.byName(owner.perMap, maps) });
    }
    return out;
  }

  /** The 256 KiB-aligned chunks of `ranges` that are live V8 pages (not the from-space). */
  private async heapPages(ranges: Range[]): Promise<HeapPage[]> {
    const pages: HeapPage[] = [];
    for (const range of ranges) {
      for (let page = range.start - (range.start % PAGE); page < range.end; page += PAGE) {
        if (page < range.start || !(await this.isLivePage(page))) continue;
        const heap = (await heapOfPage(this.v8.memory, this.v8.layout.version.major, page)) ?? 0;
        pages.push({ start: page, end: Math.min(page + PAGE, range.end), heap });
      }
    }
    return pages;
  }

  /** V8 10/11 keep size, flags, heap, area start and end in the page; V8 12+ flags and a metadata pointer. */
  private async isLivePage(page: number): Promise<boolean> {
    const memory = this.v8.memory;
    if (this.v8.layout.version.major >= 12) {
      const flags = await memory.word(page);
      const metadata = await memory.word(page + 8);
      const chunk = metadata === undefined ? undefined : await memory.word(metadata + 8);
      return chunk === page && flags !== undefined && (flags & FROM_PAGE) === 0;
    }
    const size = await memory.word(page);
    const flags = await memory.word(page + 8);
    const areaStart = await memory.word(page + 24);
    const areaEnd = await memory.word(page + 32);
    if (size === undefined || flags === undefined || areaStart === undefined || areaEnd === undefined) return false;
    return areaStart > page && areaStart < page + MAX_HEADER && areaEnd > areaStart && areaEnd <= page + size && (flags & FROM_PAGE) === 0;
  }

  /** The meta maps: objects whose map is themselves (V8 12+ has one per native context, plus read-only). */
  private async findMetaMaps(ranges: Range[]): Promise<Set<number>> {
    const found: number[] = [];
    await this.scan(ranges, (view, base) => {
      for (let at = 0; at + 8 <= view.byteLength; at += 8) {
        const self = base + at + 1;
        if (view.getUint32(at, true) === self % 0x1_0000_0000 && view.getInt32(at + 4, true) === Math.floor(self / 0x1_0000_0000)) found.push(self);
      }
    });
    const metaMaps = new Set<number>();
    for (const candidate of found) if ((await this.v8.heap.mapInstanceType(candidate)) === this.v8.layout.types.map) metaMaps.add(candidate);
    return metaMaps;
  }

  /** Every Map (tagged address) with its instance type and instance size. */
  private async findMaps(ranges: Range[], metaMaps: Set<number>): Promise<Map<number, MapFacts>> {
    const maps = new Map<number, MapFacts>();
    const m = this.v8.layout.objects.map;
    await this.scan(ranges, (view, base) => {
      for (let at = 0; at + 16 <= view.byteLength; at += 8) {
        const word = view.getInt32(at + 4, true) * 0x1_0000_0000 + view.getUint32(at, true);
        if (!metaMaps.has(word)) continue;
        maps.set(base + at + 1, { type: view.getUint16(at + m.instanceType, true), size: view.getUint8(at + m.instanceSizeInWords) * 8 });
      }
    });
    return maps;
  }

  private async byName(perMap: PerMap, maps: Map<number, MapFacts>): Promise<ConstructorCount[]> {
    const byName = new Map<string, ConstructorCount>();
    for (const [map, entry] of perMap) {
      const name = (await this.typeName(entry.samples[0])) || '(unknown)';
      const total = byName.get(name) ?? { name, count: 0, selfSize: 0, samples: [] };
      total.count += entry.count;
      total.selfSize += entry.count * (maps.get(map)?.size ?? 0);
      for (const s of entry.samples) if (total.samples.length < SAMPLES) total.samples.push(hex(s));
      byName.set(name, total);
    }
    return [...byName.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  }

  /** Reads each range in blocks; `visit` returns true to stop early. Blocks overlap by nothing. */
  private async scan(ranges: Range[], visit: (view: DataView, base: number) => boolean | void): Promise<void> {
    for (const range of ranges) {
      for (let at = range.start; at < range.end; at += BLOCK) {
        const read = await this.image.memory.read(at, Math.min(BLOCK, range.end - at));
        const bytes = read.bytes;
        if (bytes.length === 0) continue;
        if (visit(new DataView(bytes.buffer, bytes.byteOffset, bytes.length - (bytes.length % 8)), at) === true) return;
      }
    }
  }
}

function newPerMap(): PerMap {
  return new Map<number, { count: number; samples: number[] }>();
}

function count(perMap: PerMap, map: number, object: number): void {
  const entry = perMap.get(map) ?? { count: 0, samples: [] };
  entry.count++;
  if (entry.samples.length < SAMPLES) entry.samples.push(object);
  perMap.set(map, entry);
}
