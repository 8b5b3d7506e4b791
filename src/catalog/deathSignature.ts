// What broke, for a death that left no dump to say it: how the process ended (`OOM kill`, the
// signal, else the exit code) and where — the compose service, else the image's repository without
// its tag or digest, else the container's name — so the same service dying the same way groups as
// one signature across containers, restarts and image versions.

import { createHash } from 'crypto';
import type { CrashSignature } from '../engine/signature/crashSignature';
import type { DumpContainer, IndexedDump } from './indexedDump';

/** "registry:5000/shop/cache:1.2@sha256:…" → "registry:5000/shop/cache". */
function repository(image: string): string {
  const name = image.replace(/@.*$/, '');
  const colon = name.lastIndexOf(':');
  return colon > name.lastIndexOf('/') ? name.slice(0, colon) : name;
}

function where(container: DumpContainer | null): string {
  if (container === null) return 'this machine';
  return container.service ?? (container.image !== '' && !/^sha256:/.test(container.image) ? repository(container.image) : container.name);
}

export function deathSignature(record: IndexedDump): CrashSignature {
  const death = record.death;
  const how = death === undefined ? 'death' : death.oomKilled ? 'OOM kill' : death.signal !== null ? death.signal : `exit ${death.exitCode}`;
  const text = `${how} in ${where(record.container)}`;
  return { text, id: createHash('sha256').update(text).digest('hex').slice(0, 16), frames: [] };
}
