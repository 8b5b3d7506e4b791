// The helper thread's side of the parallel passes: it runs the passes the main thread does not
// need for the dominator tree while the main thread builds it (see parallelPasses.ts), writing
// their results into shared memory.

import { computeClassNames, type ClassIndex } from '../passes/classNames';
import { propagateDetachedness } from '../passes/detachedness';
import { computeDistances } from '../passes/distances';
import { markEssentialEdges } from '../passes/essentialEdges';
import { markOwnedNodes } from '../passes/ownership';
import { receiveGraph, type SharedGraph } from './sharedGraph';

export type PassRequest = { type: 'essential'; graph: SharedGraph } | { type: 'side'; graph: SharedGraph };

export interface SideResults {
  distances: Int32Array;
  detachedness: Uint8Array | undefined;
  classes: ClassIndex;
}

export type PassReply = { essential: Uint8Array } | { side: SideResults } | { error: string };

export interface PassPort {
  postMessage(message: PassReply): void;
  on(event: 'message', listener: (message: PassRequest) => void): void;
}

export function servePasses(port: PassPort): void {
  port.on('message', (request) => {
    try {
      const graph = receiveGraph(request.graph);
      if (request.type === 'essential') {
        port.postMessage({ essential: markEssentialEdges(graph, markOwnedNodes(graph)) });
      } else {
        const detachedness = propagateDetachedness(graph);
        port.postMessage({ side: { detachedness, classes: computeClassNames(graph, detachedness), distances: computeDistances(graph) } });
      }
    } catch (error) {
      port.postMessage({ error: error instanceof Error ? error.message : String(error) });
    }
  });
}
