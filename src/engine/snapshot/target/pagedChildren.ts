// Long lists as a debugger can show them: a class with a million instances or an array with a
// million elements shows its first page (the largest, for lists sorted by size), then the rest as
// nested ranges — "[100 … 999]", "[1000 … 9999]", then "[1000 … 1099]", ... — so no single expansion
// asks for (or renders) more than about a page, and each range is fetched only when opened.

import type { Inspectable } from '../../inspectable';

export const PAGE_SIZE = 100;

export type PageFetcher = (offset: number, limit: number) => Promise<Inspectable[]>;

/** The children of a list of `total` items: its first page, then ranges over the rest. */
export async function pagedChildren(total: number, fetch: PageFetcher): Promise<Inspectable[]> {
  if (total <= PAGE_SIZE) return fetch(0, total);
  return [...(await fetch(0, PAGE_SIZE)), ...rangesOf(total - PAGE_SIZE, fetch, PAGE_SIZE)];
}

/** Items [offset, offset + total) as they are, or as ranges of them when there are more than a page. */
async function rangeChildren(total: number, fetch: PageFetcher, offset: number): Promise<Inspectable[]> {
  return total <= PAGE_SIZE ? fetch(offset, total) : rangesOf(total, fetch, offset);
}

function rangesOf(total: number, fetch: PageFetcher, offset: number): Inspectable[] {
  // The smallest page-times-a-power-of-ten that splits the list into at most PAGE_SIZE ranges.
  let span = PAGE_SIZE;
  while (Math.ceil(total / span) > PAGE_SIZE) span *= 10;
  const ranges: Inspectable[] = [];
  for (let start = 0; start < total; start += span) {
    const count = Math.min(span, total - start);
    const first = offset + start;
    ranges.push({
      name: `[${first} … ${first + count - 1}]`,
      value: `${count.toLocaleString('en-US')} items`,
      children: () => rangeChildren(count, fetch, first),
    });
  }
  return ranges;
}
