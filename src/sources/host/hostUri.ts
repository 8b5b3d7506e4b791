// `host:///var/lib/systemd/coredump/core.node.0.….zst` — a core the host's crash handler stored,
// read from this machine's disk. The empty authority is this host; another host's store will be
// `host://CONTEXT/…`, over that endpoint's ssh.

export const HOST_SCHEME = 'host://';

export function isHostUri(location: string): boolean {
  return location.startsWith(HOST_SCHEME);
}

export function formatHostUri(file: string): string {
  return `${HOST_SCHEME}${file}`;
}

/** The absolute path a host:// URI names on this host; a clear Error for anything else. */
export function parseHostUri(location: string): string {
  const rest = location.slice(HOST_SCHEME.length);
  if (!rest.startsWith('/')) throw new Error(`${location}: only this host's crash store can be read (host:///path); another host's needs its ssh:// endpoint, which is not supported yet`);
  const file = decodeURIComponent(rest);
  if (file.split('/').includes('..')) throw new Error(`${location}: the path may not contain ".."`);
  return file;
}
