// Wires the Modules view: one owner of its refreshes — the active debug session changing, a salvage
// session stopping (its dump is then open) or ending — so the tree always shows the session in focus.

import * as vscode from 'vscode';
import { ModulesTreeProvider } from './modulesTreeProvider';

export function registerModulesView(context: vscode.ExtensionContext): void {
  const provider = new ModulesTreeProvider();
  const refresh = (): Promise<void> => provider.refresh(vscode.debug.activeDebugSession);
  context.subscriptions.push(
    provider,
    vscode.window.createTreeView('salvage.modules', { treeDataProvider: provider, showCollapseAll: true }),
    vscode.debug.onDidChangeActiveDebugSession(refresh),
    vscode.debug.onDidTerminateDebugSession(refresh),
    // The one `stopped` event of a salvage session means the dump is open and its modules known.
    vscode.debug.registerDebugAdapterTrackerFactory('salvage', {
      createDebugAdapterTracker: () => ({
        onDidSendMessage: (message: { type?: string; event?: string }) => {
          if (message.type === 'event' && message.event === 'stopped') void refresh();
        },
      }),
    }),
  );
}
