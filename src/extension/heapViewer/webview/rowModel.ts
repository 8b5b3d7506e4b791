// The summary table's rows as one flat list, the way a virtualised tree grid needs them: a class
// expands into pages of its instances, an object into pages of its edges, and a "more" row loads
// the next page. Only loaded rows exist; nothing here touches the DOM.

import type { ClassSummary, HeapEdge, HeapNode, Page } from '../protocol';

export const PAGE_SIZE = 100;

export type RowData = { kind: 'class'; row: ClassSummary } | { kind: 'object'; row: HeapNode; edge?: { label: string; type: string } } | { kind: 'more'; remaining: number; load: (offset: number) => Promise<TreeRow[]>; offset: number };

export interface TreeRow {
  data: RowData;
  depth: number;
  expanded: boolean;
}

export function classRows(page: Page<ClassSummary>): TreeRow[] {
  return page.items.map((row) => ({ data: { kind: 'class', row }, depth: 0, expanded: false }));
}

export function objectRows(page: Page<HeapNode>, depth: number): TreeRow[] {
  return page.items.map((row) => ({ data: { kind: 'object', row }, depth, expanded: false }));
}

export function edgeRows(page: Page<HeapEdge>, depth: number): TreeRow[] {
  return page.items.map((e) => ({ data: { kind: 'object', row: e.node, edge: { label: e.label, type: e.type } }, depth, expanded: false }));
}

export function isExpandable(row: TreeRow): boolean {
  return row.data.kind === 'class' || (row.data.kind === 'object' && row.data.row.edgeCount > 0);
}

/** Appends a "more" row when a page did not hold everything. */
export function withMore(rows: TreeRow[], total: number, offset: number, depth: number, load: (offset: number) => Promise<TreeRow[]>): TreeRow[] {
  const next = offset + rows.length;
  if (next >= total) return rows;
  return [...rows, { data: { kind: 'more', remaining: total - next, load, offset: next }, depth, expanded: false }];
}

/** Index just past `index`'s subtree. */
export function subtreeEnd(rows: TreeRow[], index: number): number {
  const depth = rows[index].depth;
  let end = index + 1;
  while (end < rows.length && rows[end].depth > depth) end++;
  return end;
}
