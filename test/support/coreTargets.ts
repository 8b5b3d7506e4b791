// Opening real cores through the engine the way the front ends do (local files), for tests.

import type { CoreTarget } from '../../src/engine/core/coreTarget';
import { openCoreTarget } from '../../src/engine/core/coreTarget';
import type { Frame } from '../../src/engine/crash';
import { withFile } from '../../src/sources/local/fileByteSource';
import { localFiles } from '../../src/sources/local/localFiles';

export interface OpenedCore {
  target: CoreTarget;
  warnings: string[];
}

export async function openCore(core: string, options: { binary?: string; searchPaths?: string[] } = {}): Promise<OpenedCore> {
  const warnings: string[] = [];
  const target = await withFile(core, (source) => openCoreTarget(source, { ...options, files: localFiles, onWarning: (w) => warnings.push(w) }));
  return { target, warnings };
}

/** Frames that stand for code (not the "stack ends here" marker). */
export function codeFrames(frames: Frame[]): Frame[] {
  return frames.filter((f) => f.kind !== 'marker');
}

export function basename(file: string | undefined): string | undefined {
  return file === undefined ? undefined : file.slice(file.lastIndexOf('/') + 1);
}
