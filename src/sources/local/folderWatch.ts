// Follows local folders for dumps appearing, changing or going: one inotify watch per folder the
// walk would enter (down to the scan depth, skipping dependency folders), so a workspace with a
// large node_modules costs no more watches than its scan reads. A burst of events (a core being
// written) becomes one callback per root, after it settles; folders made meanwhile are watched next.

import { type FSWatcher, promises as fs, watch } from 'fs';
import * as path from 'path';
import { errorMessage } from '../../engine/errorMessage';
import { SKIPPED_FOLDERS } from './findDumps';

/** Quiet time after the last event before a root is re-read: a dump is written in many writes. */
const SETTLE_MS = 300;
/** Watches per root at most: inotify watches are a per-user kernel budget shared with every editor. */
const MAX_WATCHED_FOLDERS = 2000;

async function foldersToWatch(root: string, depth: number): Promise<string[]> {
  const found = [root];
  for (let i = 0; i < found.length && found.length < MAX_WATCHED_FOLDERS; i++) {
    const level = path
      .relative(root, found[i])
      .split(path.sep)
      .filter((s) => s !== '').length;
    if (level >= depth) continue;
    const entries = await fs.readdir(found[i], { withFileTypes: true }).catch(() => []);
    for (const e of entries) if (e.isDirectory() && !SKIPPED_FOLDERS.has(e.name)) found.push(path.join(found[i], e.name));
  }
  return found.slice(0, MAX_WATCHED_FOLDERS);
}

class RootWatch {
  private watchers: FSWatcher[] = [];
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(
    private readonly root: string,
    private readonly depth: number,
    private readonly onSettled: (root: string) => Promise<void>,
    private readonly onProblem: (message: string) => void,
    private readonly ignore: (name: string) => boolean,
  ) {}

  async arm(): Promise<void> {
    const folders = await foldersToWatch(this.root, this.depth);
    if (this.disposed) return;
    this.close();
    for (const folder of folders) {
      try {
        const watcher = watch(folder, { persistent: false }, (_event, name) => {
          if (name === null || !this.ignore(String(name))) this.changed();
        });
        watcher.on('error', () => undefined);
        this.watchers.push(watcher);
      } catch (error) {
        // A folder that vanished since the walk is not a problem; running out of watches is.
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.onProblem(`cannot watch ${folder}: ${errorMessage(error)}`);
      }
    }
  }

  private changed(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.disposed) return;
      void this.arm()
        .then(() => this.onSettled(this.root))
        .catch((error: unknown) => this.onProblem(`${this.root}: ${errorMessage(error)}`));
    }, SETTLE_MS);
  }

  private close(): void {
    for (const w of this.watchers) w.close();
    this.watchers = [];
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.close();
  }
}

/** Calls `onSettled(root)` after changes under a root settle, until disposed; changes to files `ignore` names are not changes. */
export function watchFolders(roots: string[], depth: number, onSettled: (root: string) => Promise<void>, onProblem: (message: string) => void, ignore: (name: string) => boolean = () => false): { dispose(): void } {
  const watches = roots.map((root) => new RootWatch(root, depth, onSettled, onProblem, ignore));
  for (const w of watches) void w.arm();
  return { dispose: () => watches.forEach((w) => w.dispose()) };
}
