// The Summary: a virtualised, keyboard-navigable tree grid of classes → instances → edges. Only
// the rows in view are in the DOM, so a class with 100k instances scrolls as smoothly as ten.
// Screen readers get a treegrid with levels, expansion state and the active row.

import { formatBytes } from '../../../engine/format';
import type { ClassSummary, HeapEdge, HeapNode, Page, SortKey } from '../protocol';
import type { HostConnection } from './rpc';
import { classRows, edgeRows, isExpandable, objectRows, PAGE_SIZE, subtreeEnd, type TreeRow, withMore } from './rowModel';

const ROW_HEIGHT = 22;
const OVERSCAN = 10;
const COLUMNS: Array<{ key: SortKey; label: string }> = [
  { key: 'name', label: 'Constructor' },
  { key: 'count', label: 'Count' },
  { key: 'selfSize', label: 'Self size' },
  { key: 'retainedSize', label: 'Retained size' },
];

export class SummaryTable {
  private rows: TreeRow[] = [];
  private active = 0;
  private sortBy: SortKey = 'retainedSize';
  private descending = true;
  private filter = '';
  private totalSize = 1;
  private readonly header: HTMLElement;
  private readonly viewport: HTMLElement;
  private readonly spacer: HTMLElement;
  private readonly body: HTMLElement;

  constructor(
    root: HTMLElement,
    private readonly host: HostConnection,
    private readonly onSelect: (row: HeapNode | undefined) => void,
  ) {
    root.classList.add('summary');
    this.header = el('div', 'grid-header', { role: 'row' });
    this.viewport = el('div', 'grid-viewport', { role: 'treegrid', tabindex: '0', 'aria-label': 'Heap summary by constructor', 'aria-multiselectable': 'false' });
    this.spacer = el('div', 'grid-spacer');
    this.body = el('div', 'grid-body', { role: 'rowgroup' });
    this.spacer.append(this.body);
    this.viewport.append(this.spacer);
    root.append(this.header, this.viewport);
    this.renderHeader();
    this.viewport.addEventListener('scroll', () => this.render());
    this.viewport.addEventListener('keydown', (e) => void this.onKey(e));
    this.body.addEventListener('click', (e) => void this.onClick(e));
    new ResizeObserver(() => this.render()).observe(this.viewport);
  }

  async load(totalSize: number): Promise<void> {
    this.totalSize = Math.max(1, totalSize);
    const page = await this.fetchClasses(0);
    this.rows = page;
    this.active = 0;
    this.render();
  }

  setFilter(filter: string): Promise<void> {
    this.filter = filter;
    return this.load(this.totalSize);
  }

  private async fetchClasses(offset: number): Promise<TreeRow[]> {
    const page = await this.host.request<Page<ClassSummary>>({ kind: 'summary', sortBy: this.sortBy, descending: this.descending, filter: this.filter, offset, limit: PAGE_SIZE });
    return withMore(classRows(page), page.total, offset, 0, (next) => this.fetchClasses(next));
  }

  private async fetchChildren(row: TreeRow, offset: number): Promise<TreeRow[]> {
    const depth = row.depth + 1;
    if (row.data.kind === 'class') {
      const page = await this.host.request<Page<HeapNode>>({ kind: 'instances', classId: row.data.row.classId, offset, limit: PAGE_SIZE });
      return withMore(objectRows(page, depth), page.total, offset, depth, (next) => this.fetchChildren(row, next));
    }
    if (row.data.kind !== 'object') return [];
    const page = await this.host.request<Page<HeapEdge>>({ kind: 'edges', ordinal: row.data.row.ordinal, offset, limit: PAGE_SIZE });
    return withMore(edgeRows(page, depth), page.total, offset, depth, (next) => this.fetchChildren(row, next));
  }

  private async toggle(index: number, expand: boolean): Promise<void> {
    const row = this.rows[index];
    if (row === undefined) return;
    if (row.data.kind === 'more') {
      const more = await row.data.load(row.data.offset);
      this.rows.splice(index, 1, ...more);
      return this.render();
    }
    if (!isExpandable(row) || row.expanded === expand) return;
    if (expand) {
      const children = await this.fetchChildren(row, 0);
      this.rows.splice(index + 1, 0, ...children);
    } else {
      this.rows.splice(index + 1, subtreeEnd(this.rows, index) - index - 1);
    }
    row.expanded = expand;
    this.render();
  }

  private select(index: number): void {
    this.active = Math.max(0, Math.min(this.rows.length - 1, index));
    const top = this.active * ROW_HEIGHT;
    if (top < this.viewport.scrollTop) this.viewport.scrollTop = top;
    else if (top + ROW_HEIGHT > this.viewport.scrollTop + this.viewport.clientHeight) this.viewport.scrollTop = top + ROW_HEIGHT - this.viewport.clientHeight;
    const data = this.rows[this.active]?.data;
    this.onSelect(data?.kind === 'object' ? data.row : undefined);
    this.render();
  }

