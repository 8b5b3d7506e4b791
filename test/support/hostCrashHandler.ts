// The kernel's core_pattern set for the length of a few crashes — a plain path, or the real
// systemd-coredump as this host's crash handler, its socket unit emulated with
// systemd-socket-activate (no systemd runs here) — then put back, even when a crash fails, since
// every other test needs plain `core` files. systemd-coredump's cores land in its real store.

import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';

const CORE_PATTERN = '/proc/sys/kernel/core_pattern';
const HANDLER = '/lib/systemd/systemd-coredump';
const SOCKET = '/run/systemd/coredump';
/** What Debian's systemd-coredump package sets (its sysctl.d/50-coredump.conf). */
const HANDLER_PATTERN = `|${HANDLER} %P %u %g %s %t 9223372036854775808 %h %d`;
export const COREDUMP_STORE = '/var/lib/systemd/coredump';

/** Sets the kernel's core_pattern; call what it returns to put the old one back (in a finally or a teardown). */
export function setCorePattern(pattern: string): () => void {
  const saved = fs.readFileSync(CORE_PATTERN, 'utf8');
  fs.writeFileSync(CORE_PATTERN, pattern);
  return () => fs.writeFileSync(CORE_PATTERN, saved);
}

/** Runs `crash` with the kernel's core_pattern set to `pattern`, and always puts the old one back. */
async function withCorePattern<T>(pattern: string, crash: () => T | Promise<T>): Promise<T> {
  const restore = setCorePattern(pattern);
  try {
    return await crash();
  } finally {
    restore();
  }
}

/** Runs `crash` with systemd-coredump catching cores, and always restores the machine. */
export async function withSystemdCoredump<T>(crash: () => T | Promise<T>): Promise<T> {
  if (!fs.existsSync(HANDLER)) throw new Error(`${HANDLER} is missing: run scripts/install-test-deps.sh`);
  fs.mkdirSync('/run/systemd', { recursive: true });
  fs.rmSync(SOCKET, { force: true });
  const activator = spawn('systemd-socket-activate', ['--seqpacket', '-a', '-l', SOCKET, HANDLER], { stdio: 'ignore' });
  try {
    const deadline = Date.now() + 10_000;
    while (!fs.existsSync(SOCKET) && Date.now() < deadline) spawnSync('sleep', ['0.05']);
    if (!fs.existsSync(SOCKET)) throw new Error(`systemd-socket-activate did not create ${SOCKET}`);
    return await withCorePattern(HANDLER_PATTERN, crash);
  } finally {
    activator.kill();
  }
}

/** One extended attribute as attr's getfattr reads it (the oracle for what the handler recorded). */
export function xattrOf(file: string, name: string): string | undefined {
  const r = spawnSync('getfattr', ['--absolute-names', '--only-values', '-n', `user.coredump.${name}`, file], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout : undefined;
}

/** Waits until the store holds a core `matches` accepts (the handler writes it just after the crash). */
export function storedCore(matches: (file: string) => boolean, timeoutMs = 30_000): string {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const file = fs
      .readdirSync(COREDUMP_STORE)
      .filter((f) => f.startsWith('core.'))
      .map((f) => `${COREDUMP_STORE}/${f}`)
      .find(matches);
    if (file !== undefined) return file;
    if (Date.now() > deadline) throw new Error(`systemd-coredump stored no such core in ${COREDUMP_STORE}`);
    spawnSync('sleep', ['0.2']);
  }
}

const JOURNALD = '/lib/systemd/systemd-journald';
const JOURNAL_SOCKET = '/run/systemd/journal/socket';
const JOURNAL_DIR = '/var/log/journal';

/**
 * Starts the real systemd-journald (no systemd runs here to start it), so systemd-coredump logs each
 * core's COREDUMP_* fields; what it returns stops it and removes the journal files and sockets it
 * made, leaving the machine as it was (call it in a teardown).
 */
export function startJournald(): () => Promise<void> {
  if (fs.existsSync(JOURNAL_SOCKET)) throw new Error(`${JOURNAL_SOCKET} exists: a journald runs already`);
  const journalsBefore = new Set(fs.existsSync(JOURNAL_DIR) ? fs.readdirSync(JOURNAL_DIR) : []);
  const journald = spawn(JOURNALD, [], { stdio: 'ignore' });
  const stop = async () => {
    journald.kill();
    await new Promise((resolve) => (journald.exitCode !== null ? resolve(undefined) : journald.once('exit', resolve)));
    fs.rmSync('/run/systemd/journal', { recursive: true, force: true });
    for (const dir of fs.existsSync(JOURNAL_DIR) ? fs.readdirSync(JOURNAL_DIR) : []) if (!journalsBefore.has(dir)) fs.rmSync(`${JOURNAL_DIR}/${dir}`, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  while (!fs.existsSync(JOURNAL_SOCKET) && Date.now() < deadline) spawnSync('sleep', ['0.05']);
  if (!fs.existsSync(JOURNAL_SOCKET)) {
    void stop();
    throw new Error(`systemd-journald did not create ${JOURNAL_SOCKET}`);
  }
  return stop;
}
