// Open Dump…: any file, whatever its name; its kind is detected from content. Reports start a
// `salvage` debug session; other kinds are recognised and explained.

import * as path from 'path';
import * as vscode from 'vscode';
import { DUMP_KIND_LABELS, NOT_A_DUMP, sniffDumpKind } from '../../engine/dumpKind';
import { withFile } from '../../sources/local/fileByteSource';
import { pickDumpFile } from './pickDump';

/** Opens `file` (asking for one when absent). Resolves true when a debug session started. */
export async function openDump(file?: string): Promise<boolean> {
  const dump = file ?? (await pickDumpFile());
  if (dump === undefined) return false;
  const kind = await withFile(dump, sniffDumpKind).catch((error: unknown) => {
    void vscode.window.showErrorMessage(`Salvage cannot read ${dump}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  });
  if (kind === undefined) return false;
  if (kind === 'unknown') {
    void vscode.window.showErrorMessage(`${path.basename(dump)}: ${NOT_A_DUMP}.`);
    return false;
  }
  if (kind !== 'report') {
    void vscode.window.showInformationMessage(`${path.basename(dump)} is a ${DUMP_KIND_LABELS[kind]}. Salvage recognises it but cannot analyse this kind yet — support is coming.`);
    return false;
  }
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(dump)) ?? vscode.workspace.workspaceFolders?.[0];
  return vscode.debug.startDebugging(folder, { type: 'salvage', request: 'launch', name: path.basename(dump), dump });
}
