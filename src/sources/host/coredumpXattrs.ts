// The extended attributes systemd-coredump writes on each stored core (user.coredump.pid, .hostname,
// .exe, ... — systemd's src/coredump/coredump.c, xattr_map), read with attr's `getfattr` since Node
// has no xattr API and an extension must not need a native addon. Values are asked for in hex, so
// whatever a container put in its hostname or comm arrives as bytes, never as shell or path syntax.

import { execFile } from 'child_process';

const PREFIX = 'user.coredump.';
/** A store holds hundreds of cores at most; one getfattr per core must never stall a listing. */
const TIMEOUT_MS = 5000;

export type CoredumpXattrs = Partial<Record<'pid' | 'uid' | 'gid' | 'signal' | 'timestamp' | 'rlimit' | 'hostname' | 'comm' | 'exe', string>>;

/** Parses `getfattr -e hex` output: `user.coredump.comm=0x6e6f6465` lines. */
function parseHexXattrs(output: string): CoredumpXattrs {
  const found: Record<string, string> = {};
  for (const line of output.split('\n')) {
    const m = /^user\.coredump\.([a-z_]+)=0x([0-9a-f]*)$/.exec(line.trim());
    if (m !== null) found[m[1]] = Buffer.from(m[2], 'hex').toString('utf8');
  }
  return found;
}

/** The core's attributes; undefined when they cannot be read (no getfattr, a file system without xattrs). */
export function readCoredumpXattrs(file: string, signal?: AbortSignal): Promise<CoredumpXattrs | undefined> {
  return new Promise((resolve) => {
    execFile('getfattr', ['--absolute-names', '-d', '-m', `^${PREFIX.replace(/\./g, '\\.')}`, '-e', 'hex', '--', file], { timeout: TIMEOUT_MS, signal, encoding: 'utf8' }, (error, stdout) => {
      resolve(error === null ? parseHexXattrs(stdout) : undefined);
    });
  });
}
