// Another host's crash store, read over the ssh its Docker endpoint (ssh://user@host) already
// uses: the same ssh client, config, keys and known_hosts, BatchMode so nothing waits for a
// password. Only reading commands run there — cat, head, find, getfattr, journalctl — with every path quoted for the
// remote shell; a stored core is copied with `cat` into the dump store, atomically.

import type { ChildProcess } from 'child_process';
import { writeAtomically, type WrittenFile } from '../atomicFile';
import type { DockerEndpoint } from '../docker/dockerEndpoints';
import { spawnSsh, type SshTarget } from '../docker/sshTransport';
import { type CoredumpXattrs, getfattrArguments, parseGetfattr } from './coredumpXattrs';
import type { HostAccess, HostFile } from './hostAccess';

/** Listings and attributes are small; a store's would never come near this. */
const MAX_OUTPUT = 16 * 1024 * 1024;
const STDERR_LIMIT = 4096;

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

function finished(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  });
}

function collectStderr(child: ChildProcess): () => string {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < STDERR_LIMIT) stderr += chunk.toString('utf8');
  });
  return () => stderr.trim().split('\n').pop() ?? '';
}

async function run(target: SshTarget, command: string[], signal?: AbortSignal): Promise<Ran> {
  const child = spawnSsh(target, command, signal);
  child.stdin?.end();
  const stderr = collectStderr(child);
  const chunks: Buffer[] = [];
  let size = 0;
  child.stdout?.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_OUTPUT) child.kill();
    else chunks.push(chunk);
  });
  const code = await finished(child);
  if (size > MAX_OUTPUT) throw new Error(`ssh ${target.host} ${command[0]}: more than ${MAX_OUTPUT} bytes of output`);
  return { code, stdout: Buffer.concat(chunks).toString('utf8'), stderr: stderr() };
}

/** `find -printf '%s %T@ %p\n'` lines: size, mtime in seconds with a fraction, path. */
function parseFind(output: string): HostFile[] {
  return output.split('\n').flatMap((line) => {
    const m = /^(\d+) (\d+(?:\.\d+)?) (\/.*)$/.exec(line);
    return m === null ? [] : [{ path: m[3], size: Number(m[1]), mtimeMs: Math.floor(Number(m[2]) * 1000) }];
  });
}

/** The host of an ssh:// Docker endpoint, read over its ssh; undefined for any other endpoint. */
export async function sshHostAccessOf(endpoint: DockerEndpoint): Promise<SshHostAccess | undefined> {
  const { sshTargetOf } = await import('../docker/dockerConnection');
  const target = sshTargetOf(endpoint);
  return target === undefined ? undefined : new SshHostAccess(target, endpoint.host);
}

export class SshHostAccess implements HostAccess {
  readonly label: string;

  constructor(
    private readonly target: SshTarget,
    label: string,
  ) {
    this.label = label;
  }

  async readText(file: string, signal?: AbortSignal, limit?: number): Promise<string | undefined> {
    const r = await run(this.target, limit === undefined ? ['cat', '--', file] : ['head', '-c', String(limit), '--', file], signal);
    return r.code === 0 ? r.stdout : undefined;
  }

  /** The regular files `find` finds at `depth` below `where`. */
  private async find(where: string, depth: number, signal?: AbortSignal): Promise<HostFile[]> {
    const r = await run(this.target, ['find', where, '-maxdepth', String(depth), '-type', 'f', '-printf', '%s %T@ %p\\n'], signal);
    if (r.code === 0) return parseFind(r.stdout);
    if (/No such file or directory/.test(r.stderr)) return [];
    throw new Error(`${this.label}: ${where} cannot be read: ${r.stderr || `find exited with ${String(r.code)}`}`);
  }

  async stat(file: string, signal?: AbortSignal): Promise<HostFile | undefined> {
    return (await this.find(file, 0, signal))[0];
  }

  listFiles(dir: string, signal?: AbortSignal): Promise<HostFile[]> {
    return this.find(dir, 1, signal);
  }

  async journal(args: readonly string[], signal?: AbortSignal): Promise<string | undefined> {
    const r = await run(this.target, ['journalctl', ...args], signal).catch(() => undefined);
    return r?.code === 0 ? r.stdout : undefined;
  }

  async xattrs(files: readonly string[], signal?: AbortSignal): Promise<Map<string, CoredumpXattrs>> {
    if (files.length === 0) return new Map();
    // getfattr exits 1 when one file has no attributes, and still prints the others'.
    return parseGetfattr((await run(this.target, ['getfattr', ...getfattrArguments(files)], signal)).stdout);
  }

  /** Copies `file` (of `size` bytes) to `destination` with `cat`, all or nothing. */
  async copy(file: string, size: number, destination: string, options: { signal?: AbortSignal; onProgress?: (p: { bytes: number; total?: number }) => void }): Promise<WrittenFile> {
    return writeAtomically(
      destination,
      async (out) => {
        const child = spawnSsh(this.target, ['cat', '--', file], options.signal);
        child.stdin?.end();
        const stderr = collectStderr(child);
        const exit = finished(child);
        for await (const chunk of child.stdout ?? []) {
          await out.write(chunk as Buffer);
          options.onProgress?.({ bytes: out.size, total: size });
        }
        const code = await exit;
        if (code !== 0) throw new Error(`${this.label}: ${file} could not be read: ${stderr() || `cat exited with ${String(code)}`}`);
        if (out.size !== size) throw new Error(`${this.label}: ${file} changed while it was copied (${out.size} bytes of ${size})`);
      },
      options.signal,
    );
  }
}
