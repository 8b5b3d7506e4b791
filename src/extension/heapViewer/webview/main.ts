// Entry of the heap snapshot viewer's webview: the loading state (progress with a cancel button,
// or the error in plain words), then tabs for the Summary (with its Retainers pane), Comparison,
// Treemap and Statistics. Everything is fetched from the host page by page.

import { errorMessage } from '../../../engine/errorMessage';
import { formatBytes } from '../../../engine/format';
import type { Comparison, HeapNode, HeapOverview, HeapStatistics, TreemapNode } from '../protocol';
import { renderComparison } from './comparisonView';
import { RetainersPane } from './retainersPane';
import { HostConnection, type LoadingEvent } from './rpc';
import { renderStatistics } from './statisticsChart';
import { el, SummaryTable } from './summaryTable';
import { renderTreemap } from './treemap';

type Tab = 'summary' | 'comparison' | 'treemap' | 'statistics';
const TABS: Array<{ id: Tab; label: string }> = [
  { id: 'summary', label: 'Summary' },
  { id: 'comparison', label: 'Comparison' },
  { id: 'treemap', label: 'Treemap' },
  { id: 'statistics', label: 'Statistics' },
];

class HeapViewer {
  private readonly host = new HostConnection((event) => void this.onLoading(event));
  private readonly status = el('div', 'status', { role: 'status' });
  private readonly panels = new Map<Tab, HTMLElement>(TABS.map((t) => [t.id, el('div', `panel panel-${t.id}`, { role: 'tabpanel', id: `panel-${t.id}`, 'aria-labelledby': `tab-${t.id}` })]));
  private readonly tabButtons = new Map<Tab, HTMLElement>();
  private readonly loaded = new Set<Tab>();
  private overview: HeapOverview = { nodeCount: 0, edgeCount: 0, totalSize: 0, stringCount: 0, rootOrdinal: 0 };
  private readonly summaryHost = el('div', 'summary-host');
  private readonly retainersHost = el('aside', 'retainers', { 'aria-label': 'Retainers' });
  private readonly table = new SummaryTable(this.summaryHost, this.host, (row) => void this.onSelect(row));
  private readonly retainers = new RetainersPane(this.retainersHost, this.host, (id) => this.showInDebugger(id));

  constructor(private readonly root: HTMLElement) {
    this.root.replaceChildren(this.status);
    this.showProgress('Opening the snapshot', -1);
  }

  private async onLoading(event: LoadingEvent): Promise<void> {
    if (event.type === 'progress') return this.showProgress(event.phase, event.fraction);
    if (event.type === 'failed') return this.showError(event.message);
    this.overview = event.overview;
    this.buildLayout(event.file);
    await this.table.load(event.overview.totalSize);
  }

  /** `fraction` < 0: not known yet (the bar then shows activity without a value). */
  private showProgress(phase: string, fraction: number): void {
    const bar = el('progress', 'progress', { max: '1', 'aria-label': phase });
    if (fraction >= 0) bar.setAttribute('value', String(fraction));
    const cancel = el('button', 'button');
    cancel.textContent = 'Cancel';
    cancel.addEventListener('click', () => this.host.cancelLoading());
    const text = el('p', '');
    text.textContent = fraction >= 0 ? `${phase}: ${Math.round(100 * fraction)} %` : `${phase}…`;
    this.status.replaceChildren(text, bar, cancel);
  }

  private showError(message: string): void {
    const box = el('div', 'error', { role: 'alert' });
    box.textContent = `This snapshot cannot be shown: ${message}`;
    this.root.replaceChildren(box);
  }

  private buildLayout(file: string): void {
    const toolbar = el('header', 'toolbar');
    const title = el('h1', 'title');
    title.textContent = `${file} — ${this.overview.nodeCount.toLocaleString('en-US')} objects, ${formatBytes(this.overview.totalSize)}`;
    const tabs = el('div', 'tabs', { role: 'tablist', 'aria-label': 'Views' });
    for (const tab of TABS) {
      const button = el('button', 'tab', { role: 'tab', id: `tab-${tab.id}`, 'aria-controls': `panel-${tab.id}` });
      button.textContent = tab.label;
      button.addEventListener('click', () => void this.showTab(tab.id));
      this.tabButtons.set(tab.id, button);
      tabs.append(button);
    }
    const filter = el('input', 'filter', { type: 'search', placeholder: 'Filter constructors', 'aria-label': 'Filter constructors' }) as HTMLInputElement;
    let timer: number | undefined;
    filter.addEventListener('input', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void this.table.setFilter(filter.value), 200);
    });
    toolbar.append(title, tabs, filter);
    this.panels.get('summary')?.append(this.summaryHost, this.retainersHost);
    this.root.replaceChildren(toolbar, ...this.panels.values());
    void this.showTab('summary');
  }

  private async showTab(tab: Tab): Promise<void> {
    for (const [id, panel] of this.panels) panel.hidden = id !== tab;
    for (const [id, button] of this.tabButtons) button.setAttribute('aria-selected', String(id === tab));
    if (this.loaded.has(tab) || tab === 'summary') return;
    this.loaded.add(tab);
    const panel = this.panels.get(tab);
    if (panel === undefined) return;
    if (tab === 'statistics') panel.replaceChildren(renderStatistics(await this.host.request<HeapStatistics>({ kind: 'statistics' })));
    if (tab === 'treemap') {
      const tree = await this.host.request<TreemapNode>({ kind: 'treemap', depth: 3 });
      panel.replaceChildren(renderTreemap(tree, Math.max(400, panel.clientWidth || 900), 520, (id) => this.showInDebugger(id)));
    }
    if (tab === 'comparison') this.renderCompareButton(panel);
  }

  private renderCompareButton(panel: HTMLElement): void {
    const button = el('button', 'button');
    button.textContent = 'Compare with another snapshot…';
    // A failed comparison (the other file is no snapshot) is said in the panel, not lost as an unhandled rejection.
    button.addEventListener(
      'click',
      () =>
        void this.host.request<Comparison | null>({ kind: 'compare' }).then(
          (comparison) => comparison !== null && panel.replaceChildren(button, renderComparison(comparison)),
          (error: unknown) => {
            const box = el('div', 'error', { role: 'alert' });
            box.textContent = `The snapshots cannot be compared: ${errorMessage(error)}`;
            panel.replaceChildren(button, box);
          },
        ),
    );
    panel.replaceChildren(button);
  }

  private onSelect(row: HeapNode | undefined): Promise<void> {
    return this.retainers.show(row);
  }

  private showInDebugger(id: number): void {
    void this.host.request({ kind: 'showInDebugVariables', id });
  }
}

const root = document.getElementById('root');
if (root !== null) new HeapViewer(root);
