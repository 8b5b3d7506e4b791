// The engine reads dumps only through this interface: random access by offset, never "the whole
// file". Multi-GB cores and snapshots must not be loaded into one buffer, so callers ask for the
// ranges they need; implementations may cache pages. Where the bytes live (a local file, a range
// cache over a container archive) is the sources layer's business.

export interface ByteSource {
  /** What to call this dump in messages: a path or a docker:// URI. */
  readonly name: string;
  /** Total length in bytes. */
  readonly size: number;
  /**
   * Reads up to `length` bytes at `offset`. Returns fewer only at the end of the source; an
   * offset beyond the end yields an empty array.
   */
  read(offset: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}
