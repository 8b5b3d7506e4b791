// `docker://CONTAINER/abs/path` — a dump inside a container, running or stopped — accepted wherever
// a dump path is. CONTAINER is a name or id; the path is absolute inside the container, with `%XX`
// escapes for bytes that would otherwise end it (`?`, `#`, `%`). `?context=NAME` picks a Docker CLI
// context other than the current one. Anything that is not a docker:// URI is a local path.

export interface DockerDumpUri {
  container: string;
  /** Absolute, normalised path inside the container. */
  path: string;
  /** Docker CLI context; undefined means the current endpoint (DOCKER_HOST or current context). */
  context?: string;
}

export const DOCKER_SCHEME = 'docker://';

/** Docker's own rule for container names ([a-zA-Z0-9][a-zA-Z0-9_.-]+), which ids also satisfy. */
const CONTAINER = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

export class DumpUriError extends Error {}

export function isDockerUri(pathOrUri: string): boolean {
  return pathOrUri.toLowerCase().startsWith(DOCKER_SCHEME);
}

/** Normalises an absolute container path; refuses relative paths, `..`, and NUL bytes. */
export function containerPath(raw: string, what = 'path'): string {
  if (!raw.startsWith('/')) throw new DumpUriError(`${what} must be absolute inside the container: ${JSON.stringify(raw)}`);
  if (raw.includes('\0')) throw new DumpUriError(`${what} contains a NUL byte`);
  const segments = raw.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) throw new DumpUriError(`${what} must not contain "..": ${JSON.stringify(raw)}`);
  if (segments.length === 0) throw new DumpUriError(`${what} names the container's root, not a file`);
  return `/${segments.join('/')}`;
}

/** A container name or id as Docker allows it; throws otherwise. */
export function containerName(raw: string, where = raw): string {
  if (!CONTAINER.test(raw)) throw new DumpUriError(`${where}: ${JSON.stringify(raw)} is not a container name or id`);
  return raw;
}

export function parseDockerUri(uri: string): DockerDumpUri {
  if (!isDockerUri(uri)) throw new DumpUriError(`not a docker:// URI: ${uri}`);
  const rest = uri.slice(DOCKER_SCHEME.length);
  const [beforeQuery, query] = splitOnce(rest, '?');
  const slash = beforeQuery.indexOf('/');
  if (slash <= 0) throw new DumpUriError(`${uri}: expected docker://CONTAINER/absolute/path`);
  const container = containerName(beforeQuery.slice(0, slash), uri);
  let decoded: string;
  try {
    decoded = decodeURIComponent(beforeQuery.slice(slash));
  } catch {
    throw new DumpUriError(`${uri}: malformed %-escape in the path`);
  }
  const parsed: DockerDumpUri = { container, path: containerPath(decoded) };
  if (query !== undefined) {
    const params = new URLSearchParams(query);
    for (const key of params.keys()) if (key !== 'context') throw new DumpUriError(`${uri}: unknown parameter "${key}" (only "context" is understood)`);
    const context = params.get('context');
    if (context !== null && context !== '') parsed.context = context;
  }
  return parsed;
}

export function formatDockerUri(uri: DockerDumpUri): string {
  // Keep "/" and the characters paths commonly hold readable; escape what would end or confuse it.
  const pathPart = uri.path
    .split('/')
    .map((s) => encodeURIComponent(s).replace(/%40/g, '@').replace(/%2B/g, '+').replace(/%3A/g, ':').replace(/%2C/g, ','))
    .join('/');
  const query = uri.context === undefined ? '' : `?${new URLSearchParams({ context: uri.context }).toString()}`;
  return `${DOCKER_SCHEME}${uri.container}${pathPart}${query}`;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
