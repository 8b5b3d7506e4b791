// Comparison with a baseline snapshot: per class, what was added and removed, biggest growth
// first — the view that answers "what leaked between these two moments?".

import { formatBytes } from '../../../engine/format';
import type { Comparison } from '../protocol';
import { el } from './summaryTable';

export function renderComparison(comparison: Comparison): HTMLElement {
  const section = el('section', 'comparison');
  const title = el('h2', 'pane-title');
  title.textContent = `Compared with ${comparison.baseline} (objects matched by ${comparison.mode === 'id' ? 'id: same process' : 'class: different processes'})`;
  const table = el('table', 'comparison-table');
  const head = el('tr', '');
  for (const label of ['Constructor', '# New', '# Deleted', '# Delta', 'Alloc. size', 'Freed size', 'Size delta']) head.append(Object.assign(el('th', '', { scope: 'col' }), { textContent: label }));
  table.append(head);
  // The engine lists classes largest growth first.
  for (const row of comparison.classes) {
    const tr = el('tr', '');
    const cells = [row.name, String(row.addedCount), String(row.removedCount), signed(row.countDelta), formatBytes(row.addedSize), formatBytes(row.removedSize), `${row.sizeDelta >= 0 ? '+' : '−'}${formatBytes(Math.abs(row.sizeDelta))}`];
    cells.forEach((text, i) => tr.append(Object.assign(el(i === 0 ? 'th' : 'td', i === 0 ? '' : 'num', i === 0 ? { scope: 'row' } : {}), { textContent: text })));
    table.append(tr);
  }
  section.append(title, table);
  return section;
}

function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0';
}
