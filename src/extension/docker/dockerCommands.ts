// The Docker section's own command on a container's dump: Download… (anywhere, atomically, with a
// metadata sidecar). Open, Reveal and Copy Location are every dump's (dumps/dumpCommands.ts).

import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { errorMessage } from '../../engine/errorMessage';
import { formatBytes } from '../../engine/format';
import { downloadTo, resolveDockerUri } from '../../sources/docker/dockerDownload';
import { DOCKER_SOURCE } from '../../sources/docker/dockerPlaces';
import type { Dump } from '../../sources/dump';
import { parseDockerUri } from '../../sources/dumpUri';
import { dumpOfNode } from '../dumps/dumpCommands';
import { withDownloadProgress } from './downloadProgress';

async function download(dump: Dump): Promise<void> {
  const uri = dump.location;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
  const target = await vscode.window.showSaveDialog({ title: `Download ${uri}`, saveLabel: 'Download', defaultUri: vscode.Uri.joinPath(folder, dump.label) });
  if (target === undefined) return;
  try {
    const pulled = await withDownloadProgress(`Downloading ${uri}`, async (signal, onProgress) => downloadTo(await resolveDockerUri(parseDockerUri(uri)), target.fsPath, { signal, onProgress }));
    const reveal = await vscode.window.showInformationMessage(`Downloaded ${uri} (${formatBytes(pulled.metadata.size)}, sha256 ${pulled.metadata.sha256.slice(0, 16)}…) with its metadata in ${path.basename(target.fsPath)}.salvage.json`, 'Reveal');
    if (reveal === 'Reveal') await vscode.commands.executeCommand('revealFileInOS', target);
  } catch (error) {
    void vscode.window.showErrorMessage(`Salvage could not download ${uri}: ${errorMessage(error)}`);
  }
}

export function registerDockerCommands(): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('salvage.docker.download', (arg: unknown) => {
      const dump = dumpOfNode(arg);
      return dump?.source === DOCKER_SOURCE ? download(dump) : undefined;
    }),
  ];
}
