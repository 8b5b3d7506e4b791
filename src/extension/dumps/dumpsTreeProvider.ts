// The Dumps view: root folders, then the dumps found in each. Items wrap catalog data; labels come
// from dumpPresentation.ts; tooltips load key facts only when the user hovers (resolveTreeItem).

import * as path from 'path';
import * as vscode from 'vscode';
import { summarizeDump } from '../../engine/dumpSummary';
import { withFile } from '../../sources/local/fileByteSource';
import type { FoundDump } from '../../sources/local/findDumps';
import type { DockerNode, DockerTreeSection } from '../docker/dockerTreeSection';
import type { DumpCatalog, DumpRoot } from './dumpCatalog';
import { describeDump, dumpTooltipLines, KIND_ICONS } from './dumpPresentation';
import { errorMessage } from '../../engine/errorMessage';

export type DumpsNode = { type: 'root'; root: DumpRoot } | { type: 'dump'; dump: FoundDump } | { type: 'error'; message: string } | { type: 'docker'; node: DockerNode };

export class DumpsTreeProvider implements vscode.TreeDataProvider<DumpsNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  /** `docker` adds the containers' dumps (endpoint → containers → dumps) below the folders. */
  constructor(
    private readonly catalog: DumpCatalog,
    private readonly docker?: DockerTreeSection,
  ) {
    this.subscriptions = [catalog.onDidChange(() => this.changed.fire())];
    if (docker !== undefined) this.subscriptions.push(docker.onDidChange(() => this.changed.fire()));
  }

  getChildren(node?: DumpsNode): DumpsNode[] {
    if (node === undefined) {
      const roots = this.catalog.current.filter((r) => r.dumps.length > 0 || r.error !== undefined);
      const docker = (this.docker?.roots() ?? []).map((d): DumpsNode => ({ type: 'docker', node: d }));
      // A single folder needs no grouping level; with none found the welcome content shows.
      if (roots.length === 1 && roots[0].error === undefined && docker.length === 0) return this.getChildren({ type: 'root', root: roots[0] });
      return [...roots.map((root): DumpsNode => ({ type: 'root', root })), ...docker];
    }
    if (node.type === 'docker') return (this.docker?.children(node.node) ?? []).map((d) => ({ type: 'docker', node: d }));
    if (node.type !== 'root') return [];
    if (node.root.error !== undefined) return [{ type: 'error', message: node.root.error }];
    return node.root.dumps.map((dump) => ({ type: 'dump', dump }));
  }

  getTreeItem(node: DumpsNode): vscode.TreeItem {
    if (node.type === 'docker') return this.docker?.item(node.node) ?? new vscode.TreeItem('');
    if (node.type === 'root') {
      const item = new vscode.TreeItem(node.root.label, vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = new vscode.ThemeIcon('folder');
      item.tooltip = node.root.folder;
      item.contextValue = 'dumpFolder';
      return item;
    }
    if (node.type === 'error') {
      const item = new vscode.TreeItem(`Cannot scan: ${node.message}`);
      item.iconPath = new vscode.ThemeIcon('error');
      return item;
    }
    const { dump } = node;
    const item = new vscode.TreeItem(path.basename(dump.path));
    item.id = dump.path;
    item.resourceUri = vscode.Uri.file(dump.path);
    item.iconPath = new vscode.ThemeIcon(KIND_ICONS[dump.kind]);
    item.description = describeDump(dump.size, dump.mtimeMs, Date.now());
    item.contextValue = `dump.${dump.kind}`;
    item.command = { command: 'salvage.openDumpItem', title: 'Open', arguments: [node] };
    return item;
  }

  async resolveTreeItem(item: vscode.TreeItem, node: DumpsNode): Promise<vscode.TreeItem> {
    if (node.type !== 'dump') return item;
    const summary = await withFile(node.dump.path, summarizeDump).catch((e: unknown) => ({
      headline: `unreadable: ${errorMessage(e)}`,
      facts: {},
    }));
    item.tooltip = new vscode.MarkdownString(dumpTooltipLines(node.dump, summary.headline, summary.facts).join('\n'));
    return item;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
