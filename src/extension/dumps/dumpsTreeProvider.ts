// The Dumps view: each source's places (folders; Docker endpoints, compose projects, containers),
// then the dumps found in each. One generic tree: a source says in its listing how its places look
// (label, description, icon, tooltip lines); this only turns that into tree items. Context values
// are keyed on the source (`dump.docker.core`), so menus are too. A dump's tooltip loads its key
// facts only when the user hovers, and only from a copy on this machine.

import * as vscode from 'vscode';
import { summarizeDump } from '../../engine/dumpSummary';
import { errorMessage } from '../../engine/errorMessage';
import type { Dump, DumpPlace, IconSpec } from '../../sources/dump';
import { withFile } from '../../sources/local/fileByteSource';
import type { DumpCatalog } from './dumpCatalog';
import { describeDump, dumpTooltipLines, KIND_ICONS } from './dumpPresentation';

export type DumpsNode = { type: 'place'; source: string; place: DumpPlace } | { type: 'dump'; dump: Dump } | { type: 'message'; text: string; error: boolean };

function icon(spec: IconSpec): vscode.ThemeIcon {
  return new vscode.ThemeIcon(spec.id, spec.color === undefined ? undefined : new vscode.ThemeColor(spec.color));
}

function markdown(lines: string[]): vscode.MarkdownString {
  return new vscode.MarkdownString(lines.join('\n'));
}

/** Places that may be left out while empty are (the welcome content shows when all are). */
function worthShowing(place: DumpPlace): boolean {
  return place.omitWhenEmpty !== true || place.dumps.length > 0 || place.places.length > 0 || place.error !== undefined;
}

export class DumpsTreeProvider implements vscode.TreeDataProvider<DumpsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly catalog: DumpCatalog) {
    this.subscription = catalog.onDidChange(() => this.changed.fire());
  }

  getChildren(node?: DumpsNode): DumpsNode[] {
    if (node === undefined) {
      const tops = this.catalog.current.flatMap((l) => l.places.filter(worthShowing).map((place): DumpsNode => ({ type: 'place', source: l.source, place })));
      // A single place holding only dumps needs no grouping level.
      const only = tops.length === 1 && tops[0].type === 'place' ? tops[0].place : undefined;
      if (only !== undefined && only.error === undefined && only.places.length === 0 && only.dumps.length > 0) return this.getChildren(tops[0]);
      return tops;
    }
    if (node.type !== 'place') return [];
    const { place, source } = node;
    const nodes: DumpsNode[] = [...place.places.map((p): DumpsNode => ({ type: 'place', source, place: p })), ...place.dumps.map((dump): DumpsNode => ({ type: 'dump', dump }))];
    if (place.error !== undefined) nodes.push({ type: 'message', text: place.error, error: true });
    else if (nodes.length === 0 && place.empty !== undefined) nodes.push({ type: 'message', text: place.empty, error: false });
    return nodes;
  }

  getTreeItem(node: DumpsNode): vscode.TreeItem {
    if (node.type === 'place') return this.placeItem(node.source, node.place);
    if (node.type === 'message') {
      const item = new vscode.TreeItem(node.text);
      item.iconPath = new vscode.ThemeIcon(node.error ? 'error' : 'info');
      item.tooltip = node.text;
      return item;
    }
    const { dump } = node;
    const item = new vscode.TreeItem(dump.label);
    item.id = `${dump.source}:${dump.location}`;
    if (dump.location === dump.localCopy) item.resourceUri = vscode.Uri.file(dump.location);
    item.iconPath = new vscode.ThemeIcon(KIND_ICONS[dump.kind]);
    item.description = describeDump(dump.size, dump.mtimeMs, Date.now());
    item.contextValue = `dump.${dump.source}.${dump.kind}${dump.localCopy === undefined ? '' : '.local'}`;
    item.command = { command: 'salvage.openDumpItem', title: 'Open', arguments: [node] };
    return item;
  }

  private placeItem(source: string, place: DumpPlace): vscode.TreeItem {
    const item = new vscode.TreeItem(place.label, place.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = place.id;
    if (place.icon !== undefined) item.iconPath = icon(place.icon);
    item.description = place.description;
    if (place.details !== undefined) item.tooltip = markdown(place.details);
    item.contextValue = `place.${source}.${place.role}`;
    return item;
  }

  async resolveTreeItem(item: vscode.TreeItem, node: DumpsNode): Promise<vscode.TreeItem> {
    if (node.type !== 'dump') return item;
    const { dump } = node;
    // A compressed dump is summarised once it is opened (decompressed): a tooltip decodes nothing.
    const summary =
      dump.localCopy === undefined || dump.compression !== undefined
        ? { headline: dump.compression === undefined ? undefined : `${dump.compression}-compressed, decompressed into the dump store when opened`, facts: {} }
        : await withFile(dump.localCopy, summarizeDump).catch((e: unknown) => ({ headline: `unreadable: ${errorMessage(e)}`, facts: {} }));
    item.tooltip = markdown([...dumpTooltipLines({ ...dump, path: dump.location }, summary.headline, summary.facts), ...(dump.details ?? []).map((line) => `- ${line}`)]);
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
