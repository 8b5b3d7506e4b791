// Crashes grouped by what broke: for each signature, how often, since when, and where — the images,
// Node versions, services, containers and hosts it struck. The questions of someone who was paged.

import type { CrashSignature } from '../engine/signature/crashSignature';
import type { CrashRecord } from './crashGrouping';

export interface SignatureGroup {
  signature: CrashSignature;
  count: number;
  firstSeenMs: number;
  lastSeenMs: number;
  images: string[];
  nodeVersions: string[];
  services: string[];
  containers: string[];
  hosts: string[];
  /** Its crashes' ids, newest first. */
  crashIds: string[];
}

function distinct(values: Iterable<string | null | undefined>): string[] {
  return [...new Set([...values].filter((v): v is string => v !== null && v !== undefined && v !== ''))].sort();
}

/** One group per signature, the most frequent first (then the most recent). */
export function groupBySignature(crashes: readonly CrashRecord[]): SignatureGroup[] {
  const bySignature = new Map<string, CrashRecord[]>();
  for (const crash of crashes) {
    const list = bySignature.get(crash.signature.id);
    if (list === undefined) bySignature.set(crash.signature.id, [crash]);
    else list.push(crash);
  }
  const groups = [...bySignature.values()].map((list): SignatureGroup => {
    const times = list.map((c) => c.diedAtMs);
    return {
      signature: list[0].signature,
      count: list.length,
      firstSeenMs: Math.min(...times),
      lastSeenMs: Math.max(...times),
      images: distinct(list.map((c) => c.container?.image)),
      nodeVersions: distinct(list.map((c) => c.nodeVersion)),
      services: distinct(list.map((c) => c.container?.service)),
      containers: distinct(list.map((c) => c.container?.name)),
      hosts: distinct(list.map((c) => c.host ?? c.container?.endpoint)),
      crashIds: [...list].sort((a, b) => b.diedAtMs - a.diedAtMs).map((c) => c.id),
    };
  });
  return groups.sort((a, b) => b.count - a.count || b.lastSeenMs - a.lastSeenMs);
}
