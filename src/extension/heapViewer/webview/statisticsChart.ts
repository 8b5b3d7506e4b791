// Where the bytes are, by category (code, strings, arrays, typed arrays, system, native): one
// horizontal bar per category, coloured from the theme, with exact figures beside each bar.

import { formatBytes } from '../../../engine/format';
import type { HeapStatistics } from '../protocol';
import { el } from './summaryTable';

/** DevTools' categories: what is left of the V8 heap after code, strings, arrays and system is "Other". */
function categories(stats: HeapStatistics): Array<{ name: string; size: number }> {
  const v8 = stats.v8heap;
  const other = v8.total - v8.code - v8.strings - v8.jsArrays - v8.system;
  return [
    { name: 'Code', size: v8.code },
    { name: 'Strings', size: v8.strings },
    { name: 'JS arrays', size: v8.jsArrays },
    { name: 'Typed arrays', size: stats.native.typedArrays },
    { name: 'System objects', size: v8.system },
    { name: 'Other JS objects', size: Math.max(0, other) },
    { name: 'Other native', size: Math.max(0, stats.native.total - stats.native.typedArrays) },
  ];
}

export function renderStatistics(stats: HeapStatistics): HTMLElement {
  const figure = el('figure', 'statistics');
  const caption = el('figcaption', 'pane-title');
  caption.textContent = `Total ${formatBytes(stats.total)}`;
  const list = el('ul', 'bars', { 'aria-label': 'Heap statistics by category' });
  const rows = categories(stats);
  const max = Math.max(1, ...rows.map((c) => c.size));
  rows.forEach((category, i) => {
    const item = el('li', 'bar-row');
    const name = el('span', 'bar-name');
    name.textContent = category.name;
    const track = el('span', 'bar-track', { 'aria-hidden': 'true' });
    const bar = el('span', `bar bar-${i}`);
    bar.style.width = `${(100 * category.size) / max}%`;
    track.append(bar);
    const value = el('span', 'bar-value');
    value.textContent = `${formatBytes(category.size)} (${((100 * category.size) / Math.max(1, stats.total)).toFixed(1)} %)`;
    item.append(name, track, value);
    list.append(item);
  });
  figure.append(caption, list);
  return figure;
}
