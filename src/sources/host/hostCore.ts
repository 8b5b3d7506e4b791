// A core a host's crash handler (or the kernel itself, by a plain core_pattern path) stored, and the
// one shape every such store is read through: systemd-coredump's, apport's, a core_pattern folder.
// What a store records about the process is the crashed process's own say (its comm, its host
// name), so it is only ever shown and matched, never used as a path.

import type { Compression } from '../compressed/compression';
import type { HostAccess } from './hostAccess';

export interface HostCore {
  path: string;
  size: number;
  mtimeMs: number;
  /** Who stored it: 'systemd-coredump', 'apport', 'kernel' (a core_pattern path). */
  handler: string;
  /** The process's name as the kernel knew it (15 bytes at most). */
  comm: string;
  /** The process's pid, when the store recorded it (on the host, or in its own namespace). */
  pid?: number;
  uid?: number;
  /** When the process died, ms since the epoch (the file's time when the store did not say). */
  timeMs: number;
  bootId?: string;
  signal?: number;
  /** The host name of the process's UTS namespace: a container's own (by default its id's first 12 digits). */
  hostname?: string;
  /** The executable's path as the process saw it (inside its container). */
  exe?: string;
  /** The container whose control group the process ran in, by full id, where the journal says. */
  containerId?: string;
  /** The process's command line, where the store recorded it. */
  cmdline?: string;
  /** How the store compressed it, as its name says. */
  compression?: Compression;
}

export interface HostCoreStore {
  /** Where it keeps cores, for messages: "/var/lib/systemd/coredump". */
  readonly where: string;
  /** Every core in it, any order; none when it does not exist. */
  list(access: HostAccess, signal?: AbortSignal): Promise<HostCore[]>;
  /** One core by path; undefined when the file is not there or is not one of this store's. */
  read(access: HostAccess, file: string, signal?: AbortSignal): Promise<HostCore | undefined>;
}
