// Where dumps come from, as one interface: a source owns the locations of its URI scheme (a local
// path or file:, docker://, next host://…), opens one into the bytes the engine reads together with
// the files *of that origin* (a container's scripts and maps, its binaries as search paths), and,
// given the user's settings, lists the places it finds dumps in and follows their changes. Front
// ends (the CLI, the adapter, the Dumps view) only ever talk to sources through this and the
// registry (dumpSources.ts); adding a source is one folder and one line there.

import type { ByteSource } from '../engine/bytes/byteSource';
import type { DumpFiles } from '../engine/dumpFiles';
import type { SourceListing } from './dump';

export interface OpenSourceOptions {
  /** Dump store folder for dumps that are copied here first; default defaultStoreDir(). */
  storeDir?: string;
  signal?: AbortSignal;
  /** Progress of the copy, when the dump is fetched: bytes so far of total. */
  onProgress?: (progress: { bytes: number; total?: number }) => void;
  /** Also prepare what a core's stacks need (a container core's binaries); not needed for a summary. */
  fetchBinaries?: boolean;
}

export interface FilesOptions {
  /** Said once when the origin cannot be read at all (the engine went away). */
  onWarning?: (message: string) => void;
  signal?: AbortSignal;
}

/** A dump opened for reading. The caller closes `source`. */
export interface OpenedDumpSource {
  source: ByteSource;
  /** The file on this machine being read: the path itself, or the store's copy of a fetched dump. */
  localPath: string;
  /** Folders to look for the core's binaries in before the user's own (a container's sysroot). */
  searchPaths: string[];
  /** Non-fatal problems met while preparing it (a binary the container no longer has). */
  warnings: string[];
  /** How the dump was compressed where it came from ('zstd', 'LZ4', 'xz'); `source` reads it decompressed. */
  compression?: string;
  /** The files the engine reads for this dump: its scripts, source maps and the dump again, from its origin. */
  files(options?: FilesOptions): Promise<DumpFiles>;
}

/** What the user asked to be listed; each source reads its own part and ignores the rest. */
export interface ListSettings {
  /** Local folders to search, with the label each is shown under. */
  folders: Array<{ folder: string; label: string }>;
  /** Folder levels below each folder to descend into. */
  depth: number;
  /** Docker endpoints: none, the current one, every context, or these contexts by name. */
  docker: 'off' | 'current' | 'all' | string[];
  /** This host's crash handler's store, even when Docker is off (it is listed whenever Docker is on). */
  hostStore?: boolean;
  /** Where containers' dumps are looked for first (`${workingDir}` expanded); default DEFAULT_DUMP_PATHS. */
  containerDumpPaths?: string[];
  /** The dump store: copies already downloaded are offered, classifications are cached there. */
  storeDir: string;
}

export interface ListOptions {
  signal?: AbortSignal;
  /** A first listing that takes seconds is shown while it fills in: called with what is known so far. */
  onPartial?: (listing: SourceListing) => void;
}

/** The dumps of one source's places, listed and then followed. */
export interface DumpLister {
  list(options?: ListOptions): Promise<SourceListing>;
  /**
   * Follows changes to what the last listing showed (file events, an engine's event stream);
   * `onChange` gets the whole new listing. Stop by disposing.
   */
  watch?(onChange: (listing: SourceListing) => void, onProblem: (message: string) => void): { dispose(): void };
}

export interface DumpSource {
  /** Its name in listings, menus and `ls --json` ('local', 'docker'). */
  readonly name: string;
  /** The locations it owns, as users type them ('file:', 'docker://'), for messages. */
  readonly scheme: string;
  /** Whether `location` is one of this source's (`docker://…`); the local source takes what no other does. */
  owns(location: string): boolean;
  open(location: string, options?: OpenSourceOptions): Promise<OpenedDumpSource>;
  /** Its lister for these settings; undefined when the settings leave it out. */
  lister(settings: ListSettings): DumpLister | undefined;
}
