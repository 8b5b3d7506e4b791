// "Will the next crash of this container leave a dump?" — answered from what the kernel does with
// a core (the host's core_pattern), how the container was started (its core limit, --rm, restart
// policy, mounts) and the Node options it runs with. Pure: each check says what it found and what
// that means, in the user's terms; captureFix.ts turns the misses into the change to make.

import type { ContainerDetails } from '../docker/dockerClient';
import { APPORT } from '../host/apportStore';
import type { CorePattern } from '../host/corePattern';
import { describeFolder, type DumpFolder, dumpFolder } from './dumpFolder';
import { flagValue, type FoundFlag, type NodeLaunch } from './nodeFlags';

export type CheckStatus = 'ok' | 'warn' | 'missing';
export type CheckId = 'core-destination' | 'core-limit' | 'core-on-uncaught' | 'report' | 'heap-snapshot' | 'diagnostics-folder';

export interface CaptureCheck {
  check: CheckId;
  status: CheckStatus;
  says: string;
}

/** What is known of one container beyond inspect. */
export interface ContainerCaptureFacts {
  details: ContainerDetails;
  /** Its Node flags, read from its launch once. */
  node: NodeLaunch;
  /** The soft core limit its first process runs with now (/proc/PID/limits), -1 for unlimited. */
  measuredCoreLimit?: number;
  /** For an absolute core_pattern: whether its folder exists in the container. */
  coreFolderExists?: boolean;
}

/** Below a page the kernel, and a handler that honours the limit, write nothing. */
const MIN_CORE_BYTES = 4096;
/** A Node core is rarely smaller: a lower limit cuts it short. */
const SMALL_CORE_BYTES = 1024 ** 3;

function from(flag: FoundFlag): string {
  return flag.from === 'command' ? 'on the command line' : 'in NODE_OPTIONS';
}

/** The folder a file core_pattern writes into, as the crashing process sees it. */
export function coreFolder(pattern: CorePattern, details: ContainerDetails): DumpFolder {
  const slash = pattern.pattern.lastIndexOf('/');
  return dumpFolder(slash < 0 ? '.' : pattern.pattern.slice(0, slash) || '/', details);
}

/** A handler given `%c` is told the process's limit and honours it (systemd-coredump does); the kernel itself ignores it for pipes. */
export function limitApplies(pattern: CorePattern | undefined): boolean {
  return pattern === undefined || !pattern.piped || /(^|\s)%c(\s|$)/.test(pattern.pattern);
}

function survival(where: DumpFolder, details: ContainerDetails, what: string, overwritten: boolean): { status: CheckStatus; says: string } {
  const at = describeFolder(where);
  if (where.keptBy === 'tmpfs') return { status: 'missing', says: `${what} land in ${at}: gone when the container stops` };
  if (where.keptBy !== 'layer') return { status: 'ok', says: `${what} land in ${at}: kept when the container is removed` };
  if (details.launch.autoRemove) return { status: 'missing', says: `${what} land in ${at}, which \`--rm\` removes as the container exits` };
  if (overwritten && details.launch.restartPolicy !== 'no') {
    return { status: 'warn', says: `${what} land in ${at}; with restart policy \`${details.launch.restartPolicy}\` each crash after a restart writes over the last one` };
  }
  return { status: 'ok', says: `${what} land in ${at}: kept until the container is removed, and \`salvage ls --docker\` finds them there` };
}

function coreDestination(pattern: CorePattern | undefined, facts: ContainerCaptureFacts): CaptureCheck {
  const check = 'core-destination';
  if (pattern === undefined) return { check, status: 'warn', says: "the kernel's core_pattern of this engine's host cannot be read from here: where a core goes is not known" };
  if (pattern.handler === APPORT) return { check, status: 'missing', says: `${pattern.meaning}: this container's cores are lost` };
  if (pattern.piped) return { check, status: 'ok', says: `${pattern.meaning}; \`salvage ls --host\` lists them there` };
  if (facts.coreFolderExists === false) {
    return { check, status: 'missing', says: `core_pattern \`${pattern.pattern}\` names ${coreFolder(pattern, facts.details).folder}, which does not exist in the container: the kernel cannot write the core` };
  }
  // Without %t (the time) or %p with a fresh pid, a restarted container's process writes the same name again.
  return { check, ...survival(coreFolder(pattern, facts.details), facts.details, 'cores', !pattern.pattern.includes('%t')) };
}

function describeLimit(bytes: number): string {
  return bytes < 0 ? 'unlimited' : `${bytes} bytes`;
}

