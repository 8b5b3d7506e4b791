// A HeapGraph as a message for another thread. Its columns and string pages are shared memory, so
// the message carries views of the same bytes, not copies; only the string table's decoding cache
// is per thread.

import type { HeapGraph } from '../heapGraph';
import { type StringPages, StringTable } from '../strings/stringTable';

export type SharedGraph = Omit<HeapGraph, 'strings'> & { stringPages: StringPages };

export function shareGraph(graph: HeapGraph): SharedGraph {
  const { strings, ...rest } = graph;
  return { ...rest, stringPages: strings.pages };
}

export function receiveGraph(shared: SharedGraph): HeapGraph {
  const { stringPages, ...rest } = shared;
  return { ...rest, strings: new StringTable(stringPages) };
}
