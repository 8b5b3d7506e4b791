// Compiles a TypeScript fixture with the repository's own tsc, into a folder the test chooses
// (always a temp dir: compiled fixtures never land in the repository).

import { spawnSync } from 'child_process';
import * as path from 'path';

/** Runs `tsc -p projectDir --outDir outDir ...extraArgs`; throws with tsc's output when it fails. */
export function compileTs(projectDir: string, outDir: string, extraArgs: readonly string[] = []): void {
  // Resolve through Node so this works from out/test/support as well as from a bundle.
  const tsc = path.join(path.dirname(require.resolve('typescript/package.json')), 'bin', 'tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', projectDir, '--outDir', outDir, ...extraArgs], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (result.status !== 0) {
    const output = [result.stdout, result.stderr, result.error?.message].filter((s) => s).join('\n');
    throw new Error(`tsc failed (exit ${String(result.status)}) for ${projectDir}:\n${output}`);
  }
}
