// The one owner of the Crashes view's data: the catalog of the dump store (opened for the store the
// settings name, reopened when they name another), indexed in the background — when the view is
// first shown, on Refresh, and when the store's files change (a dump copied out of a container,
// decompressed from the host's handler) — with progress in the view and a Cancel. Runs never
// overlap; one asked for during a run comes after it. Other windows may index the same store at the
// same time: the catalog's database keeps them apart. Collecting from Docker (the engine's dumps,
// deaths and logs into the store, then an index) is one more run, asked for by its command.

import * as vscode from 'vscode';
import { indexStore } from '../../catalog/catalogIndexer';
import { CATALOG_FILE, type CatalogContents, CrashCatalog } from '../../catalog/crashCatalog';
import { errorMessage } from '../../engine/errorMessage';
import { collectFromDocker } from '../../sources/docker/dockerCollection';
import { watchFolders } from '../../sources/local/folderWatch';

/** The store mirrors container paths: watch that deep. */
const WATCH_DEPTH = 8;

export class CrashesIndex implements vscode.Disposable {
  private catalog: CrashCatalog | undefined;
  private storeDir: string | undefined;
  private watch: { dispose(): void } | undefined;
  private pending: Promise<void> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  /** What the catalog holds after the latest index. */
  contents: CatalogContents | undefined;
  /** Why there is no catalog (no SQLite in this VS Code, a store that cannot be opened), as one line. */
  problem: string | undefined;

  constructor(
    private readonly storeDirOf: () => string,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The first index, once; later calls return the latest run. */
  start(): Promise<void> {
    return (this.pending ??= this.run(false));
  }

  /** Indexes (or, with rebuild, remakes the catalog) after any run in progress. */
  refresh(rebuild = false): Promise<void> {
    this.pending = (this.pending ?? Promise.resolve()).then(() => this.run(rebuild));
    return this.pending;
  }

  /** Copies the current Docker engine's crashes into the store, then indexes, after any run in progress. */
  collect(dumpPaths: string[]): Promise<void> {
    this.pending = (this.pending ?? Promise.resolve()).then(() => this.runCollect(dumpPaths)).then(() => this.run(false));
    return this.pending;
  }

  private async runCollect(dumpPaths: string[]): Promise<void> {
    const storeDir = this.storeDirOf();
    await vscode.window.withProgress({ location: { viewId: 'salvage.crashes' }, title: 'Collecting crashes from Docker', cancellable: true }, async (progress, token) => {
      const abort = new AbortController();
      const cancel = token.onCancellationRequested(() => abort.abort());
      try {
        const s = await collectFromDocker(storeDir, { dumpPaths, signal: abort.signal, onProgress: (p) => progress.report({ message: `${p.done} of ${p.total} containers` }) });
        this.log.info(`Crashes: ${s.endpoint}: ${s.containers} containers, ${s.copied} dumps copied (${s.reused} already in the store), ${s.deaths} deaths and ${s.logs} logs recorded`);
        for (const e of s.errors) this.log.warn(`Crashes: not collected: ${e}`);
      } catch (error) {
        if (!abort.signal.aborted) void vscode.window.showErrorMessage(`Salvage: collecting crashes from Docker failed: ${errorMessage(error)}`);
      } finally {
        cancel.dispose();
      }
    });
  }

  /** Changes the catalog (a tag, a note), then shows what it holds. */
  change(edit: (catalog: CrashCatalog) => void): void {
    if (this.catalog === undefined) throw new Error(this.problem ?? 'the crash catalog is not open yet');
    edit(this.catalog);
    this.contents = this.catalog.contents();
    this.changed.fire();
  }

  private open(): CrashCatalog | undefined {
    const storeDir = this.storeDirOf();
    if (this.catalog !== undefined && storeDir === this.storeDir) return this.catalog;
    this.close();
    try {
      this.catalog = CrashCatalog.open(storeDir);
      this.storeDir = storeDir;
      this.problem = undefined;
      this.watch = watchFolders(
        [storeDir],
        WATCH_DEPTH,
        async () => void this.refresh(),
        (message) => this.log.warn(message),
        // The catalog's own writes are not the store changing.
        (name) => name.startsWith(CATALOG_FILE),
      );
    } catch (error) {
      this.problem = errorMessage(error);
      this.log.error(`Crashes: ${this.problem}`);
    }
    return this.catalog;
  }

  private async run(rebuild: boolean): Promise<void> {
    const catalog = this.open();
    if (catalog === undefined || this.storeDir === undefined) return this.changed.fire();
    const storeDir = this.storeDir;
    await vscode.window.withProgress({ location: { viewId: 'salvage.crashes' }, title: rebuild ? 'Rebuilding the crash catalog' : 'Indexing crashes', cancellable: true }, async (progress, token) => {
      const abort = new AbortController();
      const cancel = token.onCancellationRequested(() => abort.abort());
      try {
        const summary = await indexStore(catalog, storeDir, { rebuild, signal: abort.signal, onProgress: (p) => progress.report({ message: `${p.done} of ${p.total} dumps` }) });
        this.log.info(`Crashes: ${summary.indexed} dumps indexed (${summary.unreadable} unreadable), ${summary.unchanged} unchanged, ${summary.removed} gone, in ${summary.elapsedMs} ms`);
      } catch (error) {
        if (!abort.signal.aborted) this.log.error(`Crashes: indexing ${storeDir} failed: ${errorMessage(error)}`);
      } finally {
        cancel.dispose();
      }
    });
    this.contents = catalog.contents();
    this.changed.fire();
  }

  private close(): void {
    this.watch?.dispose();
    this.watch = undefined;
    this.catalog?.close();
    this.catalog = undefined;
    this.contents = undefined;
  }

  dispose(): void {
    this.close();
    this.changed.dispose();
  }
}
