// One page of a long list (instances of a class, edges of a huge array): front ends never ask for
// everything at once, since a class can have millions of instances.

export interface PageRequest {
  offset?: number;
  limit?: number;
}

export interface Page<T> {
  /** How many items there are in all. */
  total: number;
  offset: number;
  items: T[];
}

export const DEFAULT_PAGE_SIZE = 100;

/** The clamped [start, end) of `request` over `total` items. */
export function pageRange(total: number, request: PageRequest = {}): [number, number] {
  const start = Math.min(total, Math.max(0, Math.floor(request.offset ?? 0)));
  const limit = Math.max(0, Math.floor(request.limit ?? DEFAULT_PAGE_SIZE));
  return [start, Math.min(total, start + limit)];
}
