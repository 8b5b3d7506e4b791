// The read-only custom editor for .heapsnapshot files. Opening one starts its analysis in a worker
// of its own (dist/heapWorker.js): progress streams to the webview, Cancel stops the worker, errors
// appear in the editor in plain words, and the extension host never parses a byte.

import * as path from 'path';
import * as vscode from 'vscode';
import { errorMessage } from '../../engine/errorMessage';
import type { HeapOverview } from '../../engine/snapshot/heapSnapshot';
import { HeapAnalysisService } from '../../engine/snapshot/service/heapAnalysisService';
import type { HeapAnalysis } from '../../engine/snapshot/service/heapAnalysis';
import { bundledHeapWorker } from '../../sources/local/bundledHeapWorker';
import { withExpectedDump } from '../../sources/openTarget';
import type { Comparison, HostMessage, WebviewMessage } from './protocol';
import { HeapViewerBackend } from './viewerBackend';
import { viewerHtml } from './viewerHtml';

class HeapSnapshotDocument implements vscode.CustomDocument {
  readonly service: HeapAnalysisService;
  readonly loading = new AbortController();

  constructor(
    readonly uri: vscode.Uri,
    workerScript: string,
  ) {
    this.service = new HeapAnalysisService(workerScript);
  }

  dispose(): void {
    this.loading.abort();
    void this.service.dispose();
  }
}

export class HeapSnapshotEditorProvider implements vscode.CustomReadonlyEditorProvider<HeapSnapshotDocument> {
  static readonly viewType = 'salvage.heapSnapshot';
  private readonly loadedEmitter = new vscode.EventEmitter<{ file: string; overview?: HeapOverview; error?: string }>();
  /** Each snapshot an editor finished loading (or failed to), for the extension's API. */
  readonly onDidLoad = this.loadedEmitter.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly showInDebugVariables: (snapshot: vscode.Uri, id: number) => Promise<void>,
  ) {}

  openCustomDocument(uri: vscode.Uri): HeapSnapshotDocument {
    const worker = bundledHeapWorker();
    if (worker === undefined) throw new Error('the heap analysis worker (dist/heapWorker.js) is missing from the Salvage extension: reinstall it');
    return new HeapSnapshotDocument(uri, worker);
  }

  resolveCustomEditor(document: HeapSnapshotDocument, panel: vscode.WebviewPanel): void {
    const webview = panel.webview;
    const asset = (...segments: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, ...segments)).toString();
    webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')] };
    webview.html = viewerHtml({ script: asset('dist', 'heapViewer.js'), style: asset('media', 'heapViewer.css'), cspSource: webview.cspSource }, path.basename(document.uri.fsPath));
    const post = (message: HostMessage) => void webview.postMessage(message);
    let backend: Promise<HeapViewerBackend | undefined> | undefined;
    webview.onDidReceiveMessage(async (message: WebviewMessage) => {
      if (message.type === 'ready') backend ??= this.load(document, post);
      else if (message.type === 'cancel') document.loading.abort();
      else {
        const ready = await backend;
        if (ready === undefined) return post({ type: 'response', id: message.id, error: 'the snapshot is not loaded' });
        ready.handle(message.request).then(
          (result) => post({ type: 'response', id: message.id, result }),
          (error: unknown) => post({ type: 'response', id: message.id, error: errorMessage(error) }),
        );
      }
    });
  }

  private async load(document: HeapSnapshotDocument, post: (message: HostMessage) => void): Promise<HeapViewerBackend | undefined> {
    const file = document.uri.fsPath;
    try {
      const analysis = await withExpectedDump(file, ['heapsnapshot'], (source) => document.service.open(source, { signal: document.loading.signal, onProgress: (p) => post({ type: 'progress', phase: p.phase, fraction: p.fraction }) }));
      const overview = await analysis.query('overview');
      post({ type: 'loaded', file: path.basename(file), overview });
      this.loadedEmitter.fire({ file, overview });
      return new HeapViewerBackend(analysis, {
        compare: () => this.compare(document, analysis),
        showInDebugVariables: (id) => this.showInDebugVariables(document.uri, id),
      });
    } catch (error) {
      const cancelled = document.loading.signal.aborted;
      const message = cancelled ? 'loading was cancelled (reopen the file to try again)' : errorMessage(error);
      post({ type: 'failed', message });
      this.loadedEmitter.fire({ file, error: message });
      return undefined;
    }
  }

  private async compare(document: HeapSnapshotDocument, current: HeapAnalysis): Promise<Comparison | null> {
    const picked = await vscode.window.showOpenDialog({ title: 'Compare with snapshot', openLabel: 'Compare', filters: { 'Heap snapshots': ['heapsnapshot'], 'All files': ['*'] }, defaultUri: vscode.Uri.joinPath(document.uri, '..') });
    const baselineUri = picked?.[0];
    if (baselineUri === undefined) return null;
    const baseline = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Loading ${path.basename(baselineUri.fsPath)}`, cancellable: true }, (_progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      return withExpectedDump(baselineUri.fsPath, ['heapsnapshot'], (source) => document.service.open(source, { signal: abort.signal }));
    });
    try {
      return { ...(await document.service.compare(baseline, current)), baseline: path.basename(baselineUri.fsPath) };
    } finally {
      await baseline.dispose();
    }
  }
}
