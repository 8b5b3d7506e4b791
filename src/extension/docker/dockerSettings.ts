// The settings of the Docker part of the Dumps view, read in one place: whether to look at Docker
// at all, where dumps are looked for inside containers, and where copies are stored. In an
// untrusted workspace VS Code withholds the workspace's values of the restricted ones (package.json
// capabilities), so a repository cannot point the store somewhere else.

import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { DEFAULT_DUMP_PATHS } from '../../sources/docker/containerDumps';

export function dockerEnabled(): boolean {
  return vscode.workspace.getConfiguration('salvage').get<boolean>('docker.enabled', true);
}

export function containerDumpPaths(): string[] {
  const value = vscode.workspace.getConfiguration('salvage').get<string[]>('containerDumpPaths', DEFAULT_DUMP_PATHS);
  return Array.isArray(value) ? value.filter((p) => typeof p === 'string') : DEFAULT_DUMP_PATHS;
}

/** `salvage.dumpStore` (with `~` expanded), else a folder in the extension's global storage. */
export function dumpStoreDir(context: vscode.ExtensionContext): string {
  const setting = vscode.workspace.getConfiguration('salvage').get<string>('dumpStore', '').trim();
  if (setting !== '') {
    const expanded = setting.replace(/^~(?=$|[\\/])/, os.homedir());
    if (path.isAbsolute(expanded)) return path.normalize(expanded);
  }
  return path.join(context.globalStorageUri.fsPath, 'dumps');
}

/** Whether a settings change concerns the Docker part of the view. */
export function affectsDocker(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration('salvage.docker') || event.affectsConfiguration('salvage.containerDumpPaths') || event.affectsConfiguration('salvage.dumpStore');
}