function coreLimit(pattern: CorePattern | undefined, facts: ContainerCaptureFacts): CaptureCheck {
  const check = 'core-limit';
  const configured = facts.details.launch.coreUlimit?.soft;
  const limit = configured ?? facts.measuredCoreLimit;
  const source = configured !== undefined ? '`--ulimit core`' : "the engine's default (measured in its running process)";
  if (!limitApplies(pattern)) {
    const now = limit === undefined ? '' : ` (it is ${describeLimit(limit)})`;
    return { check, status: 'ok', says: `the core limit does not matter${now}: the kernel pipes every core to the handler, and core_pattern does not pass it the limit (%c)` };
  }
  if (limit === undefined) return { check, status: 'warn', says: "not set: the engine's default applies, which cannot be seen while the container is stopped (often 0: no core)" };
  if (limit >= 0 && limit < MIN_CORE_BYTES) return { check, status: 'missing', says: `${describeLimit(limit)} by ${source}: no core is written` };
  if (limit >= 0 && limit < SMALL_CORE_BYTES) return { check, status: 'warn', says: `${describeLimit(limit)} by ${source}: a bigger core is cut short` };
  return { check, status: 'ok', says: `${describeLimit(limit)} by ${source}` };
}

function coreOnUncaught(launch: NodeLaunch): CaptureCheck {
  const check = 'core-on-uncaught';
  const abort = flagValue(launch, 'abort-on-uncaught-exception');
  if (abort !== undefined) return { check, status: 'ok', says: `an uncaught exception aborts with a core (--abort-on-uncaught-exception ${from(abort)})` };
  const node = launch.runsNode ? '' : ' (no `node` on its command line and no NODE_OPTIONS: checked as if it ran one)';
  return { check, status: 'missing', says: `an uncaught exception exits with code 1 and leaves no core: only fatal errors (out of memory) abort${node}` };
}

function report(launch: NodeLaunch): CaptureCheck {
  const check = 'report';
  const fatal = flagValue(launch, 'report-on-fatalerror');
  const uncaught = flagValue(launch, 'report-uncaught-exception');
  const aborts = flagValue(launch, 'abort-on-uncaught-exception') !== undefined;
  if (uncaught !== undefined && aborts) {
    const also = fatal === undefined ? ', and a fatal error (out of memory) leaves none' : '; fatal errors do get one';
    return { check, status: 'warn', says: `--report-uncaught-exception writes nothing while --abort-on-uncaught-exception is set: the abort comes first, so the core is that crash's dump${also}` };
  }
  if (fatal !== undefined && uncaught !== undefined) return { check, status: 'ok', says: `a diagnostic report on uncaught exceptions and fatal errors (flags ${from(uncaught)})` };
  if (fatal !== undefined) return { check, status: 'ok', says: `a diagnostic report on fatal errors (--report-on-fatalerror ${from(fatal)})${aborts ? '; an uncaught exception leaves its core instead' : ''}` };
  if (uncaught !== undefined) return { check, status: 'warn', says: `a diagnostic report on uncaught exceptions only: a fatal error (out of memory) leaves none (no --report-on-fatalerror)` };
  return { check, status: 'missing', says: 'no diagnostic report on a fatal error (out of memory): no --report-on-fatalerror' };
}

function heapSnapshot(launch: NodeLaunch): CaptureCheck {
  const check = 'heap-snapshot';
  const near = flagValue(launch, 'heapsnapshot-near-heap-limit');
  if (near !== undefined) return { check, status: 'ok', says: `heap snapshots as the heap nears its limit, ${near.value ?? '?'} at most (--heapsnapshot-near-heap-limit ${from(near)})` };
  return { check, status: 'missing', says: 'running out of memory leaves no heap snapshot: no --heapsnapshot-near-heap-limit' };
}

/**
 * Reports go to --report-directory, heap snapshots to --diagnostic-dir, each else to the working
 * directory: --diagnostic-dir does not move reports, whatever Node's docs say (seen on Node 20 to 26).
 */
export function diagnosticsFolders(launch: NodeLaunch, details: ContainerDetails): { reports: DumpFolder; snapshots: DumpFolder } {
  return { reports: dumpFolder(flagValue(launch, 'report-directory')?.value ?? '.', details), snapshots: dumpFolder(flagValue(launch, 'diagnostic-dir')?.value ?? '.', details) };
}

function diagnosticsDestinations(launch: NodeLaunch, details: ContainerDetails): CaptureCheck[] {
  const has = (flag: Parameters<typeof flagValue>[1]) => flagValue(launch, flag) !== undefined;
  const { reports, snapshots } = diagnosticsFolders(launch, details);
  const written: Array<[string, DumpFolder]> = [];
  if (has('report-on-fatalerror') || has('report-uncaught-exception')) written.push(['reports', reports]);
  if (has('heapsnapshot-near-heap-limit')) written.push(['heap snapshots', snapshots]);
  if (written.length === 2 && reports.folder === snapshots.folder) written.splice(0, 2, ['reports and heap snapshots', reports]);
  // Their names carry the date, time and pid: a new crash never writes over an old one.
  return written.map(([what, folder]) => ({ check: 'diagnostics-folder', ...survival(folder, details, what, false) }));
}

/** The checks of one container, in the order they are shown. */
export function captureChecks(pattern: CorePattern | undefined, facts: ContainerCaptureFacts): CaptureCheck[] {
  const launch = facts.node;
  const checks = [coreDestination(pattern, facts), coreLimit(pattern, facts), coreOnUncaught(launch), report(launch), heapSnapshot(launch)];
  return [...checks, ...diagnosticsDestinations(launch, facts.details)];
}
