// What the Dumps view shows, kept apart from how it is shown: for each root folder, the dumps found
// in it. The catalog changes only through rescan() (everything) and fileChanged()/fileDeleted()
// (one file, from a watcher), and announces each change once.

import * as path from 'path';
import * as vscode from 'vscode';
import { findDumps, type FoundDump, sniffFile } from '../../sources/local/findDumps';
import { errorMessage } from '../../engine/errorMessage';

export interface DumpRoot {
  /** Folder on disk. */
  folder: string;
  /** Shown as the group's label: a workspace folder's name or a dump folder's path. */
  label: string;
  dumps: FoundDump[];
  /** Why the folder could not be scanned, shown as a node. */
  error?: string;
}

export class DumpCatalog implements vscode.Disposable {
  private roots: DumpRoot[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly depth: () => number) {}

  get current(): readonly DumpRoot[] {
    return this.roots;
  }

  all(): FoundDump[] {
    return this.roots.flatMap((r) => r.dumps);
  }

  async rescan(folders: Array<{ folder: string; label: string }>): Promise<void> {
    this.roots = await Promise.all(
      folders.map(async ({ folder, label }) => {
        try {
          return { folder, label, dumps: await findDumps(folder, { depth: this.depth() }) };
        } catch (error) {
          return { folder, label, dumps: [], error: errorMessage(error) };
        }
      }),
    );
    this.changed.fire();
  }

  /** A watcher saw `file` appear or change: list it if it is (still) a dump. */
  async fileChanged(file: string): Promise<void> {
    const root = this.rootOf(file);
    if (root === undefined) return;
    const dump = await sniffFile(file);
    const others = root.dumps.filter((d) => d.path !== file);
    if (dump === undefined && others.length === root.dumps.length) return;
    root.dumps = dump === undefined ? others : [dump, ...others].sort((a, b) => b.mtimeMs - a.mtimeMs);
    this.changed.fire();
  }

  fileDeleted(file: string): void {
    for (const root of this.roots) {
      const kept = root.dumps.filter((d) => d.path !== file && !d.path.startsWith(file + path.sep));
      if (kept.length !== root.dumps.length) {
        root.dumps = kept;
        this.changed.fire();
      }
    }
  }

  private rootOf(file: string): DumpRoot | undefined {
    return this.roots.find((r) => {
      const rel = path.relative(r.folder, file);
      return !rel.startsWith('..') && !path.isAbsolute(rel) && rel.split(path.sep).length - 1 <= this.depth();
    });
  }

  dispose(): void {
    this.changed.dispose();
  }
}
