// The heap analysis service: snapshots are parsed and analysed in a worker thread (a multi-GB
// snapshot takes seconds of CPU and GBs of memory that must not land on the extension host's or the
// adapter's thread), with progress and cancellation. The caller keeps its ByteSource and serves the
// worker's reads from it; once loaded, the snapshot lives in the worker and is queried from here.
//
// Front ends pass the path of the bundled worker (dist/heapWorker.js): the engine does not know
// where it is installed.

import { Worker } from 'worker_threads';
import type { ByteSource } from '../../bytes/byteSource';
import type { HeapLoadOptions } from '../heapGraph';
import type { ComparisonMode, SnapshotComparison } from '../queries/compareSnapshots';
import type { HeapAnalysis, HeapAnalyzer } from './heapAnalysis';
import type { HeapQuery, QueryArgs, QueryResult } from './heapQueries';
import { abortError, fromWire, toWire } from './wireErrors';
import type { FromWorker, ToWorker } from './workerProtocol';

type LoadOptions = Pick<HeapLoadOptions, 'signal' | 'onProgress'>;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onProgress?: LoadOptions['onProgress'];
}

export class HeapAnalysisService {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private readonly sources = new Map<number, ByteSource>();
  private nextId = 1;
  private stopped: Error | undefined;

  constructor(workerScript: string) {
    this.worker = new Worker(workerScript);
    this.worker.on('message', (message: FromWorker) => this.receive(message));
    this.worker.on('error', (error) => this.stop(new Error(`the heap analysis worker failed: ${error.message}`)));
    this.worker.on('exit', (code) => this.stop(new Error(`the heap analysis worker stopped (exit code ${code})`)));
  }

  /** Loads a snapshot in the worker; `source` is read to the end before this resolves. */
  async open(source: ByteSource, options: LoadOptions = {}): Promise<HeapAnalysis> {
    options.signal?.throwIfAborted();
    const snapshot = this.nextId++;
    const request = this.nextId++;
    this.sources.set(snapshot, source);
    const cancel = (): void => this.post({ type: 'cancel', request });
    options.signal?.addEventListener('abort', cancel, { once: true });
    try {
      await this.request(request, { type: 'open', request, snapshot, name: source.name, size: source.size }, options.onProgress);
    } finally {
      options.signal?.removeEventListener('abort', cancel);
      this.sources.delete(snapshot);
    }
    return new WorkerHeapAnalysis(this, snapshot);
  }

  query<K extends HeapQuery>(snapshot: number, method: K, args: QueryArgs<K>): Promise<QueryResult<K>> {
    const request = this.nextId++;
    return this.request(request, { type: 'query', request, snapshot, method, args }) as Promise<QueryResult<K>>;
  }

  /** Compares two snapshots loaded by this service (see compareSnapshots). */
  compare(before: HeapAnalysis, after: HeapAnalysis, mode: ComparisonMode | 'auto' = 'auto'): Promise<SnapshotComparison> {
    if (!(before instanceof WorkerHeapAnalysis && after instanceof WorkerHeapAnalysis && before.service === this && after.service === this)) {
      return Promise.reject(new Error('both snapshots must be loaded by this service'));
    }
    const request = this.nextId++;
    return this.request(request, { type: 'compare', request, before: before.snapshot, after: after.snapshot, mode }) as Promise<SnapshotComparison>;
  }

  close(snapshot: number): void {
    if (this.stopped === undefined) this.post({ type: 'close', snapshot });
  }

  /** Stops the worker at once, whatever it is doing, and frees everything it held. */
  async dispose(): Promise<void> {
    this.stop(abortError());
    await this.worker.terminate();
  }

  private request(request: number, message: ToWorker, onProgress?: LoadOptions['onProgress']): Promise<unknown> {
    if (this.stopped !== undefined) return Promise.reject(this.stopped);
    return new Promise((resolve, reject) => {
      this.pending.set(request, { resolve, reject, onProgress });
      this.post(message);
    });
  }

  private receive(message: FromWorker): void {
    switch (message.type) {
      case 'read':
        void this.serveRead(message.read, message.snapshot, message.offset, message.length);
        break;
      case 'progress':
        this.pending.get(message.request)?.onProgress?.(message.progress);
        break;
      case 'done':
      case 'failed': {
        const pending = this.pending.get(message.request);
        this.pending.delete(message.request);
        if (message.type === 'done') pending?.resolve(message.value);
        else pending?.reject(fromWire(message.error));
        break;
      }
    }
  }

  private async serveRead(read: number, snapshot: number, offset: number, length: number): Promise<void> {
    const source = this.sources.get(snapshot);
    try {
      if (source === undefined) throw new Error(`no source for heap snapshot ${snapshot}`);
      // A copy of just these bytes, moved (not cloned) to the worker: the source may share its
      // buffer (a cache, a view into something larger), and cloning a view clones its whole buffer.
      // (`new Uint8Array(view)` copies; a Buffer's own `slice` would not.)
      const copy = new Uint8Array(await source.read(offset, length));
      this.post({ type: 'bytes', read, bytes: copy }, [copy.buffer]);
    } catch (error) {
      this.post({ type: 'bytes', read, error: toWire(error) });
    }
  }

  private post(message: ToWorker, transfer: ArrayBuffer[] = []): void {
    if (this.stopped === undefined) this.worker.postMessage(message, transfer);
  }

  private stop(error: Error): void {
    if (this.stopped !== undefined) return;
    this.stopped = error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}

class WorkerHeapAnalysis implements HeapAnalysis {
  constructor(
    readonly service: HeapAnalysisService,
    readonly snapshot: number,
  ) {}

  query<K extends HeapQuery>(method: K, ...args: QueryArgs<K>): Promise<QueryResult<K>> {
    return this.service.query(this.snapshot, method, args);
  }

  async dispose(): Promise<void> {
    this.service.close(this.snapshot);
  }
}

class DedicatedWorkerAnalysis implements HeapAnalysis {
  constructor(
    private readonly service: HeapAnalysisService,
    private readonly analysis: HeapAnalysis,
  ) {}

  query<K extends HeapQuery>(method: K, ...args: QueryArgs<K>): Promise<QueryResult<K>> {
    return this.analysis.query(method, ...args);
  }

  dispose(): Promise<void> {
    return this.service.dispose();
  }
}

/**
 * An analyzer giving each snapshot a worker of its own: disposing the analysis ends the worker and
 * frees its memory at once, and cancelling a load ends it without waiting for a pass to finish.
 */
export function workerHeapAnalyzer(workerScript: string): HeapAnalyzer {
  return async (source, options = {}) => {
    options.signal?.throwIfAborted();
    const service = new HeapAnalysisService(workerScript);
    const terminate = (): void => void service.dispose();
    options.signal?.addEventListener('abort', terminate, { once: true });
    try {
      return new DedicatedWorkerAnalysis(service, await service.open(source, options));
    } catch (error) {
      await service.dispose();
      throw error;
    } finally {
      options.signal?.removeEventListener('abort', terminate);
    }
  };
}
