// Wires the heap snapshot viewer into VS Code: the custom editor for *.heapsnapshot, and its link
// to the debugger — "Show in Debug Variables" uses the snapshot's `salvage` session (starting one
// when none is running) and pins the object there.

import * as path from 'path';
import * as vscode from 'vscode';
import { PIN_OBJECT_REQUEST, type PinObjectArguments } from '../../debug/heap/pinObjectRequest';
import { HeapSnapshotEditorProvider } from './heapSnapshotEditor';

async function snapshotSession(snapshot: vscode.Uri): Promise<vscode.DebugSession | undefined> {
  const isFor = (s: vscode.DebugSession | undefined) => s?.type === 'salvage' && s.configuration.dump === snapshot.fsPath;
  if (isFor(vscode.debug.activeDebugSession)) return vscode.debug.activeDebugSession;
  const started = new Promise<vscode.DebugSession>((resolve) => {
    const listener = vscode.debug.onDidStartDebugSession((s) => {
      if (isFor(s)) {
        listener.dispose();
        resolve(s);
      }
    });
  });
  const ok = await vscode.debug.startDebugging(vscode.workspace.getWorkspaceFolder(snapshot), { type: 'salvage', request: 'launch', name: path.basename(snapshot.fsPath), dump: snapshot.fsPath });
  return ok ? started : undefined;
}

async function showInDebugVariables(snapshot: vscode.Uri, id: number): Promise<void> {
  const session = await snapshotSession(snapshot);
  if (session === undefined) return;
  const args: PinObjectArguments = { id };
  await session.customRequest(PIN_OBJECT_REQUEST, args);
  await vscode.commands.executeCommand('workbench.debug.action.focusVariablesView');
}

/** Registers the viewer; returns its provider, whose onDidLoad the extension's API exposes. */
export function registerHeapViewer(context: vscode.ExtensionContext): HeapSnapshotEditorProvider {
  const provider = new HeapSnapshotEditorProvider(context.extensionUri, showInDebugVariables);
  context.subscriptions.push(
    vscode.window.registerCustomEditorProvider(HeapSnapshotEditorProvider.viewType, provider, {
      // The analysis lives in a worker per document; keep the page so switching tabs costs nothing.
      webviewOptions: { retainContextWhenHidden: true },
      supportsMultipleEditorsPerDocument: false,
    }),
  );
  return provider;
}
