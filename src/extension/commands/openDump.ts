// Open Dump…: any file, whatever its name; its kind is detected from content. Reports and cores
// start a `salvage` debug session, heap snapshots open in the heap viewer.

import * as path from 'path';
import * as vscode from 'vscode';
import { NOT_A_DUMP } from '../../engine/dumpKind';
import { errorMessage } from '../../engine/errorMessage';
import { defaultStoreDir } from '../../sources/dumpStore';
import { dumpKindAt } from '../docker/dumpKindAt';
import { HeapSnapshotEditorProvider } from '../heapViewer/heapSnapshotEditor';
import { pickDumpFile } from './pickDump';

/**
 * Opens `file` — a path or a docker:// URI, copied into `storeDir` first — asking for one when absent.
 * Resolves true when the dump opened: in a debug session, or in the heap viewer. `onLocalCopy` is
 * told the file on this machine that holds it (a fetched dump's store copy).
 */
export async function openDump(file?: string, storeDir = defaultStoreDir(), onLocalCopy?: (file: string) => void): Promise<boolean> {
  const dump = file ?? (await pickDumpFile());
  if (dump === undefined) return false;
  const located = await dumpKindAt(dump, storeDir).catch((error: unknown) => {
    void vscode.window.showErrorMessage(`Salvage cannot read ${dump}: ${errorMessage(error)}`);
    return undefined;
  });
  if (located === undefined) return false;
  onLocalCopy?.(located.localPath);
  if (located.kind === 'unknown') {
    void vscode.window.showErrorMessage(`${path.basename(dump)}: ${NOT_A_DUMP}.`);
    return false;
  }
  // A snapshot opens in the heap viewer (a docker:// one from its copy in the store), which starts
  // its debug session on demand. Reports and cores open in a debug session.
  if (located.kind === 'heapsnapshot') {
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(located.localPath), HeapSnapshotEditorProvider.viewType);
    return true;
  }
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(dump)) ?? vscode.workspace.workspaceFolders?.[0];
  return vscode.debug.startDebugging(folder, { type: 'salvage', request: 'launch', name: path.basename(dump), dump });
}
