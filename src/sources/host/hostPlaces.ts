// This host's crash handler as places and dumps (dump.ts): one place for the handler, saying what
// the kernel's core_pattern does with a container's crash; under it a place per container its cores
// came from, and the cores of no known container directly. Pure functions of the data, so
// `salvage ls` and the Dumps view say the same things.

import { signalName } from '../../engine/core/signals';
import { formatAge } from '../../engine/format';
import { compressionLabel } from '../compressed/compression';
import { containerPlaceId } from '../docker/dockerPlaces';
import type { Dump, DumpPlace } from '../dump';
import type { ContainerLink } from './containerLinks';
import type { CorePattern } from './corePattern';
import type { HostCore } from './hostCore';
import { formatHostUri } from './hostUri';
import { KERNEL_HANDLER, patternCoreStore } from './patternCoreStore';

export const HOST_SOURCE = 'host';

/** Whose store a place shows: this machine's, or an ssh endpoint's host. */
export interface StoreHost {
  /** The Docker context of an ssh endpoint; undefined for this machine. */
  context?: string;
  /** "this host", "ssh://ops@build-1". */
  label: string;
}

export interface LinkedCore {
  core: HostCore;
  link?: ContainerLink;
}

/** What `salvage ls --json` says of a host core under "host" (documented in the README). */
function coreFacts({ core, link }: LinkedCore): Record<string, unknown> {
  return {
    handler: core.handler,
    path: core.path,
    pid: core.pid ?? null,
    uid: core.uid ?? null,
    signal: core.signal === undefined ? null : signalName(core.signal),
    comm: core.comm,
    exe: core.exe ?? null,
    hostname: core.hostname ?? null,
    cmdline: core.cmdline ?? null,
    time: new Date(core.timeMs).toISOString(),
    container: link === undefined ? null : { context: link.endpoint.name, id: link.container.id, name: link.container.name, image: link.container.image, state: link.container.state },
  };
}

function hostDump(host: StoreHost, linked: LinkedCore): Dump {
  const { core, link } = linked;
  const signal = core.signal === undefined ? '' : `, ${signalName(core.signal)}`;
  const pid = core.pid === undefined ? '' : ` ${core.pid}`;
  const about = [...(core.pid === undefined ? [] : [`pid ${core.pid}`]), ...(core.signal === undefined ? [] : [signalName(core.signal)])];
  const details = [`${core.handler === KERNEL_HANDLER ? 'written by the kernel' : `caught by ${core.handler}`} on ${host.label}: \`${core.path}\``, `process${pid} (\`${core.comm}\`${core.exe === undefined ? '' : `, \`${core.exe}\``})${signal}`];
  if (link !== undefined) details.push(`from container \`${link.container.name}\` (host name \`${core.hostname ?? ''}\`)`);
  else if (core.hostname !== undefined) details.push(`host name \`${core.hostname}\`: no container of the engines of ${host.label} has it (removed, or a process of the host)`);
  return {
    kind: 'core',
    size: core.size,
    mtimeMs: core.timeMs,
    location: formatHostUri(core.path, host.context),
    source: HOST_SOURCE,
    label: about.length === 0 ? `core of ${core.comm}` : `core of ${core.comm} (${about.join(', ')})`,
    ...(core.compression === undefined ? {} : { compression: compressionLabel(core.compression) }),
    facts: coreFacts(linked),
    details,
  };
}

function containerPlace(host: StoreHost, link: ContainerLink, cores: LinkedCore[], nowMs: number): DumpPlace {
  const c = link.container;
  const when = c.finishedAtMs ?? c.startedAtMs;
  return {
    id: `host:container:${c.id}`,
    role: 'container',
    label: c.name,
    description: [c.state, c.image, ...(when === undefined ? [] : [formatAge(when, nowMs)])].join(' · '),
    icon: { id: 'vm-outline', color: 'errorForeground' },
    details: [`**${c.name}** (image \`${c.image}\`, id \`${c.id.slice(0, 12)}\`): its cores were caught by the crash handler of ${host.label}, the container itself holds none`],
    expanded: true,
    dumps: cores.map((c) => hostDump(host, c)),
    places: [],
    facts: { container: c.name },
    // Under the container itself when the Docker source lists it (an ended one it does).
    belongsIn: containerPlaceId(c.id),
  };
}

/** "systemd-coredump · 2 cores", and what core_pattern does now when that is something else. */
function hostDescription(pattern: CorePattern | undefined, cores: readonly LinkedCore[]): string {
  const handlers = [...new Set(cores.map((c) => c.core.handler))];
  const parts = [handlers.length > 0 ? handlers.join(', ') : (pattern?.handler ?? 'no handler'), `${cores.length} ${cores.length === 1 ? 'core' : 'cores'}`];
  if (pattern !== undefined && handlers.length > 0 && !handlers.includes(pattern.handler)) parts.push(`core_pattern now: ${pattern.piped ? pattern.handler : 'a file'}`);
  return parts.join(' · ');
}

/** The handler's place: its containers' places, then the cores of no known container. */
export function hostPlace(host: StoreHost, pattern: CorePattern | undefined, cores: readonly LinkedCore[], problems: readonly string[], nowMs = Date.now()): DumpPlace {
  const byContainer = new Map<string, { link: ContainerLink; cores: LinkedCore[] }>();
  const loose: LinkedCore[] = [];
  for (const linked of cores) {
    if (linked.link === undefined) loose.push(linked);
    else {
      const entry = byContainer.get(linked.link.container.id) ?? { link: linked.link, cores: [] };
      entry.cores.push(linked);
      byContainer.set(linked.link.container.id, entry);
    }
  }
  const details = pattern === undefined ? ["the kernel's core_pattern could not be read"] : [`core_pattern \`${pattern.pattern}\`: ${pattern.meaning}`];
  // A relative core_pattern leaves every core in its process's working directory: nothing to show here.
  const catches = pattern !== undefined && (pattern.piped || patternCoreStore(pattern) !== undefined);
  return {
    id: host.context === undefined ? 'host:local' : `host:context:${host.context}`,
    role: 'host',
    label: host.context === undefined ? "This host's crash handler" : `Crash handler of ${host.label} (context ${host.context})`,
    description: hostDescription(pattern, cores),
    icon: { id: 'server' },
    details: [...details, ...problems.map((p) => `- ${p}`)],
    expanded: cores.length > 0,
    omitWhenEmpty: !catches,
    dumps: loose.map((c) => hostDump(host, c)),
    places: [...byContainer.values()].map(({ link, cores: linked }) => containerPlace(host, link, linked, nowMs)),
    empty: !catches ? `Cores are not sent to a crash handler on ${host.label}` : pattern.piped ? `No cores stored by ${pattern.handler}` : `No cores named like \`${pattern.pattern}\``,
    facts: { ...(host.context === undefined ? {} : { context: host.context }), handler: pattern?.handler ?? null, corePattern: pattern?.pattern ?? null },
  };
}
