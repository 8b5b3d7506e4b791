// Plain `Object`s are most of a typical heap and say nothing as one class, so DevTools names them by
// their property set, `{id, name, child}` (HeapSnapshot.inferInterfaceDefinitions): a property set
// becomes a class when at least max(2, one in a thousand) plain objects have it. The name lists the
// properties in the object's own order, stopping before it would pass 120 characters.
//
// Deliberate difference: DevTools then also files an object under the largest such property set
// its properties *contain*; we file only objects whose own property list is exactly that set (the
// others stay `Object`). Cheaper, and an object is never counted under a shape it does not have.
//
// Heaps hold millions of plain objects, so no string is built per object: an object's shape is the
// sequence of its property-name string indices, hashed, and compared with the shape's first object
// on a hash match. Names are built once per shape that qualifies.

import type { HeapGraph } from '../heapGraph';
import type { ClassTable } from './classNames';

const MAX_NAME_LENGTH = 120;
const MIN_OBJECTS_PER_SHAPE = 2;
const MIN_SHARE_PER_SHAPE = 1000;
const NOT_A_PROPERTY = -1;

class Shapes {
  private readonly formatted = new Map<number, string>();
  private readonly property: number;
  /** Per shape: its first object and how many properties its name holds. */
  readonly representative: number[] = [];
  readonly propertyCount: number[] = [];
  readonly objects: number[] = [];
  private readonly byHash = new Map<number, number[]>();

  constructor(private readonly graph: HeapGraph) {
    this.property = graph.layout.edgeTypeIds.property;
  }

  /** The shape id of plain object `node`, or -1 when it has no properties. */
  shapeOf(node: number): number {
    const { firstEdge, edgeType, edgeName } = this.graph;
    let length = 1;
    let count = 0;
    let hash = 0x811c9dc5;
    for (let e = firstEdge[node], end = firstEdge[node + 1]; e < end; e++) {
      if (edgeType[e] !== this.property) continue;
      const size = this.formattedLength(edgeName[e]);
      if (size === NOT_A_PROPERTY) continue;
      if (length > 1 && length + size > MAX_NAME_LENGTH) break;
      length += length === 1 ? size : size + 2;
      count++;
      hash = Math.imul(hash ^ edgeName[e], 0x01000193);
    }
    if (count === 0) return -1;
    hash = Math.imul(hash ^ count, 0x01000193);
    const candidates = this.byHash.get(hash);
    for (const shape of candidates ?? []) {
      if (this.propertyCount[shape] === count && this.sameProperties(this.representative[shape], node, count)) {
        this.objects[shape]++;
        return shape;
      }
    }
    const shape = this.representative.length;
    this.representative.push(node);
    this.propertyCount.push(count);
    this.objects.push(1);
    if (candidates === undefined) this.byHash.set(hash, [shape]);
    else candidates.push(shape);
    return shape;
  }

  /** `{a, b, …}`: the first `count` properties of `node`. */
  name(node: number, count: number): string {
    const parts: string[] = [];
    this.forProperties(node, count, (index) => parts.push(this.format(index)));
    return `{${parts.join(', ')}}`;
  }

  /** Whether the first `count` properties of `a` and `b` have the same names, without allocating. */
  private sameProperties(a: number, b: number, count: number): boolean {
    const { firstEdge, edgeName } = this.graph;
    let ea = firstEdge[a];
    let eb = firstEdge[b];
    for (let k = 0; k < count; k++) {
      ea = this.nextProperty(ea, firstEdge[a + 1]);
      eb = this.nextProperty(eb, firstEdge[b + 1]);
      if (ea < 0 || eb < 0 || edgeName[ea] !== edgeName[eb]) return false;
      ea++;
      eb++;
    }
    return true;
  }

  /** The first property edge at or after `e`, or -1. */
  private nextProperty(e: number, end: number): number {
    const { edgeType, edgeName } = this.graph;
    for (; e < end; e++) if (edgeType[e] === this.property && this.formattedLength(edgeName[e]) !== NOT_A_PROPERTY) return e;
    return -1;
  }

  private forProperties(node: number, count: number, visit: (nameIndex: number) => void): void {
    const end = this.graph.firstEdge[node + 1];
    for (let e = this.nextProperty(this.graph.firstEdge[node], end), seen = 0; e >= 0 && seen < count; e = this.nextProperty(e + 1, end), seen++) {
      visit(this.graph.edgeName[e]);
    }
  }

  private formattedLength(index: number): number {
    const text = this.format(index);
    return text === '__proto__' ? NOT_A_PROPERTY : text.length;
  }

  /** A property name as DevTools prints it in a shape: quoted when it holds , ' " { or }. */
  private format(index: number): string {
    let text = this.formatted.get(index);
    if (text === undefined) {
      const raw = this.graph.strings.get(index);
      text = /[,'"{}]/.test(raw) ? JSON.stringify(raw) : raw;
      this.formatted.set(index, text);
    }
    return text;
  }
}

export function namePlainObjects(graph: HeapGraph, classOf: Uint32Array, table: ClassTable): void {
  const objectClass = table.idOf('Object');
  const objectType = graph.layout.nodeTypeIds.object;
  const { nodeCount, nodeType } = graph;
  let plainCount = 0;
  for (let n = 0; n < nodeCount; n++) if (classOf[n] === objectClass && nodeType[n] === objectType) plainCount++;
  const plain = new Uint32Array(plainCount);
  const shapeOf = new Int32Array(plainCount);
  const shapes = new Shapes(graph);
  for (let n = 0, i = 0; n < nodeCount; n++) {
    if (classOf[n] !== objectClass || nodeType[n] !== objectType) continue;
    plain[i] = n;
    shapeOf[i++] = shapes.shapeOf(n);
  }
  const minCount = Math.max(MIN_OBJECTS_PER_SHAPE, plainCount / MIN_SHARE_PER_SHAPE);
  const classOfShape = shapes.objects.map((count, shape) => (count >= minCount ? table.idOf(shapes.name(shapes.representative[shape], shapes.propertyCount[shape])) : objectClass));
  for (let i = 0; i < plainCount; i++) if (shapeOf[i] >= 0) classOf[plain[i]] = classOfShape[shapeOf[i]];
}
