// Heap objects as inspectables: what the Variables view shows for a snapshot. An object expands to
// its references (paged) and a `(retainers)` entry listing what references it; a class expands to
// its instances, largest retained first. Every expansion is one query to the analysis, which may
// live in a worker, so nothing is computed before the user opens it.

import { formatBytes } from '../../format';
import type { Inspectable } from '../../inspectable';
import type { ClassSummary } from '../passes/classSummary';
import { NO_DISTANCE, SYSTEM_DISTANCE } from '../passes/distances';
import type { HeapEdge, HeapNode } from '../queries/heapNodeInfo';
import type { HeapAnalysis } from '../service/heapAnalysis';
import { pagedChildren } from './pagedChildren';

/** Strings are shown with their text, cut so a line stays a line. */
const MAX_TEXT = 80;
const STRING_TYPES = new Set(['string', 'concatenated string', 'sliced string']);

export function describeDistance(distance: number): string {
  if (distance === NO_DISTANCE) return 'unreachable';
  if (distance >= SYSTEM_DISTANCE) return `system ${distance - SYSTEM_DISTANCE}`;
  return String(distance);
}

/** What to call an object: its class, and its own name where that says more (a function's, a root's). */
export function nodeTitle(node: HeapNode): string {
  if (STRING_TYPES.has(node.type)) return `${node.className} ${JSON.stringify(node.name.length > MAX_TEXT ? `${node.name.slice(0, MAX_TEXT)}…` : node.name)}`;
  if (node.type === 'closure') return `${node.name === '' ? '(anonymous)' : node.name}()`;
  if (node.type === 'synthetic') return node.name;
  if (node.type === 'object' || node.name === '' || node.name === node.className) return node.className;
  return `${node.className} ${node.name}`;
}

/** One line for an object: `LeakRecord @123 · self 40 B · retained 120 B · distance 4`. */
export function describeNode(node: HeapNode): string {
  const detached = node.detached ? ' (detached)' : '';
  return `${nodeTitle(node)} @${node.id}${detached} · self ${formatBytes(node.selfSize)} · retained ${formatBytes(node.retainedSize)} · distance ${describeDistance(node.distance)}`;
}

export class HeapInspector {
  constructor(private readonly heap: HeapAnalysis) {}

  /** An object, under `name` (an edge label, or `@id`). */
  node(name: string, node: HeapNode): Inspectable {
    return { name, value: describeNode(node), type: node.className, children: () => this.contents(node) };
  }

  edge(edge: HeapEdge): Inspectable {
    return this.node(edge.label, edge.node);
  }

  /** A retainer, named by how it holds the object: `.recordCache in global @6047`. */
  retainer(edge: HeapEdge): Inspectable {
    return this.node(`${edge.label} in ${nodeTitle(edge.node)} @${edge.node.id}`, edge.node);
  }

  classSummary(summary: ClassSummary): Inspectable {
    return {
      name: summary.name,
      value: `×${summary.count.toLocaleString('en-US')} · self ${formatBytes(summary.selfSize)} · retained ${formatBytes(summary.retainedSize)}`,
      type: 'class',
      children: () =>
        pagedChildren(summary.count, async (offset, limit) => {
          const page = await this.heap.query('instances', summary.classId, { offset, limit });
          return page.items.map((n) => this.node(`@${n.id}`, n));
        }),
    };
  }

  private async contents(node: HeapNode): Promise<Inspectable[]> {
    const references = await pagedChildren(node.edgeCount, async (offset, limit) => {
      const page = await this.heap.query('edges', node.ordinal, { offset, limit });
      return page.items.map((e) => this.edge(e));
    });
    return [...references, this.retainers(node)];
  }

  private retainers(node: HeapNode): Inspectable {
    return {
      name: '(retainers)',
      value: `what references @${node.id}, nearest first (weak references left out)`,
      children: async () => {
        const first = await this.heap.query('retainers', node.ordinal, { limit: 0 });
        return pagedChildren(first.total, async (offset, limit) => {
          const page = await this.heap.query('retainers', node.ordinal, { offset, limit });
          return page.items.map((e) => this.retainer(e));
        });
      },
    };
  }
}
