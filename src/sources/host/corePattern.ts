// What the kernel does with a core (core(5), "Naming of core dump files"): the pattern is global, so
// a container's crash follows the host's choice. Piped to a handler, the container keeps nothing
// and the host's store has the core; a plain name lands in the crashing process's working
// directory — inside its container.

import type { HostAccess } from './hostAccess';
import { APPORT } from './apportStore';
import { KERNEL_HANDLER } from './patternCoreStore';
import { SYSTEMD_COREDUMP } from './systemdCoredumpStore';

const CORE_PATTERN_FILE = '/proc/sys/kernel/core_pattern';

export interface CorePattern {
  pattern: string;
  /** 'systemd-coredump', 'apport', another program, or 'kernel' (a file name or path). */
  handler: string;
  piped: boolean;
  /** What it means for a container's crash, in one sentence. */
  meaning: string;
}

export function describeCorePattern(pattern: string): CorePattern {
  const trimmed = pattern.trim();
  if (trimmed.startsWith('|')) {
    const program = trimmed.slice(1).trim().split(/\s+/)[0] ?? '';
    const handler = program.endsWith('/systemd-coredump') ? SYSTEMD_COREDUMP : program.endsWith('/apport') ? APPORT : program;
    // Seen here with apport 2.28: its log says "crashed in a container without apport support" and nothing is kept.
    if (handler === APPORT) return { pattern: trimmed, handler, piped: true, meaning: "cores go to apport on the host, which keeps the host's own but hands a container's to an apport inside that container, and keeps nothing when the container has none" };
    return { pattern: trimmed, handler, piped: true, meaning: `cores go to ${handler} on the host: a crashing container keeps none` };
  }
  const where = trimmed.startsWith('/') ? `${trimmed} as seen inside the crashing process's own mount namespace (its container)` : `the crashing process's working directory (inside its container)`;
  return { pattern: trimmed, handler: KERNEL_HANDLER, piped: false, meaning: `cores are written to ${where}` };
}

export async function readCorePattern(access: HostAccess, signal?: AbortSignal): Promise<CorePattern | undefined> {
  const text = await access.readText(CORE_PATTERN_FILE, signal);
  return text === undefined ? undefined : describeCorePattern(text);
}
