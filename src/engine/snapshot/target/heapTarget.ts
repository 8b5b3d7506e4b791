// A heap snapshot as a DumpTarget, for the read-only debug session: one pseudo-thread with one
// frame ("heap snapshot"), whose scopes browse the heap (heapScopes.ts). The analysis itself runs
// wherever the opener's HeapAnalyzer puts it — in a worker for the adapter, so a multi-GB snapshot
// keeps the session responsive — and every expansion is a query to it.

import type { ByteSource } from '../../bytes/byteSource';
import type { CrashAnalysis } from '../../crash';
import type { DumpTarget, OpenOptions } from '../../dumpTarget';
import { formatBytes } from '../../format';
import type { Inspectable, InspectableScope } from '../../inspectable';
import type { HeapOverview } from '../heapSnapshot';
import type { ClassSummary } from '../passes/classSummary';
import { type HeapAnalysis, localHeapAnalyzer } from '../service/heapAnalysis';
import { HeapInspector } from './heapInspectables';
import { heapScopes } from './heapScopes';

const THREAD_ID = 1;
/** `@12345`: DevTools' notation for an object id, evaluated to that object. */
const OBJECT_ID = /^@(\d+)$/;

function snapshotAnalysis(overview: HeapOverview, top: ClassSummary | undefined): CrashAnalysis {
  const size = `${formatBytes(overview.totalSize)} in ${overview.nodeCount.toLocaleString('en-US')} objects`;
  const largest = top === undefined ? '' : `; largest: ${top.name} (${formatBytes(top.retainedSize)} retained)`;
  return {
    kind: 'heapsnapshot',
    description: `Heap snapshot: ${size}${largest}`,
    threads: [{ id: THREAD_ID, name: 'Heap snapshot', frames: [{ kind: 'js', function: `heap snapshot (${size})` }] }],
    crashingThreadId: THREAD_ID,
  };
}

export class HeapTarget implements DumpTarget {
  readonly kind = 'heapsnapshot' as const;
  private readonly inspector: HeapInspector;
  private readonly scopeList: InspectableScope[];
  private readonly pinned: Inspectable[] = [];
  private readonly pinnedScope: InspectableScope = { name: 'Pinned', expensive: false, variables: () => this.pinned };

  constructor(
    readonly name: string,
    readonly heap: HeapAnalysis,
    readonly analysis: CrashAnalysis,
  ) {
    this.inspector = new HeapInspector(heap);
    this.scopeList = heapScopes(heap, this.inspector);
  }

  // One frame: every request gets the same scopes, objects pinned from the heap viewer first.
  scopes(): InspectableScope[] {
    return this.pinned.length === 0 ? this.scopeList : [this.pinnedScope, ...this.scopeList];
  }

  /** `@id` shows that object; anything else is left to the session's name lookup. */
  async evaluate(expression: string): Promise<Inspectable | undefined> {
    const match = OBJECT_ID.exec(expression.trim());
    return match === null ? undefined : this.object(Number(match[1]));
  }

  async pinObject(id: number): Promise<void> {
    const object = await this.object(id);
    if (!this.pinned.some((p) => p.name === object.name)) this.pinned.unshift(object);
  }

  private async object(id: number): Promise<Inspectable> {
    const node = await this.heap.query('nodeById', id);
    if (node === null) throw new Error(`No object has id @${id} in this snapshot.`);
    return this.inspector.node(`@${node.id}`, node);
  }

  dispose(): Promise<void> {
    return this.heap.dispose();
  }
}

export async function openHeapTarget(source: ByteSource, options: OpenOptions): Promise<HeapTarget> {
  const analyze = options.heapAnalyzer ?? localHeapAnalyzer;
  const heap = await analyze(source, { signal: options.signal, onProgress: options.onProgress });
  try {
    const [overview, summary] = await Promise.all([heap.query('overview'), heap.query('summary')]);
    return new HeapTarget(source.name, heap, snapshotAnalysis(overview, summary[0]));
  } catch (error) {
    await heap.dispose();
    throw error;
  }
}
