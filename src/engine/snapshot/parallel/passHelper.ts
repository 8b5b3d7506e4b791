// The main thread's handle on the helper thread of the parallel passes: requests are queued and
// answered in order, through shared memory. Started from the bundled worker (dist/heapWorker.js in
// the "passes" role); ended when the analysis is done, however it ends.

import { Worker } from 'worker_threads';
import type { HeapGraph } from '../heapGraph';
import type { Retainers } from '../passes/retainers';
import type { PassReply, PassRequest, SideResults } from './passesServer';
import { shareGraph } from './sharedGraph';

export const PASSES_ROLE = 'heap-passes';

interface Waiting {
  resolve: (reply: PassReply) => void;
  reject: (error: Error) => void;
}

export class PassHelper {
  private readonly worker: Worker;
  private failure: Error | undefined;
  /** Requests sent and not yet answered, oldest first: the helper answers in order. */
  private readonly waiting: Waiting[] = [];

  constructor(script: string) {
    this.worker = new Worker(script, { workerData: { role: PASSES_ROLE } });
    this.worker.on('message', (reply: PassReply) => this.waiting.shift()?.resolve(reply));
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`the heap passes helper stopped (exit code ${code})`)));
  }

  /** Detachedness, class names and distances (everything the dominator tree does not need). */
  async side(graph: HeapGraph): Promise<SideResults> {
    const reply = await this.request({ type: 'side', graph: shareGraph(graph) });
    if ('side' in reply) return reply.side;
    throw this.replyError(reply);
  }

  /** The first half of the retainers pass (retainers.ts): where each node's retainers will start. */
  async retainerIndex(graph: HeapGraph): Promise<Uint32Array> {
    const reply = await this.request({ type: 'retainer index', graph: shareGraph(graph) });
    if ('firstRetainer' in reply) return reply.firstRetainer;
    throw this.replyError(reply);
  }

  /** The second half: the retainers, into the runs `firstRetainer` reserves. */
  async retainers(graph: HeapGraph, firstRetainer: Uint32Array): Promise<Retainers> {
    const reply = await this.request({ type: 'retainers', graph: shareGraph(graph), firstRetainer });
    if ('retainers' in reply) return reply.retainers;
    throw this.replyError(reply);
  }

  dispose(): void {
    this.fail(new Error('the heap passes helper was stopped'));
    void this.worker.terminate();
  }

  private request(message: PassRequest): Promise<PassReply> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.worker.postMessage(message);
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.waiting.splice(0)) waiting.reject(error);
  }

  private replyError(reply: PassReply): Error {
    return new Error('error' in reply ? reply.error : 'unexpected reply from the heap passes helper');
  }
}
