// The registry of dump sources: which source owns a location, and the sources a listing walks, in
// the order lists show them. A new source (a host's crash store, Kubernetes) is one folder and one
// line here.

import { dockerSource } from './docker/dockerSource';
import { DumpUriError } from './dumpUri';
import type { DumpSource } from './dumpSource';
import { hostSource } from './host/hostSource';
import { localSource } from './local/localSource';

const SOURCES: DumpSource[] = [localSource, dockerSource, hostSource];

/** The registered sources, in the order lists show them. */
export function dumpSources(): readonly DumpSource[] {
  return SOURCES;
}

/** Adds a source after the built-in ones (for tests of the seam); dispose to remove it. */
export function registerDumpSource(source: DumpSource): { dispose(): void } {
  SOURCES.push(source);
  return { dispose: () => void SOURCES.splice(SOURCES.indexOf(source), 1) };
}

/** The source that owns `location`; a URL scheme none knows is refused, not read as a file name. */
export function sourceFor(location: string): DumpSource {
  // The local source takes what no URL scheme claims, so the others are asked first.
  const source = SOURCES.find((s) => s !== localSource && s.owns(location)) ?? (localSource.owns(location) ? localSource : undefined);
  if (source === undefined) throw new DumpUriError(`${location}: no dump source reads ${location.slice(0, location.indexOf('://') + 3)} locations (known: a path, ${SOURCES.map((s) => s.scheme).join(', ')})`);
  return source;
}
