// The change that makes a container's next crash leave its dumps, written three ways — flags for
// `docker run`, a compose snippet, Dockerfile lines — from what captureChecks found missing.
// Salvage only ever shows it: applying it is the user's call (and recreates the container).

import { APPORT } from '../host/apportStore';
import type { CorePattern } from '../host/corePattern';
import { shellQuote } from '../shellQuote';
import { type CaptureCheck, type CheckId, coreFolder, diagnosticsFolders, limitApplies, type ContainerCaptureFacts } from './captureChecks';
import { dumpFolder } from './dumpFolder';
import { flagValue } from './nodeFlags';

export interface CaptureFix {
  /** Flags to add to `docker run`. */
  run: string[];
  /** Flags to take off it. */
  drop: string[];
  /** The same for a compose file's service (YAML). */
  compose: string;
  /** Lines for the image's Dockerfile (what an image can set: not limits, not mounts). */
  dockerfile: string[];
  /** What no flag of the container can change (the host's core_pattern), in a sentence each. */
  notes: string[];
}

const DUMPS_VOLUME = 'salvage-dumps';
const DUMPS_FOLDER = '/dumps';
const CORES_VOLUME = 'salvage-cores';
/** Two snapshots: the first as the heap nears its limit, a second if it grows on after a GC. */
const SNAPSHOTS = 2;
const COMPOSE_SERVICE_LABEL = 'com.docker.compose.service';

function composeSnippet(service: string, limit: boolean, nodeOptions: string | undefined, volumes: Array<[string, string]>): string {
  const lines = ['services:', `  ${service}:`];
  if (limit) lines.push('    ulimits:', '      core: -1');
  if (nodeOptions !== undefined) lines.push('    environment:', `      NODE_OPTIONS: ${JSON.stringify(nodeOptions)}`);
  if (volumes.length > 0) lines.push('    volumes:', ...volumes.map(([name, folder]) => `      - ${name}:${folder}`), 'volumes:', ...volumes.map(([name]) => `  ${name}: {}`));
  return lines.join('\n');
}

/** The fix for what `checks` found, or undefined when nothing is missing. */
export function captureFix(pattern: CorePattern | undefined, facts: ContainerCaptureFacts, checks: readonly CaptureCheck[]): CaptureFix | undefined {
  const status = (id: CheckId) => checks.find((c) => c.check === id)?.status ?? 'ok';
  const { details } = facts;
  const launch = facts.node;
  const notes: string[] = [];
  const drop: string[] = [];
  const volumes: Array<[string, string]> = [];

  const limit = limitApplies(pattern) && status('core-limit') !== 'ok';
  const added: string[] = [];
  if (status('core-on-uncaught') === 'missing') added.push('--abort-on-uncaught-exception');
  if (flagValue(launch, 'report-on-fatalerror') === undefined) added.push('--report-on-fatalerror');
  if (status('heap-snapshot') === 'missing') added.push(`--heapsnapshot-near-heap-limit=${SNAPSHOTS}`);

  const writesDiagnostics = added.length > 0 || checks.some((c) => c.check === 'diagnostics-folder');
  const { reports, snapshots } = diagnosticsFolders(launch, details);
  const lost = (keptBy: string) => keptBy === 'tmpfs' || (keptBy === 'layer' && details.launch.autoRemove);
  if (writesDiagnostics && (lost(reports.keptBy) || lost(snapshots.keptBy) || checks.some((c) => c.check === 'diagnostics-folder' && c.status !== 'ok'))) {
    volumes.push([DUMPS_VOLUME, DUMPS_FOLDER]);
    for (const flag of ['report-directory', 'diagnostic-dir'] as const) {
      const set = flagValue(launch, flag);
      if (set === undefined) added.push(`--${flag}=${DUMPS_FOLDER}`);
      else if (dumpFolder(set.value ?? '.', details).folder !== DUMPS_FOLDER) notes.push(`point --${flag} (now ${set.value ?? ''}) at ${DUMPS_FOLDER}, the volume`);
    }
  }

  if (pattern === undefined) notes.push("read the engine host's core_pattern (`cat /proc/sys/kernel/core_pattern` there) to know where its cores go");
  else if (pattern.handler === APPORT) {
    notes.push("apport keeps no container's core: on the host, let systemd-coredump keep cores instead (`apt-get install systemd-coredump`, and `systemctl disable --now apport` so apport does not take core_pattern back at boot); `salvage ls --host` reads its store");
  } else if (!pattern.piped && status('core-destination') !== 'ok') {
    const folder = coreFolder(pattern, details);
    if (facts.coreFolderExists === false) volumes.push([CORES_VOLUME, folder.folder]);
    else if (details.launch.autoRemove && folder.keptBy === 'layer') {
      drop.push('--rm');
      notes.push(`a core follows the host's core_pattern \`${pattern.pattern}\` into ${folder.folder}, in the container's layer: run it without --rm so the stopped container keeps it, or have the host's crash handler keep cores (on the host: \`apt-get install systemd-coredump\`; \`salvage ls --host\` reads them)`);
    } else if (folder.keptBy === 'tmpfs') notes.push(`the core is written to ${folder.folder}, a tmpfs: run from a working directory that is not one, or have the host's crash handler keep cores`);
    else notes.push(`each crash writes over the last core: a host's core_pattern with %t (\`core.%e.%p.%t\`) keeps one per crash`);
  }

  if (!limit && added.length === 0 && volumes.length === 0 && drop.length === 0 && notes.length === 0) return undefined;
  const nodeOptions = added.length === 0 ? undefined : [launch.nodeOptions, ...added].filter((o) => o !== undefined && o !== '').join(' ');
  const run = [...(limit ? ['--ulimit', 'core=-1'] : []), ...(nodeOptions === undefined ? [] : ['-e', shellQuote(`NODE_OPTIONS=${nodeOptions}`)]), ...volumes.flatMap(([name, folder]) => ['-v', `${name}:${folder}`])];
  const service = details.labels[COMPOSE_SERVICE_LABEL] ?? details.name;
  const dockerfile = [...(nodeOptions === undefined ? [] : [`ENV NODE_OPTIONS=${JSON.stringify(nodeOptions)}`]), ...(facts.coreFolderExists === false && pattern !== undefined ? [`RUN mkdir -p ${coreFolder(pattern, details).folder}`] : [])];
  return { run, drop, compose: composeSnippet(service, limit, nodeOptions, volumes), dockerfile, notes };
}
