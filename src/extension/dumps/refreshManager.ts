// The one owner of every reason the Dumps view changes: the Refresh command, settings and
// workspace-folder changes (full listings, debounced), and each source's own watch (file events,
// a Docker engine's event stream), which hands over whole new listings. Nothing is listed before
// the view is first seen (or the API asks): a first Docker listing costs the engine seconds of CPU,
// which a session on a local dump (that also activates the extension) must not spend.

import * as vscode from 'vscode';
import type { ListSettings } from '../../sources/dumpSource';
import { dumpSources } from '../../sources/dumpSources';
import { affectsDocker, containerDumpPaths, dockerEnabled, dumpStoreDir } from '../docker/dockerSettings';
import type { DumpCatalog } from './dumpCatalog';
import { scanDepth, scanFolders } from './dumpFolders';

export type RefreshReason = 'activation' | 'command' | 'settings' | 'workspaceFolders';

const RESCAN_DEBOUNCE_MS = 300;

export class RefreshManager implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  private watches: Array<{ dispose(): void }> = [];
  private timer: NodeJS.Timeout | undefined;
  private pending: Promise<void> | undefined;
  private disposed = false;

  constructor(
    private readonly catalog: DumpCatalog,
    private readonly context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('salvage.dumpFolders') || e.affectsConfiguration('salvage.scanDepth') || affectsDocker(e)) this.schedule('settings');
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.schedule('workspaceFolders')),
    );
  }

  private settings(): ListSettings {
    return { folders: scanFolders(), depth: scanDepth(), docker: dockerEnabled() ? 'all' : 'off', containerDumpPaths: containerDumpPaths(), storeDir: dumpStoreDir(this.context) };
  }

  /** The first listing, once; later calls return the latest refresh. */
  start(): Promise<void> {
    return (this.pending ??= this.refresh('activation'));
  }

  /** Lists every source now; resolves when the catalog holds the result. Refreshes never overlap. */
  refresh(reason: RefreshReason): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = (this.pending ?? Promise.resolve()).then(() => this.listAll(reason));
    return this.pending;
  }

  private schedule(reason: RefreshReason): void {
    if (this.pending === undefined) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(reason), RESCAN_DEBOUNCE_MS);
  }

  private async listAll(reason: RefreshReason): Promise<void> {
    if (this.disposed) return;
    const settings = this.settings();
    const listers = dumpSources().flatMap((source) => {
      const lister = source.lister(settings);
      return lister === undefined ? [] : [{ source: source.name, lister }];
    });
    this.log.info(`listing dumps (${reason}): ${listers.map((l) => l.source).join(', ')}; folders ${settings.folders.map((f) => f.folder).join(', ')}`);
    for (const w of this.watches) w.dispose();
    this.watches = [];
    this.catalog.keepOnly(new Set(listers.map((l) => l.source)));
    await vscode.window.withProgress({ location: { viewId: 'salvage.dumps' } }, () =>
      Promise.all(
        listers.map(async ({ source, lister }) => {
          try {
            this.catalog.set(await lister.list({ onPartial: (partial) => this.catalog.set(partial) }));
          } catch (error) {
            this.log.error(`listing ${source} dumps failed: ${String(error)}`);
            return;
          }
          if (this.disposed) return;
          const watch = lister.watch?.(
            (listing) => this.catalog.set(listing),
            (message) => this.log.warn(message),
          );
          if (watch !== undefined) this.watches.push(watch);
        }),
      ),
    );
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    for (const d of [...this.subscriptions, ...this.watches]) d.dispose();
  }
}
