// A real Docker Engine for the tests: scripts/docker-sandbox.sh brings up Debian's dockerd on a
// private socket (idempotent: ~8 s the first time on a fresh machine, about a second after) with a
// small image `node-mini:latest` holding this machine's node. The `docker` CLI run here is the
// tests' external oracle: what it says about containers and files is compared with what Salvage found.

import { execFile, spawnSync, type SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { makeTempDir } from './crashNode';
import { REPO_ROOT } from './repoPaths';

export const SANDBOX_DIR = process.env.DOCKER_SANDBOX_DIR ?? '/tmp/d';
export const SANDBOX_HOST = `unix://${SANDBOX_DIR}/docker.sock`;
export const TEST_IMAGE = 'node-mini:latest';

let started = false;

/** Starts the engine once per process; throws with the script's output when it cannot. */
export function ensureDockerSandbox(): string {
  if (started) return SANDBOX_HOST;
  const r = spawnSync('bash', [path.join(REPO_ROOT, 'scripts', 'docker-sandbox.sh'), 'up'], { encoding: 'utf8', timeout: 600_000 });
  if (r.status !== 0) throw new Error(`scripts/docker-sandbox.sh up failed (exit ${String(r.status)}):\n${r.stdout}\n${r.stderr}`);
  started = true;
  return SANDBOX_HOST;
}

export interface DockerResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the docker CLI against the sandbox engine. */
export function docker(args: string[], options: { input?: string | Buffer; encoding?: 'buffer'; env?: NodeJS.ProcessEnv } = {}): DockerResult {
  const r: SpawnSyncReturns<string> = spawnSync('docker', args, {
    encoding: 'utf8',
    input: options.input,
    env: { ...process.env, DOCKER_HOST: SANDBOX_HOST, ...options.env },
    timeout: 120_000,
    maxBuffer: 1024 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Like docker(), but throws unless the command succeeded; returns stdout. */
export function dockerOk(args: string[], options: { env?: NodeJS.ProcessEnv } = {}): string {
  const r = docker(args, options);
  if (r.status !== 0) throw new Error(`docker ${args.join(' ')} failed (exit ${String(r.status)}): ${r.stderr}`);
  return r.stdout;
}

/**
 * The docker CLI without blocking this process: needed when the server it talks to (a TLS front, a
 * relay) runs inside the test process itself.
 */
export function dockerAsync(args: string[], env: NodeJS.ProcessEnv = {}): Promise<DockerResult> {
  return new Promise((resolve) => {
    execFile('docker', args, { env: { ...process.env, DOCKER_HOST: SANDBOX_HOST, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ status: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr });
    });
  });
}

/** `docker diff` as sorted lines: the oracle for "the container was not changed". */
export function dockerDiff(container: string): string[] {
  return dockerOk(['diff', container])
    .split('\n')
    .filter((l) => l !== '')
    .sort();
}

/** The fields of `docker inspect` that reading a container must never change. */
export function dockerState(container: string): string {
  return dockerOk(['inspect', '-f', '{{json .State}} {{.RestartCount}} {{json .Config.Labels}}', container]).trim();
}

/** Removes containers (and their anonymous volumes) by name; missing ones are fine. */
export function removeContainers(names: string[]): void {
  if (names.length > 0) docker(['rm', '-f', '-v', ...names]);
}

const scratch: string[] = [];

/** A temp folder removed by removeScratch(): cores, binaries and stores are tens of MB each. */
export function scratchDir(prefix = 'salvage-docker-'): string {
  const dir = makeTempDir(prefix);
  scratch.push(dir);
  return dir;
}

/** Removes every folder scratchDir() made (call it in suiteTeardown). */
export function removeScratch(): void {
  for (const dir of scratch.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
