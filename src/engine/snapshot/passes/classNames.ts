// Pass "class names": the class each node is counted under in the summary, by DevTools' rules
// (HeapSnapshot.calculateObjectNames): objects and native nodes by their name — `<div id=x>` shortened
// to `<div>`, detached DOM wrappers prefixed "Detached " — hidden nodes as "(system)", code as
// "(compiled code)", closures as "Function", regexps as "RegExp", and every other kind as "(kind)".
// Plain `Object`s are then split by property set (plainObjectNames.ts).

import type { HeapGraph } from '../heapGraph';
import { sharedUint32 } from '../sharedArrays';
import { DETACHED } from './detachedness';
import { namePlainObjects } from './plainObjectNames';

export interface ClassIndex {
  /** Class id of each node. */
  classOf: Uint32Array;
  /** Class name of each class id. */
  names: string[];
}

const LESS_THAN = 0x3c;

export class ClassTable {
  readonly names: string[] = [];
  private readonly byName = new Map<string, number>();

  idOf(name: string): number {
    let id = this.byName.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.byName.set(name, id);
    }
    return id;
  }
}

/** `<div id="x" class="y">` → `<div>`, as DevTools groups DOM wrappers. */
function shortTagName(name: string, prefixLength: number): string {
  const space = name.indexOf(' ', prefixLength);
  return space < 0 ? name : `${name.substring(0, space)}>`;
}

export function computeClassNames(graph: HeapGraph, detachedness: Uint8Array | undefined): ClassIndex {
  const { nodeCount, nodeType, nodeName, strings, layout } = graph;
  const t = layout.nodeTypeIds;
  const table = new ClassTable();
  // Kinds named by their type alone resolve through one array lookup per node.
  const byType = Int32Array.from(layout.nodeTypes, (type, id) => {
    if (id === t.object || id === t.native) return -1;
    if (id === t.hidden) return table.idOf('(system)');
    if (id === t.code) return table.idOf('(compiled code)');
    if (id === t.closure) return table.idOf('Function');
    if (id === t.regexp) return table.idOf('RegExp');
    return table.idOf(`(${type})`);
  });
  // Objects named by a plain string share its class through the string index (V8 deduplicates strings).
  const byString = new Int32Array(strings.count).fill(-1);
  const classOf = sharedUint32(nodeCount);
  for (let n = 0; n < nodeCount; n++) {
    const type = nodeType[n];
    const fixed = byType[type];
    if (fixed >= 0) {
      classOf[n] = fixed;
      continue;
    }
    const name = nodeName[n];
    if (type === t.native && detachedness !== undefined && detachedness[n] === DETACHED) {
      const text = `Detached ${strings.get(name)}`;
      classOf[n] = table.idOf(text.startsWith('Detached <') ? shortTagName(text, 10) : text);
      continue;
    }
    let id = byString[name];
    if (id < 0) {
      const text = strings.get(name);
      id = byString[name] = table.idOf(strings.firstByte(name) === LESS_THAN ? shortTagName(text, 0) : text);
    }
    classOf[n] = id;
  }
  namePlainObjects(graph, classOf, table);
  return { classOf, names: table.names };
}
