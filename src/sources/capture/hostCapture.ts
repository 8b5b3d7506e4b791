// What this machine's kernel does with a core, as doctor states it first: the core_pattern and
// whether the handler it names can store anything here. systemd-coredump run by the kernel only
// hands the core over the socket systemd listens on; without systemd there, the core is lost.

import { promises as fs } from 'fs';
import { type CorePattern, readCorePattern } from '../host/corePattern';
import { SYSTEMD_COREDUMP } from '../host/systemdCoredumpStore';

const SYSTEMD_COREDUMP_SOCKET = '/run/systemd/coredump';

export interface HostCapture {
  /** 'this host', or the engine's address when its host is another machine. */
  host: string;
  /** Undefined when it cannot be read from here (another host). */
  pattern?: CorePattern;
  /** What stands in the way of the handler, one sentence each. */
  problems: string[];
}

async function isSocket(file: string): Promise<boolean> {
  return (await fs.stat(file).catch(() => undefined))?.isSocket() === true;
}

export async function thisHostCapture(): Promise<HostCapture> {
  const pattern = await readCorePattern();
  const problems: string[] = [];
  if (pattern === undefined) problems.push("the kernel's core_pattern (/proc/sys/kernel/core_pattern) cannot be read");
  else if (pattern.handler === SYSTEMD_COREDUMP && !(await isSocket(SYSTEMD_COREDUMP_SOCKET))) {
    problems.push(`${SYSTEMD_COREDUMP} stores cores it receives on ${SYSTEMD_COREDUMP_SOCKET}, and nothing listens there (systemd is not running): cores are lost`);
  }
  return { host: 'this host', ...(pattern === undefined ? {} : { pattern }), problems };
}

/** An engine on another machine: its kernel's choice is not visible from here. */
export function remoteHostCapture(host: string): HostCapture {
  return { host, problems: [`${host} is another machine: its core_pattern is read only for engines on this one`] };
}
