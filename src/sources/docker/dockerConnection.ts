// From an endpoint to a dockerode client, and from a failed request to one sentence. Every request
// is pinned to Engine API 1.41 (Docker 20.10), the oldest engine Salvage supports, so what works
// here works everywhere newer.

import { promises as fs } from 'fs';
import type * as http from 'http';
import * as https from 'https';
import Docker from 'dockerode';
import { errorMessage } from '../../engine/errorMessage';
import type { DockerEndpoint } from './dockerEndpoints';
import { SSH_ERROR_CODE, sshAgent, type SshTarget } from './sshTransport';

export const API_VERSION = 'v1.41';
/** Give up connecting to a remote engine after this long; a local socket answers at once. */
const CONNECT_TIMEOUT_MS = 10_000;

export class DockerAccessError extends Error {
  constructor(
    message: string,
    /** Why: nothing listening, permission denied, a request the engine refused. */
    readonly reason: 'unreachable' | 'permission' | 'notFound' | 'engine',
  ) {
    super(message);
    this.name = 'DockerAccessError';
  }
}

async function readOptional(file: string | undefined): Promise<Buffer | undefined> {
  if (file === undefined) return undefined;
  try {
    return await fs.readFile(file);
  } catch (error) {
    throw new DockerAccessError(`Cannot read TLS file ${file}: ${(error as Error).message}`, 'unreachable');
  }
}

function parseHost(endpoint: DockerEndpoint): URL {
  try {
    // "host:port" without a scheme is tcp, as for the CLI.
    return new URL(endpoint.host.includes('://') ? endpoint.host : `tcp://${endpoint.host}`);
  } catch {
    throw new DockerAccessError(`Docker host "${endpoint.host}" (context ${endpoint.name}) is not a valid address`, 'unreachable');
  }
}

/** What docker-modem accepts beyond dockerode's declared options. */
export type ModemOptions = Docker.DockerOptions & { connectionTimeout?: number; agent?: http.Agent };

/** dockerode options for an endpoint; every field set explicitly so DOCKER_* variables cannot leak in. */
function sshTargetOfUrl(url: URL): SshTarget {
  // The user goes to ssh only when the URL names one, so ~/.ssh/config's `User` applies otherwise.
  const user = url.username === '' ? undefined : decodeURIComponent(url.username);
  return { host: url.hostname, port: url.port === '' ? undefined : Number(url.port), user };
}

/** The ssh destination of an ssh:// endpoint; undefined for any other kind. */
export function sshTargetOf(endpoint: DockerEndpoint): SshTarget | undefined {
  const url = parseHost(endpoint);
  return url.protocol === 'ssh:' ? sshTargetOfUrl(url) : undefined;
}

export async function dockerOptions(endpoint: DockerEndpoint): Promise<ModemOptions> {
  const url = parseHost(endpoint);
  const base: ModemOptions = { version: API_VERSION, host: undefined, port: undefined, socketPath: undefined };
  switch (url.protocol) {
    case 'unix:':
    case 'npipe:':
      return { ...base, socketPath: decodeURIComponent(url.pathname) || '/var/run/docker.sock' };
    case 'ssh:': {
      const agent = sshAgent(sshTargetOfUrl(url));
      return { ...base, protocol: 'http', host: 'docker', agent, connectionTimeout: CONNECT_TIMEOUT_MS };
    }
    case 'tcp:':
    case 'http:':
    case 'https:': {
      const tls = endpoint.tls ?? (url.protocol === 'https:' ? { verify: true } : undefined);
      const port = url.port === '' ? (tls === undefined ? 2375 : 2376) : Number(url.port);
      if (tls === undefined) return { ...base, protocol: 'http', host: url.hostname, port, connectionTimeout: CONNECT_TIMEOUT_MS };
      const [ca, cert, key] = await Promise.all([readOptional(tls.ca), readOptional(tls.cert), readOptional(tls.key)]);
      const agent = new https.Agent({ ca, cert, key, rejectUnauthorized: tls.verify });
      return { ...base, protocol: 'https', host: url.hostname, port, ca, cert, key, agent, connectionTimeout: CONNECT_TIMEOUT_MS };
    }
    default:
      throw new DockerAccessError(`Docker host "${endpoint.host}" (context ${endpoint.name}) uses an unsupported scheme ${url.protocol}`, 'unreachable');
  }
}

export async function connect(endpoint: DockerEndpoint): Promise<Docker> {
  const options = await dockerOptions(endpoint);
  try {
    return new Docker(options);
  } catch (error) {
    // dockerode reads DOCKER_CERT_PATH itself while building defaults, and throws if it is wrong.
    throw new DockerAccessError(`Cannot set up a Docker client for ${endpoint.host}: ${(error as Error).message}`, 'unreachable');
  }
}

interface ModemError {
  code?: string;
  statusCode?: number;
  json?: { message?: string } | null;
  message?: string;
}

const UNREACHABLE_CODES = new Set(['ENOENT', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE']);

/** The engine's own words for a failed request, without dockerode's "(HTTP code 404) ..." wrapping. */
export function engineMessage(error: unknown): string {
  const e = error as ModemError;
  if (typeof e?.json?.message === 'string') return e.json.message;
  const text = typeof e?.message === 'string' ? e.message : String(error);
  const m = /^\(HTTP code \d+\) [^-]*- (.*?)\s*$/.exec(text);
  return m !== null && m[1] !== '' ? m[1] : text;
}

/** One sentence for a failed request to `endpoint`: whether Docker is there at all, and what failed. */
export function describeDockerError(error: unknown, endpoint: DockerEndpoint): DockerAccessError {
  if (error instanceof DockerAccessError) return error;
  const e = error as ModemError;
  const code = typeof e?.code === 'string' ? e.code : undefined;
  if (code === 'EACCES' || code === 'EPERM') {
    return new DockerAccessError(`Permission denied connecting to Docker at ${endpoint.host}: your user may not use that socket (join the "docker" group, or pick another context)`, 'permission');
  }
  if (code === SSH_ERROR_CODE) return new DockerAccessError(`Cannot reach Docker at ${endpoint.host}: ${e.message ?? 'ssh failed'}`, 'unreachable');
  if (code === 'ECONNRESET' && endpoint.tls !== undefined && e?.statusCode === undefined) {
    // A TLS daemon that dislikes the client certificate just drops the connection.
    return new DockerAccessError(`Docker at ${endpoint.host} closed the TLS connection: is it running, and does it accept the client certificate ${endpoint.tls.cert ?? '(none given)'}?`, 'unreachable');
  }
  if ((code !== undefined && UNREACHABLE_CODES.has(code)) || /socket hang up|connect|timed? ?out/i.test(e?.message ?? '')) {
    if (e?.statusCode === undefined) return new DockerAccessError(`Cannot connect to Docker at ${endpoint.host}: is it running? (${code ?? e?.message ?? 'no answer'})`, 'unreachable');
  }
  if (code !== undefined && (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || code.startsWith('ERR_OSSL') || code.includes('CERT'))) {
    return new DockerAccessError(`TLS failed talking to Docker at ${endpoint.host}: ${e.message ?? code}`, 'unreachable');
  }
  if (e?.statusCode === 404) return new DockerAccessError(engineMessage(error), 'notFound');
  if (e?.statusCode !== undefined) return new DockerAccessError(`Docker at ${endpoint.host} refused the request: ${engineMessage(error)}`, 'engine');
  return new DockerAccessError(`Docker at ${endpoint.host}: ${errorMessage(error)}`, 'engine');
}
