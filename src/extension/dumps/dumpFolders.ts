// Which folders the Dumps view scans: every workspace folder plus `salvage.dumpFolders`, with `~`
// and `${workspaceFolder}` expanded. In an untrusted workspace VS Code itself withholds the
// workspace's value of that restricted setting, so only the user's own folders are used then.

import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';

export interface ScanFolder {
  folder: string;
  label: string;
}

function expand(setting: string, workspaceFolder: string | undefined): string | undefined {
  let value = setting.replace(/^~(?=$|[\\/])/, os.homedir());
  if (value.includes('${workspaceFolder}')) {
    if (workspaceFolder === undefined) return undefined;
    value = value.split('${workspaceFolder}').join(workspaceFolder);
  }
  return path.isAbsolute(value) ? path.normalize(value) : workspaceFolder === undefined ? undefined : path.join(workspaceFolder, value);
}

export function scanFolders(): ScanFolder[] {
  const workspaceFolders = vscode.workspace.workspaceFolders ?? [];
  const folders: ScanFolder[] = workspaceFolders.filter((f) => f.uri.scheme === 'file').map((f) => ({ folder: f.uri.fsPath, label: f.name }));
  const first = folders[0]?.folder;
  for (const setting of vscode.workspace.getConfiguration('salvage').get<string[]>('dumpFolders', [])) {
    const folder = expand(setting, first);
    if (folder !== undefined && !folders.some((f) => f.folder === folder)) folders.push({ folder, label: setting });
  }
  return folders;
}

export function scanDepth(): number {
  return vscode.workspace.getConfiguration('salvage').get<number>('scanDepth', 3);
}
