// This machine's crash store, read from its own disk.

import { execFile } from 'child_process';
import { promises as fs } from 'fs';
import * as path from 'path';
import { getfattrArguments, parseGetfattr } from './coredumpXattrs';
import type { HostAccess, HostFile } from './hostAccess';

/** A store holds hundreds of cores at most; getfattr must never stall a listing. */
const GETFATTR_TIMEOUT_MS = 10_000;
/** A big journal takes journalctl a while to search; a listing goes on without it after this. */
const JOURNAL_TIMEOUT_MS = 15_000;
const JOURNAL_MAX_OUTPUT = 16 * 1024 * 1024;

function getfattr(files: readonly string[], signal?: AbortSignal): Promise<string> {
  return new Promise((resolve) => {
    // getfattr exits 1 when one file has no attributes, and still prints the others'.
    execFile('getfattr', getfattrArguments(files), { timeout: GETFATTR_TIMEOUT_MS, signal, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (_error, stdout) => resolve(stdout ?? ''));
  });
}

export const localHostAccess: HostAccess = {
  label: 'this host',

  async readText(file, _signal, limit) {
    if (limit === undefined) return fs.readFile(file, 'utf8').catch(() => undefined);
    const handle = await fs.open(file, 'r').catch(() => undefined);
    if (handle === undefined) return undefined;
    try {
      const buffer = Buffer.alloc(limit);
      const { bytesRead } = await handle.read(buffer, 0, limit, 0);
      return buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
  },

  async stat(file) {
    const stat = await fs.lstat(file).catch(() => undefined);
    return stat?.isFile() === true ? { path: file, size: stat.size, mtimeMs: stat.mtimeMs } : undefined;
  },

  async listFiles(dir, signal) {
    const names = await fs.readdir(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    const files: HostFile[] = [];
    for (const name of names) {
      signal?.throwIfAborted();
      const file = await localHostAccess.stat(path.join(dir, name));
      if (file !== undefined) files.push(file);
    }
    return files;
  },

  journal(args, signal) {
    return new Promise((resolve) => {
      execFile('journalctl', args, { timeout: JOURNAL_TIMEOUT_MS, signal, encoding: 'utf8', maxBuffer: JOURNAL_MAX_OUTPUT }, (error, stdout) => resolve(error === null ? stdout : undefined));
    });
  },

  async xattrs(files, signal) {
    return files.length === 0 ? new Map() : parseGetfattr(await getfattr(files, signal));
  },
};
