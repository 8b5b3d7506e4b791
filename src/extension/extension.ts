// Salvage's extension entry: wires the Dumps view (one catalog of every source's listing, its one
// refresh owner, one tree), the Crashes view (the dump store's crash catalog, its indexer), the commands and the `salvage` debugger together. Each piece gets what
// it needs passed in; nothing is global.

import * as vscode from 'vscode';
import type { HeapOverview } from '../engine/snapshot/heapSnapshot';
import type { Dump } from '../sources/dump';
import { openDump } from './commands/openDump';
import { pickDumpFile } from './commands/pickDump';
import { registerCrashCommands } from './crashes/crashCommands';
import { CrashesIndex } from './crashes/crashesIndex';
import { CrashesTreeProvider } from './crashes/crashesTreeProvider';
import { registerDebugger } from './debug/debugRegistration';
import { registerCheckCrashCapture } from './docker/checkCrashCaptureCommand';
import { registerDockerCommands } from './docker/dockerCommands';
import { dumpArgument } from './docker/dumpArgument';
import { dumpStoreDir } from './docker/dockerSettings';
import { snapshotTree, type ViewItem } from './docker/treeSnapshot';
import { DumpCatalog } from './dumps/dumpCatalog';
import { registerDumpCommands } from './dumps/dumpCommands';
import { DumpsTreeProvider } from './dumps/dumpsTreeProvider';
import { RefreshManager } from './dumps/refreshManager';
import { registerHeapViewer } from './heapViewer/registerHeapViewer';
import { registerModulesView } from './modules/modulesView';

/** What Salvage offers other extensions (and its own integration tests). */
export interface SalvageApi {
  /** The dumps the Dumps view lists, from every source, after any listing in progress. */
  listDumps(): Promise<Dump[]>;
  /** The Dumps view's items as shown (labels, descriptions, context values, children). */
  dumpsViewItems(): Promise<ViewItem[]>;
  /** The Crashes view's items as shown, once the store is indexed. */
  crashesViewItems(): Promise<ViewItem[]>;
  /** Opens every signature of the Crashes view and its crashes (for screenshots). */
  expandCrashes(): Promise<void>;
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
  const catalog = new DumpCatalog();
  const refresher = new RefreshManager(catalog, context, log);
  const tree = new DumpsTreeProvider(catalog);
  const view = vscode.window.createTreeView('salvage.dumps', { treeDataProvider: tree, showCollapseAll: true });
  if (view.visible) void refresher.start();
  const storeDir = () => dumpStoreDir(context);
  const crashes = new CrashesIndex(storeDir, log);
  const crashTree = new CrashesTreeProvider(crashes);
  const crashView = vscode.window.createTreeView('salvage.crashes', { treeDataProvider: crashTree, showCollapseAll: true });
  if (crashView.visible) void crashes.start();

  registerDebugger(context);
  const heapViewer = registerHeapViewer(context);
  registerModulesView(context);
  context.subscriptions.push(
    log,
    catalog,
    refresher,
    tree,
    view,
    view.onDidChangeVisibility((e) => {
      if (e.visible) void refresher.start();
    }),
    crashes,
    crashTree,
    crashView,
    crashView.onDidChangeVisibility((e) => {
      if (e.visible) void crashes.start();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('salvage.dumpStore')) void crashes.refresh();
    }),
    ...registerCrashCommands(crashes, storeDir),
    ...registerDumpCommands(catalog, (location, onLocalCopy) => openDump(location, storeDir(), onLocalCopy)),
    ...registerDockerCommands(),
    ...registerCheckCrashCapture(),
    vscode.commands.registerCommand('salvage.openDump', (target?: vscode.Uri | string) => openDump(dumpArgument(target), storeDir())),
    vscode.commands.registerCommand('salvage.refresh', () => refresher.refresh('command')),
    vscode.commands.registerCommand('salvage.addDumpFolder', addDumpFolder),
    vscode.commands.registerCommand('salvage.pickDump', pickDumpFile),
  );
  return {
    listDumps: async () => {
      await refresher.start();
      return catalog.all();
    },
    onDidLoadHeapSnapshot: heapViewer.onDidLoad,
    dumpsViewItems: async () => {
      await refresher.start();
      return snapshotTree(tree);
    },
    crashesViewItems: async () => {
      await crashes.refresh();
      return snapshotTree(crashTree);
    },
    expandCrashes: async () => {
      for (const node of crashTree.getChildren()) await crashView.reveal(node, { expand: 2, select: false, focus: false });
    },
  };
}

export function deactivate(): void {}
