// Which Docker Engines the user reaches, decided the way the Docker CLI decides it (docker/cli
// cli/command/cli.go resolveContextName, cli/context/store): `DOCKER_HOST` (with DOCKER_TLS_VERIFY
// and DOCKER_CERT_PATH) is the "default" context and wins; else DOCKER_CONTEXT; else the
// config.json `currentContext`; else "default" on the platform socket. Every context stored under
// the Docker config folder (contexts/meta/<sha256(name)>/meta.json) is an endpoint too.

import { createHash } from 'crypto';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { errorMessage } from '../../engine/errorMessage';

export interface TlsFiles {
  /** Verify the daemon's certificate (DOCKER_TLS_VERIFY, or a context without SkipTLSVerify). */
  verify: boolean;
  ca?: string;
  cert?: string;
  key?: string;
}

export interface DockerEndpoint {
  /** Context name as `docker context ls` shows it; "default" for DOCKER_HOST or the platform socket. */
  name: string;
  /** unix:///var/run/docker.sock, tcp://host:2376, ssh://user@host, npipe:////./pipe/docker_engine */
  host: string;
  /** The endpoint the Docker CLI would use right now. */
  current: boolean;
  /** True when the user chose it (DOCKER_HOST, a context): a failure to reach it is worth showing. */
  explicit: boolean;
  tls?: TlsFiles;
}

export interface EndpointEnvironment {
  env: NodeJS.ProcessEnv;
  homedir: string;
}

export const DEFAULT_CONTEXT = 'default';
const DEFAULT_UNIX_HOST = 'unix:///var/run/docker.sock';
const DEFAULT_WINDOWS_HOST = 'npipe:////./pipe/docker_engine';

export function processEnvironment(): EndpointEnvironment {
  return { env: process.env, homedir: os.homedir() };
}

/** The Docker CLI's config folder: $DOCKER_CONFIG, else ~/.docker. */
export function dockerConfigDir({ env, homedir }: EndpointEnvironment): string {
  return env.DOCKER_CONFIG !== undefined && env.DOCKER_CONFIG !== '' ? env.DOCKER_CONFIG : path.join(homedir, '.docker');
}

/** The folder name the CLI stores a context under: the hex SHA-256 of its name. */
export function contextDirName(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

async function readJson(file: string): Promise<unknown> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`${file}: ${errorMessage(error)}`);
  }
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

/** Name of the context the CLI would use (the same precedence as `docker` itself). */
export async function currentContextName(environment: EndpointEnvironment): Promise<string> {
  const { env } = environment;
  if (env.DOCKER_HOST !== undefined && env.DOCKER_HOST !== '') return DEFAULT_CONTEXT;
  if (env.DOCKER_CONTEXT !== undefined && env.DOCKER_CONTEXT !== '') return env.DOCKER_CONTEXT;
  const config = await readJson(path.join(dockerConfigDir(environment), 'config.json'));
  const current = field(config, 'currentContext');
  return typeof current === 'string' && current !== '' ? current : DEFAULT_CONTEXT;
}

function defaultEndpoint(environment: EndpointEnvironment, current: boolean): DockerEndpoint {
  const { env } = environment;
  const fromEnv = env.DOCKER_HOST !== undefined && env.DOCKER_HOST !== '';
  const host = fromEnv ? (env.DOCKER_HOST as string) : process.platform === 'win32' ? DEFAULT_WINDOWS_HOST : DEFAULT_UNIX_HOST;
  const endpoint: DockerEndpoint = { name: DEFAULT_CONTEXT, host, current, explicit: fromEnv };
  // Like the CLI: any non-empty DOCKER_TLS_VERIFY turns verification on; certificates default to the config folder.
  if (env.DOCKER_TLS_VERIFY !== undefined && env.DOCKER_TLS_VERIFY !== '') {
    const certs = env.DOCKER_CERT_PATH !== undefined && env.DOCKER_CERT_PATH !== '' ? env.DOCKER_CERT_PATH : dockerConfigDir(environment);
    endpoint.tls = { verify: true, ca: path.join(certs, 'ca.pem'), cert: path.join(certs, 'cert.pem'), key: path.join(certs, 'key.pem') };
  }
  return endpoint;
}

