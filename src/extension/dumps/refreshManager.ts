// The one owner of every reason the Dumps view refreshes: the Refresh command, settings and
// workspace-folder changes (full rescans, debounced), and file watchers on each scanned folder
// (single-file updates). Nothing else in the extension triggers a scan.

import * as vscode from 'vscode';
import type { DumpCatalog } from './dumpCatalog';
import { type ScanFolder, scanFolders } from './dumpFolders';

export type RefreshReason = 'activation' | 'command' | 'settings' | 'workspaceFolders';

const RESCAN_DEBOUNCE_MS = 300;

export class RefreshManager implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  private watchers: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private pending: Promise<void> = Promise.resolve();

  constructor(
    private readonly catalog: DumpCatalog,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('salvage.dumpFolders') || e.affectsConfiguration('salvage.scanDepth')) this.schedule('settings');
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.schedule('workspaceFolders')),
    );
  }

  /** Rescans now; resolves when the catalog holds the result. */
  refresh(reason: RefreshReason): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = this.pending.then(() => this.rescan(reason));
    return this.pending;
  }

  private schedule(reason: RefreshReason): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(reason), RESCAN_DEBOUNCE_MS);
  }

  private async rescan(reason: RefreshReason): Promise<void> {
    const folders = scanFolders();
    this.log.info(`scanning ${folders.length} folder(s) for dumps (${reason}): ${folders.map((f) => f.folder).join(', ')}`);
    this.watch(folders);
    await vscode.window.withProgress({ location: { viewId: 'salvage.dumps' } }, () => this.catalog.rescan(folders));
  }

  private watch(folders: ScanFolder[]): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = folders.map(({ folder }) => {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(folder), '**/*'));
      const changed = (uri: vscode.Uri) => void this.catalog.fileChanged(uri.fsPath);
      watcher.onDidCreate(changed);
      watcher.onDidChange(changed);
      watcher.onDidDelete((uri) => this.catalog.fileDeleted(uri.fsPath));
      return watcher;
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of [...this.subscriptions, ...this.watchers]) d.dispose();
  }
}
