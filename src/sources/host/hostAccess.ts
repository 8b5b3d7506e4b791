// How a host's crash store is read: this machine's disk, or another host over the ssh its Docker
// endpoint already uses. The store reader (systemdCoredumpStore.ts) and the core_pattern reader
// ask only these questions, so both work the same on either, and neither can write.

import type { CoredumpXattrs } from './coredumpXattrs';

export interface HostFile {
  path: string;
  size: number;
  mtimeMs: number;
}

export interface HostAccess {
  /** "this host", or the endpoint's `ssh://…`, for messages. */
  readonly label: string;
  /** A small text file (core_pattern), or the first `limit` bytes of one (a report's fields); undefined when it cannot be read. */
  readText(file: string, signal?: AbortSignal, limit?: number): Promise<string | undefined>;
  /** One regular file; undefined when there is none by that path. */
  stat(file: string, signal?: AbortSignal): Promise<HostFile | undefined>;
  /** The regular files directly in `dir`; none when it does not exist. */
  listFiles(dir: string, signal?: AbortSignal): Promise<HostFile[]>;
  /** What `journalctl` prints with these arguments; undefined where it is missing or fails. */
  journal(args: readonly string[], signal?: AbortSignal): Promise<string | undefined>;
  /** Each file's systemd-coredump attributes; files without any are left out. */
  xattrs(files: readonly string[], signal?: AbortSignal): Promise<Map<string, CoredumpXattrs>>;
}
