// The worker's side of the heap analysis service: loads snapshots whose bytes it asks the caller
// for, keeps them, and answers queries on them. Loads run their passes with a turn of the event
// loop in between, so a `cancel` message is seen between passes (and between reads while parsing).

import type { ByteSource } from '../../bytes/byteSource';
import { loadHeapSnapshot } from '../analyzeHeapGraph';
import type { HeapProgress } from '../heapGraph';
import type { HeapSnapshot } from '../heapSnapshot';
import { compareSnapshots } from '../queries/compareSnapshots';
import { isHeapQuery, type HeapQuery, type QueryArgs, runQuery } from './heapQueries';
import { fromWire, toWire } from './wireErrors';
import type { FromWorker, ToWorker } from './workerProtocol';

export interface MessagePortLike {
  postMessage(message: FromWorker, transfer?: ArrayBuffer[]): void;
  on(event: 'message', listener: (message: ToWorker) => void): void;
}

/** Progress messages at most this often per load (and at every phase change). */
const PROGRESS_INTERVAL_MS = 100;

class RemoteByteSource implements ByteSource {
  constructor(
    readonly name: string,
    readonly size: number,
    private readonly ask: (offset: number, length: number) => Promise<Uint8Array>,
  ) {}

  read(offset: number, length: number): Promise<Uint8Array> {
    return this.ask(offset, length);
  }

  async close(): Promise<void> {}
}

export class HeapWorkerServer {
  private readonly snapshots = new Map<number, HeapSnapshot>();
  private readonly loads = new Map<number, AbortController>();
  private readonly reads = new Map<number, { resolve: (bytes: Uint8Array) => void; reject: (error: Error) => void }>();
  private nextRead = 1;

  /** `helperScript`: the worker bundle, run again as the helper of each load's parallel passes. */
  constructor(
    private readonly port: MessagePortLike,
    private readonly helperScript?: string,
  ) {
    port.on('message', (message) => this.receive(message));
  }

  private receive(message: ToWorker): void {
    switch (message.type) {
      case 'open':
        void this.open(message.request, message.snapshot, message.name, message.size);
        break;
      case 'cancel':
        this.loads.get(message.request)?.abort();
        break;
      case 'bytes':
        this.delivered(message.read, message.bytes, message.error === undefined ? undefined : fromWire(message.error));
        break;
      case 'query':
        this.answer(message.request, () => this.query(message.snapshot, message.method, message.args));
        break;
      case 'compare':
        this.answer(message.request, () => compareSnapshots(this.snapshot(message.before), this.snapshot(message.after), message.mode));
        break;
      case 'close':
        this.snapshots.delete(message.snapshot);
        break;
    }
  }

  private async open(request: number, id: number, name: string, size: number): Promise<void> {
    const controller = new AbortController();
    this.loads.set(request, controller);
    const source = new RemoteByteSource(name, size, (offset, length) => this.ask(id, offset, length));
    try {
      const snapshot = await loadHeapSnapshot(source, { signal: controller.signal, onProgress: this.progress(request), helperWorker: this.helperScript });
      this.snapshots.set(id, snapshot);
      this.port.postMessage({ type: 'done', request, value: snapshot.overview() });
    } catch (error) {
      this.port.postMessage({ type: 'failed', request, error: toWire(error) });
    } finally {
      this.loads.delete(request);
    }
  }

  private ask(snapshot: number, offset: number, length: number): Promise<Uint8Array> {
    const read = this.nextRead++;
    return new Promise((resolve, reject) => {
      this.reads.set(read, { resolve, reject });
      this.port.postMessage({ type: 'read', read, snapshot, offset, length });
    });
  }

  private delivered(read: number, bytes: Uint8Array | undefined, error: Error | undefined): void {
    const pending = this.reads.get(read);
    this.reads.delete(read);
    if (error !== undefined || bytes === undefined) pending?.reject(error ?? new Error('no bytes'));
    else pending?.resolve(bytes);
  }

  private progress(request: number): (progress: HeapProgress) => void {
    let phase = '';
    let last = 0;
    return (progress) => {
      const now = Date.now();
      if (progress.phase === phase && now - last < PROGRESS_INTERVAL_MS && progress.fraction < 1) return;
      phase = progress.phase;
      last = now;
      this.port.postMessage({ type: 'progress', request, progress });
    };
  }

  private query(snapshot: number, method: HeapQuery, args: unknown[]): unknown {
    if (!isHeapQuery(method)) throw new Error(`unknown heap query "${String(method)}"`);
    return runQuery(this.snapshot(snapshot), method, args as QueryArgs<HeapQuery>);
  }

  private snapshot(id: number): HeapSnapshot {
    const snapshot = this.snapshots.get(id);
    if (snapshot === undefined) throw new Error(`heap snapshot ${id} is not loaded (closed, or its load failed)`);
    return snapshot;
  }

  private answer(request: number, compute: () => unknown): void {
    try {
      this.port.postMessage({ type: 'done', request, value: compute() });
    } catch (error) {
      this.port.postMessage({ type: 'failed', request, error: toWire(error) });
    }
  }
}