/** One stored context, or undefined when its meta.json has no docker endpoint. */
async function readContext(environment: EndpointEnvironment, dirName: string, current: string): Promise<DockerEndpoint | undefined> {
  const root = dockerConfigDir(environment);
  const meta = await readJson(path.join(root, 'contexts', 'meta', dirName, 'meta.json'));
  const name = field(meta, 'Name');
  const docker = field(field(meta, 'Endpoints'), 'docker');
  const host = field(docker, 'Host');
  if (typeof name !== 'string' || typeof host !== 'string' || host === '') return undefined;
  const endpoint: DockerEndpoint = { name, host, current: name === current, explicit: true };
  const tlsDir = path.join(root, 'contexts', 'tls', dirName, 'docker');
  const [ca, cert, key] = await Promise.all(['ca.pem', 'cert.pem', 'key.pem'].map(async (f) => ((await exists(path.join(tlsDir, f))) ? path.join(tlsDir, f) : undefined)));
  const skipVerify = field(docker, 'SkipTLSVerify') === true;
  if (ca !== undefined || cert !== undefined || skipVerify) endpoint.tls = { verify: !skipVerify, ca, cert, key };
  return endpoint;
}

/** The endpoint of one context by name ("default" included); throws when no such context exists. */
export async function endpointForContext(name: string, environment: EndpointEnvironment = processEnvironment()): Promise<DockerEndpoint> {
  const current = await currentContextName(environment);
  if (name === DEFAULT_CONTEXT) return defaultEndpoint(environment, current === DEFAULT_CONTEXT);
  const endpoint = await readContext(environment, contextDirName(name), current);
  if (endpoint === undefined) throw new Error(`Docker context "${name}" not found in ${path.join(dockerConfigDir(environment), 'contexts')}`);
  return endpoint;
}

/** The endpoint the Docker CLI would talk to now. */
export async function currentEndpoint(environment: EndpointEnvironment = processEnvironment()): Promise<DockerEndpoint> {
  return endpointForContext(await currentContextName(environment), environment);
}

/**
 * Every endpoint: "default" first, then each stored context by name — what `docker context ls`
 * lists. Contexts that point at the same host as an earlier one are folded into it.
 */
export async function listEndpoints(environment: EndpointEnvironment = processEnvironment()): Promise<DockerEndpoint[]> {
  const current = await currentContextName(environment);
  const metaDir = path.join(dockerConfigDir(environment), 'contexts', 'meta');
  const dirs = await fs.readdir(metaDir).catch(() => [] as string[]);
  const stored = (await Promise.all(dirs.map((d) => readContext(environment, d, current)))).filter((e): e is DockerEndpoint => e !== undefined);
  stored.sort((a, b) => a.name.localeCompare(b.name));
  const all = [defaultEndpoint(environment, current === DEFAULT_CONTEXT), ...stored];
  const byHost = new Map<string, DockerEndpoint>();
  for (const endpoint of all) {
    const seen = byHost.get(endpoint.host);
    if (seen === undefined) byHost.set(endpoint.host, endpoint);
    else if (endpoint.current) byHost.set(endpoint.host, { ...endpoint, explicit: true });
  }
  return [...byHost.values()];
}

/** The endpoints a setting names: the current one, every one, or these contexts by name. */
export function endpointsFor(docker: 'current' | 'all' | string[], environment: EndpointEnvironment = processEnvironment()): Promise<DockerEndpoint[]> {
  if (docker === 'all') return listEndpoints(environment);
  if (Array.isArray(docker)) return Promise.all(docker.map((c) => endpointForContext(c, environment)));
  return currentEndpoint(environment).then((e) => [e]);
}

/** Whether the engine runs on this machine (a unix or npipe socket), so this host's kernel is its kernel. */
export function isLocalEndpoint(endpoint: DockerEndpoint): boolean {
  return endpoint.host.startsWith('unix://') || endpoint.host.startsWith('npipe://');
}
