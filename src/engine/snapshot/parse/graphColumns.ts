// Sinks that distribute the flat `nodes` and `edges` number streams into one typed array per field
// (columnar, unlike the file's interleaved layout). A column holds at most 2^32 elements — the typed
// array limit — which the header check guarantees, and each is far smaller than the interleaved
// array would be (types are bytes; `to_node` becomes an ordinal). Every value is checked as it
// arrives, so a bad one is reported at its own byte offset. Columns are shared memory, so passes on
// another thread can read them (parallel/passHelper.ts).

import { DumpError } from '../../dumpError';
import { formatBytes } from '../../format';
import { sharedFloat64, sharedUint32, sharedUint8 } from '../sharedArrays';
import type { SnapshotHeader } from '../snapshotHeader';
import type { NumberSink } from './numberArrayParser';
import { scanRow } from './rowScanner';

const enum Role {
  Ignore,
  Type,
  Name,
  Id,
  SelfSize,
  EdgeCount,
  Detachedness,
  ToNode,
}

const MAX_UINT32 = 0xffffffff;

export interface NodeColumns {
  type: Uint8Array;
  name: Uint32Array;
  id: Uint32Array;
  selfSize: Float64Array;
  /** Each node's edge_count, length nodeCount + 1; the first-edge pass turns it into offsets in place. */
  edgeCounts: Uint32Array;
  detachedness: Uint8Array | undefined;
}

export interface EdgeColumns {
  type: Uint8Array;
  /** A string index or an element/hidden index, per the edge's type. */
  name: Uint32Array;
  /** The target's node ordinal (the file's `to_node` divided by the node field count). */
  to: Uint32Array;
}

/** Allocates a typed array, turning V8's allocation failure into one clear line. */
export function allocate<T>(file: string, what: string, bytes: number, make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (error instanceof RangeError) throw new DumpError(file, `not enough memory for ${what} (${formatBytes(bytes)})`);
    throw error;
  }
}

abstract class ColumnSink implements NumberSink {
  protected field = 0;
  protected ordinal = 0;
  protected readonly roles: Uint8Array;
  /** One row's values, for the fast path. */
  protected readonly row: Float64Array;

  constructor(
    protected readonly file: string,
    protected readonly what: string,
    protected readonly rows: number,
    fieldCount: number,
    roleOf: (field: number) => Role,
  ) {
    this.roles = Uint8Array.from({ length: fieldCount }, (_, f) => roleOf(f));
    this.row = new Float64Array(fieldCount);
  }

  get complete(): boolean {
    return this.ordinal === this.rows && this.field === 0;
  }

  get atRowStart(): boolean {
    return this.field === 0;
  }

  get valuesToRowEnd(): number {
    return this.roles.length - this.field;
  }

  abstract accept(values: Float64Array, count: number, locate: (i: number) => number): void;

  abstract acceptRows(bytes: Uint8Array, from: number, end: number): number;

  close(offset: number): void {
    if (!this.complete) {
      const numbers = this.ordinal * this.roles.length + this.field;
      this.fail(`the ${this.what} array has ${numbers} numbers; the header's count needs ${this.rows * this.roles.length}`, offset);
    }
  }

  protected fail(problem: string, offset: number): never {
    throw new DumpError(this.file, problem, offset);
  }

  protected tooMany(offset: number): never {
    this.fail(`the ${this.what} array holds more than the ${this.rows} ${this.what} the header announces`, offset);
  }
}

export class NodeSink extends ColumnSink {
  readonly columns: NodeColumns;
  private edgeSum = 0;

  constructor(
    file: string,
    private readonly header: SnapshotHeader,
  ) {
    const l = header.layout;
    const roles = new Map<number, Role>([
      [l.nodeType, Role.Type],
      [l.nodeName, Role.Name],
      [l.nodeId, Role.Id],
      [l.nodeSelfSize, Role.SelfSize],
      [l.nodeEdgeCount, Role.EdgeCount],
      [l.nodeDetachedness, Role.Detachedness],
    ]);
    super(file, 'nodes', header.nodeCount, l.nodeFieldCount, (f) => roles.get(f) ?? Role.Ignore);
    const n = header.nodeCount;
    this.columns = allocate(file, `${n} nodes`, n * 22, () => ({
      type: sharedUint8(n),
      name: sharedUint32(n),
      id: sharedUint32(n),
      selfSize: sharedFloat64(n),
      edgeCounts: sharedUint32(n + 1),
      detachedness: l.nodeDetachedness < 0 ? undefined : sharedUint8(n),
    }));
  }

  accept(values: Float64Array, count: number, locate: (i: number) => number): void {
    const { type, name, id, selfSize, edgeCounts, detachedness } = this.columns;
    const roles = this.roles;
    const typeCount = this.header.layout.nodeTypes.length;
    const fieldCount = roles.length;
    let { field, ordinal, edgeSum } = this;
    for (let i = 0; i < count; i++) {
      const v = values[i];
      if (ordinal === this.rows) this.tooMany(locate(i));
      switch (roles[field]) {
        case Role.Type:
          if (v >= typeCount) this.fail(`node type ${v} is not one of the ${typeCount} types snapshot.meta names`, locate(i));
          type[ordinal] = v;
          break;
        case Role.Name:
          if (v > MAX_UINT32) this.fail(`node name index ${v} is out of range`, locate(i));
          name[ordinal] = v;
          break;
        case Role.Id:
          if (v > MAX_UINT32) this.fail(`node id ${v} is out of range`, locate(i));
          id[ordinal] = v;
          break;
        case Role.SelfSize:
          selfSize[ordinal] = v;
          break;
        case Role.EdgeCount:
          edgeSum += v;
          if (edgeSum > this.header.edgeCount) {
            this.fail(`the nodes' edge counts add up to more than snapshot.edge_count (${this.header.edgeCount})`, locate(i));
          }
          edgeCounts[ordinal] = v;
          break;
        case Role.Detachedness:
          if (detachedness !== undefined) detachedness[ordinal] = v & 3;
          break;
      }
      if (++field === fieldCount) {
        field = 0;
        ordinal++;
      }
    }
    this.field = field;
    this.ordinal = ordinal;
    this.edgeSum = edgeSum;
  }

