// What systemd-coredump tells the journal of each core, where a journal runs (systemd's
// src/coredump/coredump.c, the COREDUMP_* fields of its "Process … dumped core" message): the
// control group the process ran in — for a container `…/docker-<64-hex id>.scope` (systemd cgroup
// driver) or `/docker/<id>` (cgroupfs driver), so the container is known by its id, not guessed
// from a host name it may have chosen itself — and the container's own command line. Read with
// `journalctl` (on an ssh host, over its ssh): a host without one, or without a journal, only has
// the file names and extended attributes.

/** The journal message id systemd-coredump logs each core under (systemd's catalog). */
const COREDUMP_MESSAGE = 'fc2e22bc6ee647b6b90729ab34a250b1';
const FIELDS = ['COREDUMP_FILENAME', 'COREDUMP_CGROUP', 'COREDUMP_CONTAINER_CMDLINE', 'COREDUMP_CMDLINE'];
/** The newest entries are enough: a store holds far fewer cores (systemd caps it by size). */
const MAX_ENTRIES = 2000;
const CONTAINER_CGROUP = /(?:docker-|\/docker\/|\/libpod-|libpod-)([0-9a-f]{64})(?:\.scope)?(?:\/|$)/;

export interface CoredumpJournalEntry {
  cgroup?: string;
  /** The full id of the container whose control group the process ran in. */
  containerId?: string;
  cmdline?: string;
  containerCmdline?: string;
}

/** journalctl's arguments: the coredump messages, newest first, only the fields read. */
export const JOURNALCTL_ARGUMENTS = ['--no-pager', '-o', 'json', '-r', '-n', String(MAX_ENTRIES), `--output-fields=${FIELDS.join(',')}`, `MESSAGE_ID=${COREDUMP_MESSAGE}`];

/** journalctl prints a field that is not UTF-8 as an array of byte values. */
function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((b) => typeof b === 'number')) return Buffer.from(value as number[]).toString('utf8');
  return undefined;
}

/** Each stored core's entry, by the path of its file in the store; lines that are not JSON are skipped. */
export function parseCoredumpJournal(output: string): Map<string, CoredumpJournalEntry> {
  const entries = new Map<string, CoredumpJournalEntry>();
  for (const line of output.split('\n')) {
    let fields: Record<string, unknown>;
    try {
      fields = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue;
    }
    const file = text(fields.COREDUMP_FILENAME);
    if (file === undefined || entries.has(file)) continue;
    const cgroup = text(fields.COREDUMP_CGROUP);
    const containerId = cgroup === undefined ? undefined : CONTAINER_CGROUP.exec(cgroup)?.[1];
    const entry: CoredumpJournalEntry = { cgroup, containerId, cmdline: text(fields.COREDUMP_CMDLINE), containerCmdline: text(fields.COREDUMP_CONTAINER_CMDLINE) };
    entries.set(file, Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined)));
  }
  return entries;
}