  private async onKey(e: KeyboardEvent): Promise<void> {
    const page = Math.max(1, Math.floor(this.viewport.clientHeight / ROW_HEIGHT) - 1);
    const moves: Record<string, () => void | Promise<void>> = {
      ArrowDown: () => this.select(this.active + 1),
      ArrowUp: () => this.select(this.active - 1),
      PageDown: () => this.select(this.active + page),
      PageUp: () => this.select(this.active - page),
      Home: () => this.select(0),
      End: () => this.select(this.rows.length - 1),
      ArrowRight: () => this.toggle(this.active, true),
      ArrowLeft: () => this.collapseOrParent(),
      Enter: () => this.toggle(this.active, !this.rows[this.active]?.expanded),
    };
    const move = moves[e.key];
    if (move === undefined) return;
    e.preventDefault();
    await move();
  }

  private collapseOrParent(): Promise<void> | void {
    const row = this.rows[this.active];
    if (row?.expanded) return this.toggle(this.active, false);
    for (let i = this.active - 1; i >= 0; i--) if (this.rows[i].depth < (row?.depth ?? 0)) return this.select(i);
  }

  private async onClick(e: MouseEvent): Promise<void> {
    const target = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
    if (target === null) return;
    const index = Number(target.dataset.index);
    this.select(index);
    if ((e.target as HTMLElement).classList.contains('twisty') || this.rows[index]?.data.kind === 'more') await this.toggle(index, !this.rows[index].expanded);
  }

  private renderHeader(): void {
    this.header.replaceChildren(
      ...COLUMNS.map((c) => {
        const cell = el('button', `cell col-${c.key}`, { role: 'columnheader', 'aria-sort': c.key === this.sortBy ? (this.descending ? 'descending' : 'ascending') : 'none' });
        cell.textContent = c.label + (c.key === this.sortBy ? (this.descending ? ' ▾' : ' ▴') : '');
        cell.addEventListener('click', () => {
          this.descending = c.key === this.sortBy ? !this.descending : c.key !== 'name';
          this.sortBy = c.key;
          this.renderHeader();
          void this.load(this.totalSize);
        });
        return cell;
      }),
      Object.assign(el('div', 'cell col-percent', { role: 'columnheader' }), { textContent: '% of total' }),
    );
  }

  private render(): void {
    this.spacer.style.height = `${this.rows.length * ROW_HEIGHT}px`;
    const first = Math.max(0, Math.floor(this.viewport.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(this.rows.length, Math.ceil((this.viewport.scrollTop + this.viewport.clientHeight) / ROW_HEIGHT) + OVERSCAN);
    this.body.style.transform = `translateY(${first * ROW_HEIGHT}px)`;
    const elements: HTMLElement[] = [];
    for (let i = first; i < last; i++) elements.push(this.renderRow(this.rows[i], i));
    this.body.replaceChildren(...elements);
    this.viewport.setAttribute('aria-activedescendant', `row-${this.active}`);
    this.viewport.setAttribute('aria-rowcount', String(this.rows.length));
  }

  private renderRow(row: TreeRow, index: number): HTMLElement {
    const element = el('div', `row ${index === this.active ? 'active' : ''} kind-${row.data.kind}`, { role: 'row', id: `row-${index}`, 'aria-level': String(row.depth + 1), 'aria-rowindex': String(index + 1), 'aria-selected': String(index === this.active) });
    element.dataset.index = String(index);
    if (isExpandable(row)) element.setAttribute('aria-expanded', String(row.expanded));
    const name = el('div', 'cell col-name', { role: 'gridcell' });
    name.style.paddingLeft = `${row.depth * 16 + 4}px`;
    const twisty = el('span', 'twisty', { 'aria-hidden': 'true' });
    twisty.textContent = isExpandable(row) ? (row.expanded ? '▾' : '▸') : '';
    name.append(twisty, document.createTextNode(rowLabel(row)));
    element.append(name, ...rowNumbers(row, this.totalSize).map((text, i) => Object.assign(el('div', `cell col-${['count', 'selfSize', 'retainedSize', 'percent'][i]}`, { role: 'gridcell' }), { textContent: text })));
    return element;
  }
}

function rowLabel(row: TreeRow): string {
  const data = row.data;
  if (data.kind === 'class') return data.row.name;
  if (data.kind === 'more') return `Show ${Math.min(PAGE_SIZE, data.remaining)} more of ${data.remaining}…`;
  const object = `${data.row.className} @${data.row.id}`;
  return data.edge === undefined ? object : `${data.edge.label} → ${object}`;
}

function rowNumbers(row: TreeRow, totalSize: number): string[] {
  const data = row.data;
  if (data.kind === 'more') return ['', '', '', ''];
  const count = data.kind === 'class' ? data.row.count.toLocaleString('en-US') : '';
  const percent = `${((100 * data.row.retainedSize) / totalSize).toFixed(1)} %`;
  return [count, formatBytes(data.row.selfSize), formatBytes(data.row.retainedSize), percent];
}

export function el(tag: string, className: string, attributes: Record<string, string> = {}): HTMLElement {
  const element = document.createElement(tag);
  element.className = className;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  return element;
}
