// The crashed process's memory as stacked layers of regions (delve's spliced readers): the files
// named by NT_FILE first, then the core's own PT_LOAD bytes on top, so a page the core holds always
// wins over the file it was mapped from (it may have been written to). Reads that find no layer
// report how much was readable, which is what DAP's `unreadableBytes` and the unwinder need.

import { upperBound } from '../upperBound';

/** Reads `length` bytes at `offset` of whatever backs a region (may return fewer at its end). */
export type RegionReader = (offset: number, length: number) => Promise<Uint8Array>;

export interface Region {
  start: number;
  end: number;
  /** Offset in the backing store of `start`. */
  offset: number;
  read: RegionReader;
}

class Layer {
  private readonly starts: Float64Array;

  constructor(private readonly regions: Region[]) {
    regions.sort((a, b) => a.start - b.start);
    this.starts = Float64Array.from(regions, (r) => r.start);
  }

  find(address: number): Region | undefined {
    const i = upperBound(this.starts, address) - 1;
    const region = this.regions[i];
    return region !== undefined && address < region.end ? region : undefined;
  }

  /** The lowest region start above `address`, or Infinity. */
  nextStart(address: number): number {
    const i = upperBound(this.starts, address);
    return i < this.starts.length ? this.starts[i] : Infinity;
  }
}

export interface MemoryRead {
  /** The readable bytes from the requested address onwards (possibly none). */
  bytes: Uint8Array;
  /** Bytes after `bytes` that no layer holds, up to the next readable byte or the requested end. */
  unreadable: number;
}

export class AddressSpace {
  private readonly layers: Layer[] = [];

  /** Adds a layer above all previous ones: its regions win where they overlap. */
  addLayer(regions: Region[]): void {
    this.layers.push(new Layer(regions.filter((r) => r.end > r.start)));
  }

  /** The winning region at `address`, and where a higher layer's region takes over from it. */
  private find(address: number): { region: Region; until: number } | undefined {
    let until = Infinity;
    for (let i = this.layers.length - 1; i >= 0; i--) {
      const region = this.layers[i].find(address);
      if (region !== undefined) return { region, until: Math.min(until, region.end) };
      until = Math.min(until, this.layers[i].nextStart(address));
    }
    return undefined;
  }

  /** Exactly `length` bytes at `address`, or undefined when any of them is not in the dump. */
  async readExact(address: number, length: number): Promise<Uint8Array | undefined> {
    const read = await this.read(address, length);
    return read.bytes.length === length ? read.bytes : undefined;
  }

  async readU64(address: bigint): Promise<bigint | undefined> {
    if (address > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
    const bytes = await this.readExact(Number(address), 8);
    return bytes === undefined ? undefined : new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  }

  /** The readable prefix of [address, address+length) and how much after it is unreadable. */
  async read(address: number, length: number): Promise<MemoryRead> {
    const chunks: Uint8Array[] = [];
    let at = address;
    const end = address + length;
    while (at < end) {
      const found = this.find(at);
      if (found === undefined) break;
      const { region } = found;
      const want = Math.min(end, found.until) - at;
      const bytes = await region.read(region.offset + (at - region.start), want);
      if (bytes.length > 0) chunks.push(bytes);
      at += bytes.length;
      if (bytes.length < want) break;
    }
    const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
    return { bytes, unreadable: at < end ? Math.min(end, this.nextReadable(at)) - at : 0 };
  }

  /** The lowest address at or after `address` that some layer holds (Infinity when none). */
  private nextReadable(address: number): number {
    let next = Infinity;
    for (const layer of this.layers) next = Math.min(next, layer.nextStart(address));
    return Math.max(next, address + 1);
  }
}
