// The Crashes view: signature → its crashes (newest first) → each crash's dumps. A signature reads
// as what broke, with its count, the sparkline of the last two weeks and its tags as #badges; a
// crash as when and where it died; a click on a crash debugs all its dumps in one session, on a
// dump opens that dump alone; a crash's death record (its exit code, an OOM kill) is a row of its own. Context values (`crash.signature`, `crash.crash`, `crash.dump`) key
// the menus.

import * as vscode from 'vscode';
import type { CatalogCrash } from '../../catalog/crashCatalog';
import type { IndexedDump } from '../../catalog/indexedDump';
import { groupBySignature, type SignatureGroup } from '../../catalog/signatureGroups';
import { KIND_ICONS } from '../dumps/dumpPresentation';
import { crashDescription, crashLabel, crashTooltip, dumpDescription, dumpLabel, signatureDescription, signatureLabel, signatureTooltip } from './crashPresentation';
import type { CrashesIndex } from './crashesIndex';

export type CrashesNode = { type: 'signature'; group: SignatureGroup; crashes: CatalogCrash[]; tags: string[] } | { type: 'crash'; crash: CatalogCrash } | { type: 'dump'; dump: IndexedDump; crash: CatalogCrash } | { type: 'message'; text: string; error: boolean };

function markdown(lines: string[]): vscode.MarkdownString {
  return new vscode.MarkdownString(lines.join('\n'));
}

export class CrashesTreeProvider implements vscode.TreeDataProvider<CrashesNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly index: CrashesIndex) {
    this.subscription = index.onDidChange(() => this.changed.fire());
  }

  getChildren(node?: CrashesNode): CrashesNode[] {
    if (node === undefined) {
      if (this.index.problem !== undefined) return [{ type: 'message', text: this.index.problem, error: true }];
      const contents = this.index.contents;
      if (contents === undefined) return [];
      const nodes = groupBySignature(contents.crashes).map((group): CrashesNode => {
        const ids = new Set(group.crashIds);
        const crashes = contents.crashes.filter((c) => ids.has(c.id));
        return { type: 'signature', group, crashes, tags: contents.signatureTags.get(group.signature.id) ?? [] };
      });
      if (contents.unreadable.length > 0) nodes.push({ type: 'message', text: `${contents.unreadable.length} dump${contents.unreadable.length === 1 ? '' : 's'} of the store could not be read: ${contents.unreadable.map((u) => u.error).join('; ')}`, error: true });
      return nodes;
    }
    if (node.type === 'signature') return node.crashes.map((crash): CrashesNode => ({ type: 'crash', crash }));
    if (node.type === 'crash') {
      const { dumps, death } = node.crash;
      return [...dumps, ...(death === null ? [] : [death])].map((dump): CrashesNode => ({ type: 'dump', dump, crash: node.crash }));
    }
    return [];
  }

  /** Signatures are the roots; reveal() is only ever asked for them. */
  getParent(): CrashesNode | undefined {
    return undefined;
  }

  getTreeItem(node: CrashesNode): vscode.TreeItem {
    const now = Date.now();
    if (node.type === 'message') {
      const item = new vscode.TreeItem(node.text);
      item.iconPath = new vscode.ThemeIcon(node.error ? 'error' : 'info');
      item.tooltip = node.text;
      return item;
    }
    if (node.type === 'signature') {
      const item = new vscode.TreeItem(signatureLabel(node.group), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `signature:${node.group.signature.id}`;
      item.iconPath = new vscode.ThemeIcon('bug', new vscode.ThemeColor('errorForeground'));
      item.description = signatureDescription(node.group, node.crashes, node.tags, now);
      item.tooltip = markdown(signatureTooltip(node.group, node.tags));
      item.contextValue = 'crash.signature';
      return item;
    }
    if (node.type === 'crash') {
      const item = new vscode.TreeItem(crashLabel(node.crash, now), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `crash:${node.crash.id}`;
      item.iconPath = new vscode.ThemeIcon('debug-alt');
      item.description = crashDescription(node.crash);
      item.tooltip = markdown(crashTooltip(node.crash));
      item.contextValue = 'crash.crash';
      item.command = { command: 'salvage.crashes.debug', title: 'Debug Crash', arguments: [node] };
      return item;
    }
    const item = new vscode.TreeItem(dumpLabel(node.dump));
    item.id = `crash:${node.crash.id}:${node.dump.path}`;
    const kind = node.dump.kind;
    if (kind === 'death') {
      // The container's record of how the process ended: nothing to open, all said in the row.
      item.iconPath = new vscode.ThemeIcon('error');
      item.description = dumpDescription(node.dump, now);
      item.tooltip = node.dump.path;
      item.contextValue = 'crash.death';
      return item;
    }
    item.iconPath = new vscode.ThemeIcon(KIND_ICONS[kind]);
    item.description = dumpDescription(node.dump, now);
    item.tooltip = node.dump.path;
    item.contextValue = 'crash.dump';
    item.command = { command: 'salvage.openDump', title: 'Open', arguments: [node.dump.path] };
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
