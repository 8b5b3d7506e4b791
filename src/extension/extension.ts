// Salvage's extension entry: wires the Dumps view, its refresh owner, the commands and the
// `salvage` debugger together. Each piece gets what it needs passed in; nothing is global.

import * as vscode from 'vscode';
import type { HeapOverview } from '../engine/heap/heapSnapshot';
import type { FoundDump } from '../sources/local/findDumps';
import { openDump } from './commands/openDump';
import { pickDumpFile } from './commands/pickDump';
import { registerDebugger } from './debug/debugRegistration';
import { registerHeapViewer } from './heapViewer/registerHeapViewer';
import { createDockerView, type ListedContainer } from './docker/dockerView';
import { dumpArgument } from './docker/dumpArgument';
import { snapshotTree, type ViewItem } from './docker/treeSnapshot';
import { registerModulesView } from './modules/modulesView';
import { DumpCatalog } from './dumps/dumpCatalog';
import { scanDepth } from './dumps/dumpFolders';
import { type DumpsNode, DumpsTreeProvider } from './dumps/dumpsTreeProvider';
import { RefreshManager } from './dumps/refreshManager';

/** What Salvage offers other extensions (and its own integration tests). */
export interface SalvageApi {
  /** The dumps the Dumps view currently lists, after any scan in progress. */
  listDumps(): Promise<FoundDump[]>;
  /** The containers the Docker part of the Dumps view lists, with their dumps, after any refresh in progress. */
  listContainerDumps(): Promise<ListedContainer[]>;
  /** The Dumps view's items as shown (labels, descriptions, context values, children). */
  dumpsViewItems(): Promise<ViewItem[]>;
  /** Fires when a heap snapshot editor has loaded its snapshot (or failed to). */
  onDidLoadHeapSnapshot: vscode.Event<{ file: string; overview?: HeapOverview; error?: string }>;
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
  const docker = createDockerView(context, log, (uri, storeDir) => openDump(uri, storeDir));
  const tree = new DumpsTreeProvider(catalog, docker.section);
  const view = vscode.window.createTreeView('salvage.dumps', { treeDataProvider: tree, showCollapseAll: true });
  let scanned = refresher.refresh('activation');
  // Docker is asked only once the view is seen: a first listing costs the engine seconds of CPU,
  // which a session on a local dump (that also activates the extension) must not spend.
  if (view.visible) void docker.start();

  registerDebugger(context);
  const heapViewer = registerHeapViewer(context);
  registerModulesView(context);
  context.subscriptions.push(
    log,
    catalog,
    refresher,
    tree,
    ...docker.disposables,
    view,
    view.onDidChangeVisibility((e) => {
      if (e.visible) void docker.start();
    }),
    vscode.commands.registerCommand('salvage.openDump', (target?: vscode.Uri | string) => openDump(dumpArgument(target), docker.storeDir())),
    vscode.commands.registerCommand('salvage.openDumpItem', (node: DumpsNode) => (node.type === 'dump' ? openDump(node.dump.path) : false)),
    vscode.commands.registerCommand('salvage.revealDump', (node: DumpsNode) => {
      if (node.type === 'dump') return vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(node.dump.path));
    }),
    vscode.commands.registerCommand('salvage.refresh', () => Promise.all([(scanned = refresher.refresh('command')), docker.refresh('command')])),
    vscode.commands.registerCommand('salvage.addDumpFolder', addDumpFolder),
    vscode.commands.registerCommand('salvage.pickDump', pickDumpFile),
  );
  return {
    listDumps: async () => {
      await scanned;
      return catalog.all();
    },
    listContainerDumps: docker.listContainerDumps,
    onDidLoadHeapSnapshot: heapViewer.onDidLoad,
    dumpsViewItems: async () => {
      await scanned;
      return snapshotTree(tree);
    },
  };
}

export function deactivate(): void {}
