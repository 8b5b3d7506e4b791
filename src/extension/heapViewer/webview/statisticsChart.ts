// Where the bytes are, by category (code, strings, arrays, typed arrays, system, native): one
// horizontal bar per category, coloured from the theme, with exact figures beside each bar.

import { formatBytes } from '../../../engine/format';
import type { Statistics } from '../protocol';
import { el } from './summaryTable';

export function renderStatistics(stats: Statistics): HTMLElement {
  const figure = el('figure', 'statistics');
  const caption = el('figcaption', 'pane-title');
  caption.textContent = `Total ${formatBytes(stats.total)}`;
  const list = el('ul', 'bars', { 'aria-label': 'Heap statistics by category' });
  const max = Math.max(1, ...stats.categories.map((c) => c.size));
  stats.categories.forEach((category, i) => {
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
