// Salvage's extension entry: wires the Dumps view, its refresh owner, the commands and the
// `salvage` debugger together. Each piece gets what it needs passed in; nothing is global.

import * as vscode from 'vscode';
import type { FoundDump } from '../sources/local/findDumps';
import { openDump } from './commands/openDump';
import { pickDumpFile } from './commands/pickDump';
import { registerDebugger } from './debug/debugRegistration';
import { DumpCatalog } from './dumps/dumpCatalog';
import { scanDepth } from './dumps/dumpFolders';
import { type DumpsNode, DumpsTreeProvider } from './dumps/dumpsTreeProvider';
import { RefreshManager } from './dumps/refreshManager';

/** What Salvage offers other extensions (and its own integration tests). */
export interface SalvageApi {
  /** The dumps the Dumps view currently lists, after any scan in progress. */
  listDumps(): Promise<FoundDump[]>;
}

async function addDumpFolder(): Promise<void> {
  const picked = await vscode.window.showOpenDialog({ title: 'Add Dump Folder', openLabel: 'Add Folder', canSelectFolders: true, canSelectFiles: false });
  if (picked?.[0] === undefined) return;
  const settings = vscode.workspace.getConfiguration('salvage');
  const folders = settings.get<string[]>('dumpFolders', []);
  if (!folders.includes(picked[0].fsPath)) await settings.update('dumpFolders', [...folders, picked[0].fsPath], vscode.ConfigurationTarget.Global);
}

export function activate(context: vscode.ExtensionContext): SalvageApi {
  const log = vscode.window.createOutputChannel('Salvage', { log: true });
  const catalog = new DumpCatalog(scanDepth);
  const refresher = new RefreshManager(catalog, log);
  const tree = new DumpsTreeProvider(catalog);
  let scanned = refresher.refresh('activation');

  registerDebugger(context);
  context.subscriptions.push(
    log,
    catalog,
    refresher,
    tree,
    vscode.window.createTreeView('salvage.dumps', { treeDataProvider: tree, showCollapseAll: true }),
    vscode.commands.registerCommand('salvage.openDump', (uri?: vscode.Uri) => openDump(uri?.fsPath)),
    vscode.commands.registerCommand('salvage.openDumpItem', (node: DumpsNode) => (node.type === 'dump' ? openDump(node.dump.path) : false)),
    vscode.commands.registerCommand('salvage.revealDump', (node: DumpsNode) => {
      if (node.type === 'dump') return vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(node.dump.path));
    }),
    vscode.commands.registerCommand('salvage.refresh', () => (scanned = refresher.refresh('command'))),
    vscode.commands.registerCommand('salvage.addDumpFolder', addDumpFolder),
    vscode.commands.registerCommand('salvage.pickDump', pickDumpFile),
  );
  return {
    listDumps: async () => {
      await scanned;
      return catalog.all();
    },
  };
}

export function deactivate(): void {}
