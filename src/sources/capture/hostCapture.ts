// What a host's kernel does with a core, as doctor states it first: the core_pattern (this
// machine's, or an ssh endpoint's host's over that ssh) and whether the handler it names can store
// anything here. systemd-coredump run by the kernel only
// hands the core over the socket systemd listens on; without systemd there, the core is lost.

import { promises as fs } from 'fs';
import type { DockerEndpoint } from '../docker/dockerEndpoints';
import { type CorePattern, readCorePattern } from '../host/corePattern';
import { localHostAccess } from '../host/localHostAccess';
import { sshHostAccessOf } from '../host/sshHostAccess';
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
  const pattern = await readCorePattern(localHostAccess);
  const problems: string[] = [];
  if (pattern === undefined) problems.push("the kernel's core_pattern (/proc/sys/kernel/core_pattern) cannot be read");
  else if (pattern.handler === SYSTEMD_COREDUMP && !(await isSocket(SYSTEMD_COREDUMP_SOCKET))) {
    problems.push(`${SYSTEMD_COREDUMP} stores cores it receives on ${SYSTEMD_COREDUMP_SOCKET}, and nothing listens there (systemd is not running): cores are lost`);
  }
  return { host: 'this host', ...(pattern === undefined ? {} : { pattern }), problems };
}

/** The host of an engine on another machine: read over ssh for an ssh:// endpoint, else not visible from here. */
export async function remoteHostCapture(endpoint: DockerEndpoint, signal?: AbortSignal): Promise<HostCapture> {
  const access = await sshHostAccessOf(endpoint);
  const pattern = access === undefined ? undefined : await readCorePattern(access, signal).catch(() => undefined);
  if (pattern !== undefined) return { host: endpoint.host, pattern, problems: [] };
  const why = access === undefined ? 'its core_pattern is read only for engines on this machine or over ssh' : 'its core_pattern could not be read over ssh';
  return { host: endpoint.host, problems: [`${endpoint.host} is another machine: ${why}`] };
}
