// The helper thread's side of the parallel passes: it runs the passes the main thread does not
// need for the dominator tree while the main thread builds it (see analyzeHeapGraph.ts), writing
// their results into shared memory. Requests are answered one at a time, in the order they came.

import { errorMessage } from '../../errorMessage';
import type { HeapGraph } from '../heapGraph';
import { computeClassNames, type ClassIndex } from '../passes/classNames';
import { propagateDetachedness } from '../passes/detachedness';
import { computeDistances } from '../passes/distances';
import { fillRetainers, indexRetainers, type Retainers } from '../passes/retainers';
import { receiveGraph, type SharedGraph } from './sharedGraph';

export type PassRequest = { type: 'side'; graph: SharedGraph } | { type: 'retainer index'; graph: SharedGraph } | { type: 'retainers'; graph: SharedGraph; firstRetainer: Uint32Array };

export interface SideResults {
  distances: Int32Array;
  detachedness: Uint8Array | undefined;
  classes: ClassIndex;
}

export type PassReply = { side: SideResults } | { firstRetainer: Uint32Array } | { retainers: Retainers } | { error: string };

export interface PassPort {
  postMessage(message: PassReply): void;
  on(event: 'message', listener: (message: PassRequest) => void): void;
}

export function servePasses(port: PassPort): void {
  port.on('message', (request) => {
    try {
      port.postMessage(answer(request, receiveGraph(request.graph)));
    } catch (error) {
      port.postMessage({ error: errorMessage(error) });
    }
  });
}

function answer(request: PassRequest, graph: HeapGraph): PassReply {
  switch (request.type) {
    case 'side': {
      const detachedness = propagateDetachedness(graph);
      return { side: { detachedness, classes: computeClassNames(graph, detachedness), distances: computeDistances(graph) } };
    }
    case 'retainer index':
      return { firstRetainer: indexRetainers(graph) };
    case 'retainers':
      return { retainers: fillRetainers(graph, request.firstRetainer) };
  }
}
