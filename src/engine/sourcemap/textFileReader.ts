// The resolver never touches the file system itself: where scripts and maps are read from (local
// disk, a container's file system, a test's in-memory table) is chosen by whoever constructs it.

/** Reads whole text files; resolves `undefined` when the file does not exist or cannot be read. */
export interface TextFileReader {
  readText(path: string): Promise<string | undefined>;
}
