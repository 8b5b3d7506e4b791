// Open Dump…: any file, whatever its name; its kind is detected from content. Reports and cores
// start a `salvage` debug session, heap snapshots open in the heap viewer.

import * as path from 'path';
import * as vscode from 'vscode';
import { DUMP_KIND_LABELS, NOT_A_DUMP } from '../../engine/dumpKind';
import { defaultStoreDir } from '../../sources/dumpStore';
import { dumpKindAt } from '../docker/dumpKindAt';
import { HeapSnapshotEditorProvider } from '../heapViewer/heapSnapshotEditor';
import { pickDumpFile } from './pickDump';

/**
 * Opens `file` — a path or a docker:// URI, copied into `storeDir` first — asking for one when absent.
 * Resolves true when the dump opened: in a debug session, or in the heap viewer.
 */
export async function openDump(file?: string, storeDir = defaultStoreDir()): Promise<boolean> {
  const dump = file ?? (await pickDumpFile());
  if (dump === undefined) return false;
  const kind = await dumpKindAt(dump, storeDir).catch((error: unknown) => {
    void vscode.window.showErrorMessage(`Salvage cannot read ${dump}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  });
  if (kind === undefined) return false;
  if (kind === 'unknown') {
    void vscode.window.showErrorMessage(`${path.basename(dump)}: ${NOT_A_DUMP}.`);
    return false;
  }
  // A snapshot opens in the heap viewer, which starts its debug session on demand.
  if (kind === 'heapsnapshot' && !dump.startsWith('docker:')) {
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(dump), HeapSnapshotEditorProvider.viewType);
    return true;
  }
  // Reports and cores open in a debug session (the engine analyses both).
  if (kind !== 'report' && kind !== 'core') {
    void vscode.window.showInformationMessage(`${path.basename(dump)} is a ${DUMP_KIND_LABELS[kind]}. Salvage recognises it but cannot analyse this kind yet — support is coming.`);
    return false;
  }
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(dump)) ?? vscode.workspace.workspaceFolders?.[0];
  return vscode.debug.startDebugging(folder, { type: 'salvage', request: 'launch', name: path.basename(dump), dump });
}
