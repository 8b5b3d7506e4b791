// Asking the user for a dump file: the file dialog used by Open Dump…, F5 without a launch.json and
// the ${command:salvage.pickDump} variable of the initial launch configuration.

import * as vscode from 'vscode';

export async function pickDumpFile(): Promise<string | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Open Dump',
    openLabel: 'Open Dump',
    canSelectMany: false,
    canSelectFolders: false,
    defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
  });
  return picked?.[0]?.fsPath;
}
