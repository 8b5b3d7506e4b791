// The JSON of the crash verbs (`salvage crashes`, `salvage crash`), documented in the README's
// "Crash catalog JSON": plain values, times as ISO strings, every field always present.

import type { CatalogCrash } from '../catalog/crashCatalog';
import type { IndexedDump } from '../catalog/indexedDump';
import type { SignatureGroup } from '../catalog/signatureGroups';

const iso = (ms: number) => new Date(ms).toISOString();

export function dumpJson(d: IndexedDump): unknown {
  return { kind: d.kind, path: d.path, size: d.size, sha256: d.sha256, origin: d.originUri, pid: d.pid, time: iso(d.diedAtMs) };
}

export function crashJson(c: CatalogCrash): unknown {
  const k = c.container;
  return {
    id: c.id,
    signature: c.signature.id,
    diedAt: iso(c.diedAtMs),
    description: c.description,
    pid: c.pid,
    host: c.host,
    nodeVersion: c.nodeVersion,
    container: k === null ? null : { id: k.id, name: k.name, image: k.image, imageId: k.imageId, service: k.service, project: k.project, exitCode: k.exitCode, oomKilled: k.oomKilled, finishedAt: k.finishedAt, endpoint: k.endpoint },
    tags: c.tags,
    notes: c.notes.map((n) => ({ text: n.text, createdAt: iso(n.createdAtMs), on: 'crash' in n.on ? 'crash' : 'signature' })),
    dumps: c.dumps.map(dumpJson),
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
