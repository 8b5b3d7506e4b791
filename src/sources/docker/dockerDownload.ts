// Copying a dump out of a container: resolve a docker:// URI to an endpoint, a container and a
// regular file (following one symlink the way the engine resolves it), then download it atomically
// with a metadata sidecar — into the dump store (reused while the container's file is unchanged) or
// to a destination the user chose (`salvage pull`, Download…).

import { promises as fs } from 'fs';
import * as path from 'path';
import { type DockerDumpUri, formatDockerUri } from '../dumpUri';
import { type DumpMetadata, sidecarPath, storedCopy, storePathFor, writeSidecar } from '../dumpStore';
import { type DownloadOptions, downloadContainerFile } from './containerFiles';
import { type ContainerDetails, DockerClient, type PathStat } from './dockerClient';
import { DockerAccessError } from './dockerConnection';
import { currentEndpoint, type DockerEndpoint, endpointForContext, type EndpointEnvironment, processEnvironment } from './dockerEndpoints';

export interface ResolvedContainerFile {
  client: DockerClient;
  endpoint: DockerEndpoint;
  details: ContainerDetails;
  /** The regular file's path (a symlink's target when the URI named a link). */
  path: string;
  stat: PathStat;
  /** The URI as given, for messages. */
  uri: string;
}

export interface StoredDump {
  path: string;
  metadata: DumpMetadata;
  /** True when an earlier copy was still valid and nothing was downloaded. */
  reused: boolean;
}

async function statFile(client: DockerClient, details: ContainerDetails, file: string, label: string): Promise<{ path: string; stat: PathStat }> {
  const stat = await client.stat(details.id, file);
  if (stat === undefined) throw new DockerAccessError(`${label}: no such file in container ${details.name}`, 'notFound');
  if (stat.type === 'file') return { path: file, stat };
  if (stat.type === 'directory') throw new DockerAccessError(`${label}: is a directory, not a dump`, 'notFound');
  if (stat.type === 'symlink' && stat.linkTarget.startsWith('/') && stat.linkTarget !== file) {
    const target = await client.stat(details.id, stat.linkTarget);
    if (target?.type === 'file') return { path: stat.linkTarget, stat: target };
    throw new DockerAccessError(`${label}: is a symbolic link to ${stat.linkTarget}, which is not a regular file`, 'notFound');
  }
  throw new DockerAccessError(`${label}: not a regular file`, 'notFound');
}

/** The endpoint, container and file a docker:// URI names; one clear sentence when any is missing. */
/** The container `container` of `context`'s engine (the current one when undefined), inspected; `label` names it in a not-found error. */
export async function resolveContainer(container: string, context: string | undefined, label: string, environment: EndpointEnvironment = processEnvironment()): Promise<{ client: DockerClient; endpoint: DockerEndpoint; details: ContainerDetails }> {
  const endpoint = context === undefined ? await currentEndpoint(environment) : await endpointForContext(context, environment);
  const client = await DockerClient.open(endpoint);
  try {
    return { client, endpoint, details: await client.inspect(container) };
  } catch (error) {
    if (error instanceof DockerAccessError && error.reason === 'notFound') throw new DockerAccessError(`${label}: no such container "${container}" at ${endpoint.host}`, 'notFound');
    throw error;
  }
}

export async function resolveDockerUri(uri: DockerDumpUri, environment: EndpointEnvironment = processEnvironment()): Promise<ResolvedContainerFile> {
  const label = formatDockerUri(uri);
  const { client, endpoint, details } = await resolveContainer(uri.container, uri.context, label, environment);
  const file = await statFile(client, details, uri.path, label);
  return { client, endpoint, details, uri: label, ...file };
}

/** What the store records of a container beside anything copied out of it. */
export function containerFacts(details: ContainerDetails): DumpMetadata['container'] {
  return {
    id: details.id,
    name: details.name,
    image: details.image,
    imageId: details.imageId,
    labels: details.labels,
    state: details.state,
    exitCode: details.exitCode ?? null,
    oomKilled: details.oomKilled,
    finishedAt: details.finishedAtMs === undefined ? null : new Date(details.finishedAtMs).toISOString(),
    restartCount: details.restartCount,
  };
}

function metadataFor(resolved: ResolvedContainerFile, size: number, sha256: string, mtimeMs: number): Omit<DumpMetadata, 'salvageMetadata'> {
  const { details, endpoint } = resolved;
  return {
    uri: resolved.uri,
    endpoint: { context: endpoint.name, host: endpoint.host },
    container: containerFacts(details),
    pathInContainer: resolved.path,
    size,
    modifiedAt: new Date(mtimeMs).toISOString(),
    sha256,
    downloadedAt: new Date().toISOString(),
  };
}

/** Downloads the file to `destination` and writes its sidecar beside it. */
export async function downloadTo(resolved: ResolvedContainerFile, destination: string, options: DownloadOptions = {}): Promise<StoredDump> {
  await fs.mkdir(path.dirname(destination), { recursive: true });
  const ref = { client: resolved.client, container: resolved.details.id, path: resolved.path, label: resolved.uri };
  const written = await downloadContainerFile(ref, destination, options);
  try {
    const metadata = await writeSidecar(destination, metadataFor(resolved, written.size, written.sha256, written.file.mtimeMs));
    return { path: destination, metadata, reused: false };
  } catch (error) {
    // A copy without its sidecar would be mistaken for a user's own file: remove both or neither.
    await fs.rm(destination, { force: true });
    throw error;
  }
}

/** The store's copy of the file, downloading it only when there is no valid copy yet. */
export async function fetchToStore(resolved: ResolvedContainerFile, storeDir: string, options: DownloadOptions = {}): Promise<StoredDump> {
  const destination = storePathFor(storeDir, resolved.details, resolved.path);
  const stored = await storedCopy(destination);
  // Same container (ids are never reused), same path, same size and time: the same bytes.
  if (stored !== undefined && stored.container.id === resolved.details.id && stored.pathInContainer === resolved.path && stored.size === resolved.stat.size && Date.parse(stored.modifiedAt) === Math.floor(resolved.stat.mtimeMs / 1000) * 1000) {
    return { path: destination, metadata: stored, reused: true };
  }
  // The old sidecar must not outlive the bytes it describes, even for a moment.
  await fs.rm(sidecarPath(destination), { force: true });
  return downloadTo(resolved, destination, options);
}