  /** The fast path: the checks of `accept`, a row at a time; a row that fails one is left to it. */
  acceptRows(bytes: Uint8Array, from: number, end: number): number {
    const { type, name, id, selfSize, edgeCounts, detachedness } = this.columns;
    const { row, rows } = this;
    const l = this.header.layout;
    const typeCount = l.nodeTypes.length;
    const edgeLimit = this.header.edgeCount;
    let { ordinal, edgeSum } = this;
    let i = from;
    while (ordinal < rows) {
      const next = scanRow(bytes, i, end, row);
      if (next < 0) break;
      const nodeType = row[l.nodeType];
      const nodeName = row[l.nodeName];
      const nodeId = row[l.nodeId];
      const edgeCount = row[l.nodeEdgeCount];
      if (nodeType >= typeCount || nodeName > MAX_UINT32 || nodeId > MAX_UINT32 || edgeSum + edgeCount > edgeLimit) break;
      type[ordinal] = nodeType;
      name[ordinal] = nodeName;
      id[ordinal] = nodeId;
      selfSize[ordinal] = row[l.nodeSelfSize];
      edgeCounts[ordinal] = edgeCount;
      edgeSum += edgeCount;
      if (detachedness !== undefined) detachedness[ordinal] = row[l.nodeDetachedness] & 3;
      ordinal++;
      i = next;
    }
    this.ordinal = ordinal;
    this.edgeSum = edgeSum;
    return i;
  }

  /** The sum of all edge_count fields, to compare with the header and the edges array. */
  get edgeCountSum(): number {
    return this.edgeSum;
  }
}

export class EdgeSink extends ColumnSink {
  readonly columns: EdgeColumns;

  constructor(
    file: string,
    private readonly header: SnapshotHeader,
  ) {
    const l = header.layout;
    const roles = new Map<number, Role>([
      [l.edgeType, Role.Type],
      [l.edgeNameOrIndex, Role.Name],
      [l.edgeToNode, Role.ToNode],
    ]);
    super(file, 'edges', header.edgeCount, l.edgeFieldCount, (f) => roles.get(f) ?? Role.Ignore);
    const e = header.edgeCount;
    this.columns = allocate(file, `${e} edges`, e * 9, () => ({ type: sharedUint8(e), name: sharedUint32(e), to: sharedUint32(e) }));
  }

  accept(values: Float64Array, count: number, locate: (i: number) => number): void {
    const { type, name, to } = this.columns;
    const roles = this.roles;
    const fieldCount = roles.length;
    const typeCount = this.header.layout.edgeTypes.length;
    const nodeFieldCount = this.header.layout.nodeFieldCount;
    const nodeIndexEnd = this.header.nodeCount * nodeFieldCount;
    let { field, ordinal } = this;
    for (let i = 0; i < count; i++) {
      const v = values[i];
      if (ordinal === this.rows) this.tooMany(locate(i));
      switch (roles[field]) {
        case Role.Type:
          if (v >= typeCount) this.fail(`edge type ${v} is not one of the ${typeCount} types snapshot.meta names`, locate(i));
          type[ordinal] = v;
          break;
        case Role.Name:
          if (v > MAX_UINT32) this.fail(`edge name_or_index ${v} is out of range`, locate(i));
          name[ordinal] = v;
          break;
        case Role.ToNode:
          if (v >= nodeIndexEnd || v % nodeFieldCount !== 0) {
            this.fail(`edge to_node ${v} is not the index of one of the ${this.header.nodeCount} nodes`, locate(i));
          }
          to[ordinal] = v / nodeFieldCount;
          break;
      }
      if (++field === fieldCount) {
        field = 0;
        ordinal++;
      }
    }
    this.field = field;
    this.ordinal = ordinal;
  }

  /** The fast path: the checks of `accept`, a row at a time; a row that fails one is left to it. */
  acceptRows(bytes: Uint8Array, from: number, end: number): number {
    const { type, name, to } = this.columns;
    const { row, rows } = this;
    const l = this.header.layout;
    const typeCount = l.edgeTypes.length;
    const nodeFieldCount = l.nodeFieldCount;
    const nodeIndexEnd = this.header.nodeCount * nodeFieldCount;
    let ordinal = this.ordinal;
    let i = from;
    while (ordinal < rows) {
      const next = scanRow(bytes, i, end, row);
      if (next < 0) break;
      const edgeType = row[l.edgeType];
      const edgeName = row[l.edgeNameOrIndex];
      const toNode = row[l.edgeToNode];
      if (edgeType >= typeCount || edgeName > MAX_UINT32 || toNode >= nodeIndexEnd || toNode % nodeFieldCount !== 0) break;
      type[ordinal] = edgeType;
      name[ordinal] = edgeName;
      to[ordinal] = toNode / nodeFieldCount;
      ordinal++;
      i = next;
    }
    this.ordinal = ordinal;
    return i;
  }
}
