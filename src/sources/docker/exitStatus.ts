// How a container ended, in words: its state, exit code, the signal that code encodes (128 + n, as
// shells report it), OOM kills. Pure, so the tree and the CLI say the same thing and tests can check it.

import { constants } from 'os';
import type { ContainerDetails } from './dockerClient';

/** Signal number → name ("SIGTRAP"), from Node's own table for this platform. */
const SIGNAL_NAMES = new Map(Object.entries(constants.signals).map(([name, n]) => [n, name]));

export interface ExitStatus {
  /** "exited", "running", "created", "dead", ... */
  state: string;
  exitCode?: number;
  /** The signal that killed the main process, when the exit code says one did (129..192). */
  signal?: string;
  oomKilled: boolean;
  /** One short line: "exited 133 (SIGTRAP)", "exited 137 (SIGKILL, OOM-killed)", "running". */
  text: string;
}

export function signalOfExitCode(code: number | undefined): string | undefined {
  if (code === undefined || code <= 128 || code > 128 + 64) return undefined;
  return SIGNAL_NAMES.get(code - 128) ?? `signal ${code - 128}`;
}

export function exitStatus(details: Pick<ContainerDetails, 'state' | 'exitCode' | 'oomKilled'>): ExitStatus {
  const ended = details.state === 'exited' || details.state === 'dead';
  const exitCode = ended ? details.exitCode : undefined;
  const signal = signalOfExitCode(exitCode);
  return { state: details.state, exitCode, signal, oomKilled: details.oomKilled, text: exitStatusText(details.state, exitCode, details.oomKilled) };
}

/** "exited 137 (SIGKILL, OOM-killed)"; the state alone when there is no exit code. */
export function exitStatusText(state: string, exitCode: number | undefined, oomKilled: boolean): string {
  const notes = [signalOfExitCode(exitCode), oomKilled ? 'OOM-killed' : undefined].filter((n): n is string => n !== undefined);
  return exitCode === undefined ? state : `${state} ${exitCode}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
}
