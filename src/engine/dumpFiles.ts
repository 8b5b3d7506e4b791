// The files a dump refers to — the binaries and libraries a core mapped, the scripts and source maps
// its frames name, the dump itself again — read from wherever the dump came from: the local disk
// for a local file, the container (then the local disk) for a docker:// dump. The engine never
// touches a file system itself; the sources layer hands it one of these through OpenOptions.

import type { ByteSource } from './bytes/byteSource';
import type { TextFileReader } from './sourcemap/textFileReader';

export interface DumpFiles extends TextFileReader {
  /** Opens a file for positioned reads; undefined when it does not exist or cannot be read. */
  open(path: string): Promise<ByteSource | undefined>;
  /** Whether a file exists at `path` (used to tell which recorded paths need an override). */
  exists(path: string): Promise<boolean>;
}

/** No files at all: a dump opened with this reads only itself (no binaries, no source maps on disk). */
export const NO_FILES: DumpFiles = {
  open: async () => undefined,
  readText: async () => undefined,
  exists: async () => false,
};
