// The JSON of the crash verbs (`salvage crashes`, `salvage crash`), documented in the README's
// "Crash catalog JSON": plain values, times as ISO strings, every field always present.

import type { CatalogCrash } from '../catalog/crashCatalog';
import type { CrashLog, CrashLogs } from '../catalog/crashLogs';
import type { IndexedDump } from '../catalog/indexedDump';
import type { SignatureGroup } from '../catalog/signatureGroups';

const iso = (ms: number) => new Date(ms).toISOString();

export function dumpJson(d: IndexedDump): unknown {
  return { kind: d.kind, path: d.path, size: d.size, sha256: d.sha256, origin: d.originUri, pid: d.pid, time: iso(d.diedAtMs) };
}

function logJson(log: CrashLog): unknown {
  return { container: log.container, collectedAt: log.collectedAt, lines: log.lines };
}

/** A crash; with `logs` (`salvage crash`), its container's last lines and its compose neighbours'. */
export function crashJson(c: CatalogCrash, logs?: CrashLogs): unknown {
  const k = c.container;
  const death = c.death?.death;
  return {
    id: c.id,
    signature: c.signature.id,
    diedAt: iso(c.diedAtMs),
    description: c.description,
    pid: c.pid,
    host: c.host,
    nodeVersion: c.nodeVersion,
    container: k === null ? null : { id: k.id, name: k.name, image: k.image, imageId: k.imageId, service: k.service, project: k.project, exitCode: k.exitCode, oomKilled: k.oomKilled, finishedAt: k.finishedAt, endpoint: k.endpoint, restartCount: k.restartCount },
    death: death === undefined || c.death === null ? null : { time: iso(c.death.diedAtMs), exitCode: death.exitCode, signal: death.signal, oomKilled: death.oomKilled, record: c.death.path },
    tags: c.tags,
    notes: c.notes.map((n) => ({ text: n.text, createdAt: iso(n.createdAtMs), on: 'crash' in n.on ? 'crash' : 'signature' })),
    dumps: c.dumps.map(dumpJson),
    ...(logs === undefined ? {} : { log: logs.own === null ? null : logJson(logs.own), neighbours: logs.neighbours.map(logJson) }),
  };
}

export function signatureJson(g: SignatureGroup, tags: readonly string[]): unknown {
  return {
    id: g.signature.id,
    text: g.signature.text,
    frames: g.signature.frames,
    count: g.count,
    firstSeen: iso(g.firstSeenMs),
    lastSeen: iso(g.lastSeenMs),
    images: g.images,
    nodeVersions: g.nodeVersions,
    services: g.services,
    containers: g.containers,
    hosts: g.hosts,
    tags,
    crashes: g.crashIds,
  };
}
