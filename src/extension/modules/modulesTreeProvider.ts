// The Modules view in Run and Debug: the executables and libraries of the core being debugged, and
// for each what Salvage found (file, debug file, build-id) or why not. Data comes from the adapter
// through the custom 'salvage/modules' request; failures and the no-session state are tree nodes.

import * as vscode from 'vscode';
import type { DumpModule } from '../../engine/core/targetExtras';
import { MODULES_REQUEST, type ModulesResponseBody } from '../../debug/core/modulesRequest';
import { errorMessage } from '../../engine/errorMessage';
import { moduleDescription, moduleDetails, moduleLabel, moduleTooltip, sortModules, STATUS_ICONS } from './modulePresentation';

export type ModulesNode = { type: 'module'; module: DumpModule } | { type: 'detail'; label: string; value: string } | { type: 'message'; text: string; icon: string };

export class ModulesTreeProvider implements vscode.TreeDataProvider<ModulesNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private nodes: ModulesNode[] = [{ type: 'message', text: 'Start a Salvage session on a core to see its modules.', icon: 'info' }];

  /** Re-asks `session` (a salvage session, or none) for its modules. */
  async refresh(session: vscode.DebugSession | undefined): Promise<void> {
    this.nodes = await this.load(session);
    this.changed.fire();
  }

  private async load(session: vscode.DebugSession | undefined): Promise<ModulesNode[]> {
    if (session === undefined || session.type !== 'salvage') return [{ type: 'message', text: 'No Salvage debug session.', icon: 'info' }];
    try {
      const body = (await session.customRequest(MODULES_REQUEST)) as ModulesResponseBody | undefined;
      const modules = body?.modules ?? [];
      if (modules.length === 0) return [{ type: 'message', text: 'This dump has no loaded modules (only cores do).', icon: 'info' }];
      return sortModules(modules).map((module) => ({ type: 'module', module }));
    } catch (error) {
      return [{ type: 'message', text: `Failed to list modules: ${errorMessage(error)}`, icon: 'error' }];
    }
  }

  getChildren(node?: ModulesNode): ModulesNode[] {
    if (node === undefined) return this.nodes;
    if (node.type !== 'module') return [];
    return moduleDetails(node.module).map((d) => ({ type: 'detail', ...d }));
  }

  getTreeItem(node: ModulesNode): vscode.TreeItem {
    if (node.type === 'message') {
      const item = new vscode.TreeItem(node.text);
      item.iconPath = new vscode.ThemeIcon(node.icon);
      return item;
    }
    if (node.type === 'detail') {
      const item = new vscode.TreeItem(node.label);
      item.description = node.value;
      item.tooltip = node.value;
      return item;
    }
    const { module } = node;
    const item = new vscode.TreeItem(moduleLabel(module), vscode.TreeItemCollapsibleState.Collapsed);
    const style = STATUS_ICONS[module.status];
    item.iconPath = new vscode.ThemeIcon(style.icon, style.color === undefined ? undefined : new vscode.ThemeColor(style.color));
    item.description = moduleDescription(module);
    item.tooltip = new vscode.MarkdownString(moduleTooltip(module));
    item.contextValue = `module.${module.status}`;
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
