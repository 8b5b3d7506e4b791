// systemd-coredump's store: `/var/lib/systemd/coredump/core.COMM.UID.BOOTID.PID.USEC[.zst|.lz4|.xz]`
// (systemd's src/coredump/coredump.c, make_filename), each with extended attributes saying more
// (coredumpXattrs.ts) and, where a journal runs, its journal entry more (coredumpJournal.ts). The
// name gives what it can without reading the file; comm and hostname are the crashed process's own
// choice, so they are only ever shown, never used as paths.

import * as path from 'path';
import type { Compression } from '../compressed/compression';
import { type CoredumpJournalEntry, JOURNALCTL_ARGUMENTS, parseCoredumpJournal } from './coredumpJournal';
import type { CoredumpXattrs } from './coredumpXattrs';
import type { HostAccess, HostFile } from './hostAccess';
import type { HostCore, HostCoreStore } from './hostCore';

export const SYSTEMD_COREDUMP_DIR = '/var/lib/systemd/coredump';
export const SYSTEMD_COREDUMP = 'systemd-coredump';

/** `core.node.0.<boot id>.<pid>.<µs>` and an optional compression suffix; comm may itself hold dots. */
const CORE_NAME = /^core\.(.+)\.(\d+)\.([0-9a-f]{32})\.(\d+)\.(\d+)(?:\.(zst|lz4|xz))?$/;

function number(value: string | undefined): number | undefined {
  return value === undefined || !/^\d+$/.test(value) ? undefined : Number(value);
}

const SUFFIXES: Record<string, Compression> = { zst: 'zstd', lz4: 'lz4', xz: 'xz' };

function parseCoreName(name: string): Pick<HostCore, 'comm' | 'uid' | 'bootId' | 'pid' | 'timeMs' | 'compression'> | undefined {
  const m = CORE_NAME.exec(name);
  if (m === null) return undefined;
  const compression = m[6] === undefined ? {} : { compression: SUFFIXES[m[6]] };
  return { comm: m[1], uid: Number(m[2]), bootId: m[3], pid: Number(m[4]), timeMs: Math.floor(Number(m[5]) / 1000), ...compression };
}

function withXattrs(core: HostCore, x: CoredumpXattrs | undefined): HostCore {
  if (x === undefined) return core;
  const timestamp = number(x.timestamp);
  return {
    ...core,
    comm: x.comm ?? core.comm,
    pid: number(x.pid) ?? core.pid,
    uid: number(x.uid) ?? core.uid,
    timeMs: timestamp === undefined ? core.timeMs : Math.floor(timestamp / 1000),
    signal: number(x.signal),
    hostname: x.hostname,
    exe: x.exe,
  };
}

function withJournal(core: HostCore, entry: CoredumpJournalEntry | undefined): HostCore {
  if (entry === undefined) return core;
  return { ...core, ...(entry.containerId === undefined ? {} : { containerId: entry.containerId }), ...(entry.cmdline === undefined ? {} : { cmdline: entry.cmdline }) };
}

function coreOf(file: HostFile): HostCore | undefined {
  const named = parseCoreName(path.posix.basename(file.path));
  return named === undefined ? undefined : { path: file.path, size: file.size, mtimeMs: file.mtimeMs, handler: SYSTEMD_COREDUMP, ...named };
}

export const systemdCoredumpStore: HostCoreStore = {
  where: SYSTEMD_COREDUMP_DIR,

  async list(access: HostAccess, signal?: AbortSignal): Promise<HostCore[]> {
    const cores = (await access.listFiles(SYSTEMD_COREDUMP_DIR, signal)).flatMap((f) => coreOf(f) ?? []);
    if (cores.length === 0) return [];
    const [xattrs, journal] = await Promise.all([
      access.xattrs(
        cores.map((c) => c.path),
        signal,
      ),
      access.journal(JOURNALCTL_ARGUMENTS, signal),
    ]);
    const entries = parseCoredumpJournal(journal ?? '');
    return cores.map((c) => withJournal(withXattrs(c, xattrs.get(c.path)), entries.get(c.path)));
  },

  async read(access: HostAccess, file: string, signal?: AbortSignal): Promise<HostCore | undefined> {
    if (path.posix.dirname(file) !== SYSTEMD_COREDUMP_DIR) return undefined;
    const stat = await access.stat(file, signal);
    const core = stat === undefined ? undefined : coreOf(stat);
    if (core === undefined) return undefined;
    const [xattrs, journal] = await Promise.all([access.xattrs([file], signal), access.journal([...JOURNALCTL_ARGUMENTS, `COREDUMP_FILENAME=${file}`], signal)]);
    return withJournal(withXattrs(core, xattrs.get(file)), parseCoredumpJournal(journal ?? '').get(file));
  },
};
