// What the Open Dump command was given — a file Uri from the explorer, a docker: Uri, or a string
// (a path or docker:// URI from another extension, a test or a keybinding) — as one path or URI.

import * as vscode from 'vscode';

export function dumpArgument(target: vscode.Uri | string | undefined): string | undefined {
  if (target === undefined || typeof target === 'string') return target;
  return target.scheme === 'docker' ? target.toString() : target.fsPath;
}
