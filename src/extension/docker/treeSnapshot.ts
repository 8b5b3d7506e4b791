// The items a tree view shows, read through its own provider (labels, descriptions, context values,
// children), so tests and other extensions see exactly what the user sees.

import * as vscode from 'vscode';

export interface ViewItem {
  id?: string;
  label: string;
  description?: string;
  contextValue?: string;
  icon?: string;
  children: ViewItem[];
}

function labelOf(item: vscode.TreeItem): string {
  const label = item.label;
  return typeof label === 'string' ? label : (label?.label ?? '');
}

export async function snapshotTree<T>(provider: vscode.TreeDataProvider<T>, maxDepth = 6, node?: T, depth = 0): Promise<ViewItem[]> {
  if (depth > maxDepth) return [];
  const children = (await provider.getChildren(node)) ?? [];
  return Promise.all(
    children.map(async (child) => {
      const item = await provider.getTreeItem(child);
      const description = typeof item.description === 'string' ? item.description : undefined;
      const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined;
      const nested = item.collapsibleState === vscode.TreeItemCollapsibleState.None ? [] : await snapshotTree(provider, maxDepth, child, depth + 1);
      return { id: item.id, label: labelOf(item), description, contextValue: item.contextValue, icon, children: nested };
    }),
  );
}
