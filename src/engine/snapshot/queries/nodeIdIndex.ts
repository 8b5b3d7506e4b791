// Finding a node by its V8 id (`@12345`, `--node 12345`, comparing snapshots): an open-addressing
// hash table in one typed array, built on first use. Slots hold ordinal + 1 (0 = empty) and the id
// is read back from the node column, so the table costs 4 bytes per slot and nothing per entry.

const EMPTY = 0;

export class NodeIdIndex {
  private readonly slots: Uint32Array;
  private readonly mask: number;

  constructor(private readonly ids: Uint32Array) {
    // Load factor at most 2/3 keeps linear probing short.
    let capacity = 1024;
    while (capacity < ids.length * 1.5) capacity *= 2;
    this.slots = new Uint32Array(capacity);
    this.mask = capacity - 1;
    for (let ordinal = 0; ordinal < ids.length; ordinal++) this.insert(ordinal);
  }

  /** The ordinal of the node with `id`, or -1. */
  find(id: number): number {
    const { slots, mask, ids } = this;
    for (let slot = hash(id) & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot];
      if (entry === EMPTY) return -1;
      if (ids[entry - 1] === id) return entry - 1;
    }
  }

  private insert(ordinal: number): void {
    const { slots, mask, ids } = this;
    const id = ids[ordinal];
    for (let slot = hash(id) & mask; ; slot = (slot + 1) & mask) {
      const entry = slots[slot];
      // A repeated id (a malformed snapshot) keeps its first node.
      if (entry !== EMPTY && ids[entry - 1] === id) return;
      if (entry === EMPTY) {
        slots[slot] = ordinal + 1;
        return;
      }
    }
  }
}

/** V8 ids advance in steps of 2; multiplying by a large odd constant spreads them over the table. */
function hash(id: number): number {
  return Math.imul(id, 0x9e3779b1) >>> 0;
}
