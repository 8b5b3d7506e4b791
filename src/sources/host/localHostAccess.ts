// This machine's crash store, read from its own disk.

import { execFile } from 'child_process';
import { promises as fs } from 'fs';
import * as path from 'path';
import { getfattrArguments, parseGetfattr } from './coredumpXattrs';
import type { HostAccess, HostFile } from './hostAccess';

/** A store holds hundreds of cores at most; getfattr must never stall a listing. */
const GETFATTR_TIMEOUT_MS = 10_000;

function getfattr(files: readonly string[], signal?: AbortSignal): Promise<string> {
  return new Promise((resolve) => {
    // getfattr exits 1 when one file has no attributes, and still prints the others'.
    execFile('getfattr', getfattrArguments(files), { timeout: GETFATTR_TIMEOUT_MS, signal, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (_error, stdout) => resolve(stdout ?? ''));
  });
}

export const localHostAccess: HostAccess = {
  label: 'this host',

  readText: (file) => fs.readFile(file, 'utf8').catch(() => undefined),

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

  async xattrs(files, signal) {
    return files.length === 0 ? new Map() : parseGetfattr(await getfattr(files, signal));
  },
};
