// A dump as every front end lists it, whichever source found it (a local folder, a container, next a
// host's crash store), and the places it was found in. The CLI's `ls`, its JSON and the Dumps view
// all read these shapes and nothing source-specific: a source says what its places and dumps look
// like (labels, one-line descriptions, tooltip lines, an icon) in words and data, not in UI code.

import type { DumpKind } from '../engine/crash';

/** A codicon and, when the state deserves one, its theme colour: data, so sources stay free of UI code. */
export interface IconSpec {
  id: string;
  color?: 'errorForeground' | 'charts.yellow' | 'charts.green';
}

export interface Dump {
  kind: Exclude<DumpKind, 'unknown'>;
  size: number;
  /** Last modification time, ms since the epoch. */
  mtimeMs: number;
  /** Where it is, as every verb and the debug session accept it: a local path or a URI (docker://…). */
  location: string;
  /** The name of the source that found it ('local', 'docker', …): menus and `ls --json` key on it. */
  source: string;
  /** Its name in a list (the file's base name). */
  label: string;
  /** A file on this machine holding its bytes, when there is one: the path, or a copy already downloaded. */
  localCopy?: string;
  /** How its bytes are compressed ('zstd', 'LZ4', 'xz'), when they are: `kind` is what they decompress to. */
  compression?: string;
  /** What its origin knows of it, JSON-ready: `salvage ls --json` prints it under the source's name. */
  facts?: Record<string, unknown>;
  /** Markdown lines its origin adds to a tooltip (where it was found, how). */
  details?: string[];
}

/** A place dumps were found in: a folder, a Docker endpoint, a compose project, a container. */
export interface DumpPlace {
  /** Unique among every source's places (a tree item's id). */
  id: string;
  /** What kind of place, for menus ('folder', 'endpoint', 'project', 'container'). */
  role: string;
  label: string;
  /** One line beside the label: "exited 133 (SIGTRAP) · node-mini · 5 min ago". */
  description?: string;
  icon?: IconSpec;
  /** Markdown lines for its tooltip. */
  details?: string[];
  /** Whether a list shows it open at first. */
  expanded: boolean;
  /** A view may leave it out while it holds nothing (an empty workspace folder); `ls` still says so. */
  omitWhenEmpty?: boolean;
  dumps: Dump[];
  places: DumpPlace[];
  /** Why what it holds could not be read (a folder that vanished, a container whose layer is gone). */
  error?: string;
  /** Said in place of an empty list ("No dumps found in any container", "Looking for dumps…"). */
  empty?: string;
  /** JSON-ready facts naming it, for `ls --json`'s entry when it could not be read. */
  facts?: Record<string, unknown>;
  /** The id of another source's place its dumps belong in, when that place is listed (joinedListings.ts). */
  belongsIn?: string;
}

/** A place that could not be listed at all (an engine not reachable): `ls` exits 1 for these. */
export interface ListingError {
  /** The id of the place that shows it (a list says it there; `ls` says it once, on stderr). */
  place: string;
  message: string;
  /** JSON-ready facts of the place (`ls --json` merges them into its error entry). */
  facts?: Record<string, unknown>;
}

/** What one source found. */
export interface SourceListing {
  source: string;
  places: DumpPlace[];
  errors: ListingError[];
}

/** Every dump of a listing, depth first, in the order shown. */
export function dumpsOf(places: readonly DumpPlace[]): Dump[] {
  return places.flatMap((p) => [...p.dumps, ...dumpsOf(p.places)]);
}
