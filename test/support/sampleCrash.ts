// The sample service of examples/orders-service, compiled with source maps into a temp folder and
// crashed for real with a diagnostic report. Run a second time with --enable-source-maps, Node
// itself prints the TypeScript positions: that output is the oracle for every source-mapped frame.

import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { compileTs } from './compileTs';
import { REPO_ROOT } from './repoPaths';
import { type Crash, crashNode, makeTempDir, stderrErrorLine, stderrStackLines } from './crashNode';

export const SAMPLE_APP = path.join(REPO_ROOT, 'examples', 'orders-service');

export interface SampleCrash extends Crash {
  reportPath: string;
  /** The compiled entry point. */
  entry: string;
  /** "TypeError: Cannot read properties of undefined (reading 'cents')" as Node printed it. */
  errorLine: string;
  /** Stack lines Node printed with --enable-source-maps: `fn (/abs/src/file.ts:line:col)`. */
  mappedStack: string[];
}

export interface StackPosition {
  fn: string;
  file: string;
  line: number;
  column: number;
}

/** Splits `fn (file:line:col)` (or `file:line:col`) into its parts. */
export function parseStackPosition(line: string): StackPosition | undefined {
  const m = /^(?:(.*) \()?(.+):(\d+):(\d+)\)?$/.exec(line);
  return m === null ? undefined : { fn: m[1] ?? '<anonymous>', file: m[2], line: Number(m[3]), column: Number(m[4]) };
}

/**
 * Compiles and crashes the sample service; `into` is where it is compiled (a new temp dir by
 * default). With `withSources`, the project itself is copied there first, as a container image holds
 * its app: the maps then point to `into/src`.
 */
export function crashSampleService(into = makeTempDir('salvage-sample-'), options: { withSources?: boolean } = {}): SampleCrash {
  const dist = path.join(into, 'dist');
  if (options.withSources) {
    fs.cpSync(path.join(SAMPLE_APP, 'src'), path.join(into, 'src'), { recursive: true });
    fs.copyFileSync(path.join(SAMPLE_APP, 'tsconfig.json'), path.join(into, 'tsconfig.json'));
    compileTs(into, dist, ['--typeRoots', path.join(REPO_ROOT, 'node_modules', '@types')]);
  } else {
    compileTs(SAMPLE_APP, dist);
  }
  const entry = path.join(dist, 'main.js');
  const crash = crashNode(entry, { env: { BATCH_DELAY_MS: '1' } });
  if (crash.reportPath === undefined) throw new Error(`the sample service wrote no report:\n${crash.stderr}`);
  const mapped = spawnSync(process.execPath, ['--enable-source-maps', entry], { encoding: 'utf8', env: { ...process.env, BATCH_DELAY_MS: '1' } });
  return { ...crash, reportPath: crash.reportPath, entry, errorLine: stderrErrorLine(crash.stderr), mappedStack: stderrStackLines(mapped.stderr) };
}
