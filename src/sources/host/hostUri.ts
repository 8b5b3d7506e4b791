// `host:///var/lib/systemd/coredump/core.node.0.….zst` — a core this host's crash handler stored,
// read from this machine's disk; `host://CONTEXT/…` — one stored on the host of the Docker
// context CONTEXT, whose endpoint is ssh://, read over that ssh.

export const HOST_SCHEME = 'host://';

export interface HostLocation {
  /** The Docker context whose (ssh) host holds it; undefined for this machine. */
  context?: string;
  /** The absolute path on that host. */
  path: string;
}

export function isHostUri(location: string): boolean {
  return location.startsWith(HOST_SCHEME);
}

export function formatHostUri(file: string, context?: string): string {
  return `${HOST_SCHEME}${context === undefined ? '' : encodeURIComponent(context)}${file}`;
}

/** The host and absolute path a host:// URI names; a clear Error for anything else. */
export function parseHostUri(location: string): HostLocation {
  const rest = location.slice(HOST_SCHEME.length);
  const slash = rest.indexOf('/');
  if (slash < 0) throw new Error(`${location}: a host:// location is host:///path (this host) or host://CONTEXT/path (the ssh host of a Docker context)`);
  const file = decodeURIComponent(rest.slice(slash));
  if (file.split('/').includes('..')) throw new Error(`${location}: the path may not contain ".."`);
  return slash === 0 ? { path: file } : { context: decodeURIComponent(rest.slice(0, slash)), path: file };
}
