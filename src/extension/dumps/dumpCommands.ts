// The context-menu commands every dump in the Dumps view has, whatever its source: Open (a debug
// session, or the heap viewer for a snapshot), Reveal (the file, or the copy already downloaded),
// and Copy Location (the path or URI every verb and `salvage` accept). Each takes the tree node it
// was invoked on.

import * as vscode from 'vscode';
import type { Dump } from '../../sources/dump';
import type { DumpCatalog } from './dumpCatalog';
import type { DumpsNode } from './dumpsTreeProvider';

/** The dump a command was invoked on (a tree click and a menu both pass the node). */
export function dumpOfNode(arg: unknown): Dump | undefined {
  const node = arg as DumpsNode | undefined;
  return node !== null && typeof node === 'object' && node.type === 'dump' ? node.dump : undefined;
}

export function registerDumpCommands(catalog: DumpCatalog, open: (location: string, onLocalCopy: (file: string) => void) => Thenable<boolean> | Promise<boolean>): vscode.Disposable[] {
  const onDump = (run: (dump: Dump) => unknown) => (arg: unknown) => {
    const dump = dumpOfNode(arg);
    return dump === undefined ? undefined : run(dump);
  };
  return [
    vscode.commands.registerCommand(
      'salvage.openDumpItem',
      onDump((dump) => open(dump.location, (file) => catalog.noteLocalCopy(dump.location, file))),
    ),
    vscode.commands.registerCommand(
      'salvage.revealDump',
      onDump((dump) => {
        if (dump.localCopy === undefined) return vscode.window.showInformationMessage(`${dump.location} is not on this machine yet: Open or Download… it first.`);
        return vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(dump.localCopy));
      }),
    ),
    vscode.commands.registerCommand(
      'salvage.copyDumpLocation',
      onDump((dump) => vscode.env.clipboard.writeText(dump.location)),
    ),
  ];
}
