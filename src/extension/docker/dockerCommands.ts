// The context-menu commands on a container's dump: Open (a read-only debug session on its
// docker:// URI), Download… (anywhere, atomically, with a sidecar), Copy docker:// URI, and Reveal
// downloaded copy. Each takes the tree node it was invoked on.

import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { formatBytes } from '../../engine/format';
import { downloadTo, resolveDockerUri } from '../../sources/docker/dockerDownload';
import { parseDockerUri } from '../../sources/dumpUri';
import type { DockerCatalog } from './dockerCatalog';
import { type DockerNode, dumpUri } from './dockerTreeSection';
import { withDownloadProgress } from './downloadProgress';
import { errorMessage } from '../../engine/errorMessage';

type DumpNode = Extract<DockerNode, { type: 'dump' }>;

/** The dump node a command was invoked on: a tree click passes it bare, a menu wrapped in the Dumps view's node. */
export function dumpNodeOf(arg: unknown): DumpNode | undefined {
  const candidate = arg !== null && typeof arg === 'object' && (arg as { type?: string }).type === 'docker' ? (arg as { node: unknown }).node : arg;
  return candidate !== null && typeof candidate === 'object' && (candidate as { type?: string }).type === 'dump' && 'explored' in candidate ? (candidate as DumpNode) : undefined;
}

function message(error: unknown): string {
  return errorMessage(error);
}

async function download(node: DumpNode): Promise<void> {
  const uri = dumpUri(node);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri ?? vscode.Uri.file(os.homedir());
  const target = await vscode.window.showSaveDialog({ title: `Download ${uri}`, saveLabel: 'Download', defaultUri: vscode.Uri.joinPath(folder, path.posix.basename(node.dump.path)) });
  if (target === undefined) return;
  try {
    const pulled = await withDownloadProgress(`Downloading ${uri}`, async (signal, onProgress) => downloadTo(await resolveDockerUri(parseDockerUri(uri)), target.fsPath, { signal, onProgress }));
    const reveal = await vscode.window.showInformationMessage(`Downloaded ${uri} (${formatBytes(pulled.metadata.size)}, sha256 ${pulled.metadata.sha256.slice(0, 16)}…) with its metadata in ${path.basename(target.fsPath)}.salvage.json`, 'Reveal');
    if (reveal === 'Reveal') await vscode.commands.executeCommand('revealFileInOS', target);
  } catch (error) {
    void vscode.window.showErrorMessage(`Salvage could not download ${uri}: ${message(error)}`);
  }
}

export function registerDockerCommands(catalog: DockerCatalog, open: (uri: string) => Thenable<boolean> | Promise<boolean>): vscode.Disposable[] {
  const onDump = (run: (node: DumpNode) => unknown) => (arg: unknown) => {
    const node = dumpNodeOf(arg);
    return node === undefined ? undefined : run(node);
  };
  return [
    vscode.commands.registerCommand(
      'salvage.docker.open',
      onDump(async (node) => {
        const started = await open(dumpUri(node));
        await catalog.markDownloaded();
        return started;
      }),
    ),
    vscode.commands.registerCommand('salvage.docker.download', onDump(download)),
    vscode.commands.registerCommand(
      'salvage.docker.copyUri',
      onDump((node) => vscode.env.clipboard.writeText(dumpUri(node))),
    ),
    vscode.commands.registerCommand(
      'salvage.docker.revealDownload',
      onDump((node) => {
        const copy = catalog.downloadedCopy(node.explored.container.id, node.dump.path);
        if (copy === undefined) return vscode.window.showInformationMessage(`${dumpUri(node)} has not been downloaded yet: Open or Download… it first.`);
        return vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(copy));
      }),
    ),
  ];
}
