// The main thread's handle on the helper thread of the parallel passes: one request at a time,
// answered through shared memory. Started from the bundled worker (dist/heapWorker.js in the
// "passes" role); ended when the analysis is done, however it ends.

import { Worker } from 'worker_threads';
import type { HeapGraph } from '../heapGraph';
import type { PassReply, PassRequest, SideResults } from './passesServer';
import { shareGraph } from './sharedGraph';

export const PASSES_ROLE = 'heap-passes';

export class PassHelper {
  private readonly worker: Worker;
  private failure: Error | undefined;
  private waiting: { resolve: (reply: PassReply) => void; reject: (error: Error) => void } | undefined;

  constructor(script: string) {
    this.worker = new Worker(script, { workerData: { role: PASSES_ROLE } });
    this.worker.on('message', (reply: PassReply) => this.settle((w) => w.resolve(reply)));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the heap passes helper stopped (exit code ${code})`)));
  }

  /** Ownership and essential edges (for the dominator tree). */
  async essential(graph: HeapGraph): Promise<Uint8Array> {
    const reply = await this.request({ type: 'essential', graph: shareGraph(graph) });
    if ('essential' in reply) return reply.essential;
    throw this.replyError(reply);
  }

  /** Detachedness, class names and distances (everything the dominator tree does not need). */
  async side(graph: HeapGraph): Promise<SideResults> {
    const reply = await this.request({ type: 'side', graph: shareGraph(graph) });
    if ('side' in reply) return reply.side;
    throw this.replyError(reply);
  }

  dispose(): void {
    this.fail(new Error('the heap passes helper was stopped'));
    void this.worker.terminate();
  }

  private request(message: PassRequest): Promise<PassReply> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.worker.postMessage(message);
    });
  }

  private settle(action: (waiting: { resolve: (reply: PassReply) => void; reject: (error: Error) => void }) => void): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    if (waiting !== undefined) action(waiting);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.settle((w) => w.reject(error));
  }

  private replyError(reply: PassReply): Error {
    return new Error('error' in reply ? reply.error : 'unexpected reply from the heap passes helper');
  }
}
