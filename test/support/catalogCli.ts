// The crash verbs as users run them: the bundled CLI (dist/cli.js) under an official Node.js that
// has node:sqlite (the machine's own Node may be older: the catalog refuses there, tested apart).

import { spawn, spawnSync } from 'child_process';
import { type NodeMajor, officialNode } from './nodeBinaries';
import { CLI } from './repoPaths';

export const CATALOG_NODE: NodeMajor = 24;

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function catalogCli(args: readonly string[], node = officialNode(CATALOG_NODE)): CliRun {
  const result = spawnSync(node, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs a verb with --json and parses what it printed; throws with its stderr when it fails. */
export function catalogJson<T>(args: readonly string[]): T {
  const run = catalogCli([...args, '--json']);
  if (run.status !== 0) throw new Error(`salvage ${args.join(' ')} exited ${String(run.status)}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

/** Starts a verb without waiting for it (for tests that race or kill indexers). */
export function startCatalogCli(args: readonly string[]): { child: ReturnType<typeof spawn>; done: Promise<CliRun> } {
  const child = spawn(officialNode(CATALOG_NODE), [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<CliRun>((resolve) => child.on('close', (status) => resolve({ status, stdout, stderr })));
  return { child, done };
}

export interface CrashesJson {
  store: string;
  signatures: Array<{ id: string; text: string; frames: string[]; count: number; firstSeen: string; lastSeen: string; nodeVersions: string[]; hosts: string[]; tags: string[]; crashes: string[] }>;
  crashes: Array<{
    id: string;
    signature: string;
    diedAt: string;
    description: string | null;
    pid: number | null;
    nodeVersion: string | null;
    tags: string[];
    notes: Array<{ text: string; on: string }>;
    dumps: Array<{ kind: string; path: string; size: number; sha256: string; origin: string | null; pid: number | null }>;
  }>;
  unreadable: Array<{ path: string; kind: string; error: string }>;
}
