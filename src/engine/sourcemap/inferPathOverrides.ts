// Dumps from containers record paths of the container ("/app/dist/main.js") that do not exist on
// the developer's machine. Rather than make every user write sourceMapPathOverrides first, guess
// the mapping the way a person would: the longest tail of the recorded path that exists under one
// of the local roots (the workspace) gives the prefix to replace. Explicit overrides always win.

import * as path from 'path';
import { applyPathOverrides } from './pathOverrides';
import { isAbsolutePath } from './sourcePaths';

/** Whether a local file exists; injected like TextFileReader so the engine stays testable. */
export type FileExists = (file: string) => Promise<boolean>;

/**
 * Overrides `{ "<recorded prefix>/*": "<root>/*" }` for recorded files that are missing locally
 * and whose tail is found under a root; merged after (so below) the explicit ones.
 */
export async function inferPathOverrides(recordedFiles: readonly string[], roots: readonly string[], exists: FileExists, explicit: Record<string, string> = {}): Promise<Record<string, string>> {
  const overrides: Record<string, string> = { ...explicit };
  for (const recorded of new Set(recordedFiles)) {
    // An explicit override that covers the path is the user's word, even if it leads nowhere.
    if (applyPathOverrides(recorded, explicit) !== applyPathOverrides(recorded, undefined)) continue;
    const local = applyPathOverrides(recorded, overrides);
    if (!isAbsolutePath(local) || (await exists(local))) continue;
    const guess = await guessOverride(local, roots, exists);
    if (guess !== undefined) overrides[guess.from] = guess.to;
  }
  return overrides;
}

async function guessOverride(file: string, roots: readonly string[], exists: FileExists): Promise<{ from: string; to: string } | undefined> {
  const segments = file.split(/[\\/]/).filter((s) => s !== '');
  // Longest tail first: "dist/pricing.js" is a better match than "pricing.js" alone.
  for (let cut = 1; cut < segments.length; cut++) {
    const tail = segments.slice(cut).join('/');
    for (const root of roots) {
      if (await exists(path.join(root, tail))) {
        return { from: `/${segments.slice(0, cut).join('/')}/*`, to: `${root.replace(/[\\/]+$/, '')}/*` };
      }
    }
  }
  return undefined;
}
