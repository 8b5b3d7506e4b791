// `salvage pull <container>:<path> <dest> [--context NAME] [--json]` (or a docker:// URI as the
// source): copies one dump out of a container, running or stopped, like `docker cp` but strictly —
// a regular file only, written atomically, with its sha256 and a metadata sidecar (DEST.salvage.json).
// The container is only read.

import { promises as fs } from 'fs';
import * as path from 'path';
import { formatBytes } from '../../engine/format';
import { downloadTo, resolveDockerUri } from '../../sources/docker/dockerDownload';
import { sidecarPath } from '../../sources/dumpStore';
import { containerName, containerPath, type DockerDumpUri, isDockerUri, parseDockerUri } from '../../sources/dumpUri';
import { parseArgs, UsageError } from '../args';
import { terminalProgress } from '../downloadProgress';
import type { Output } from '../output';

const USAGE = 'usage: salvage pull <container>:<path> <dest> [--context NAME] [--json]   (or: salvage pull docker://CONTAINER/path <dest>)';

/** `container:/abs/path` (docker cp's form) or a docker:// URI. */
export function parseSource(text: string, context: string | undefined): DockerDumpUri {
  if (isDockerUri(text)) {
    const uri = parseDockerUri(text);
    return context === undefined ? uri : { ...uri, context };
  }
  const colon = text.indexOf(':');
  if (colon <= 0) throw new UsageError(`"${text}" names no container: expected CONTAINER:/path/in/container\n${USAGE}`);
  return { container: containerName(text.slice(0, colon)), path: containerPath(text.slice(colon + 1)), context };
}

/** Where the file goes: into `dest` when it is a folder, else `dest` itself (whose folder must exist). */
async function destinationFile(dest: string, containerFile: string): Promise<string> {
  const stat = await fs.stat(dest).catch(() => undefined);
  if (stat?.isDirectory()) return path.join(dest, path.posix.basename(containerFile));
  const parent = await fs.stat(path.dirname(path.resolve(dest))).catch(() => undefined);
  if (parent?.isDirectory() !== true) throw new UsageError(`${path.dirname(dest)}: no such folder`);
  return dest;
}

export async function pullCommand(argv: string[], out: Output): Promise<number> {
  const args = parseArgs(argv, { flags: ['json'], options: ['context'] });
  if (args.positionals.length !== 2) throw new UsageError(USAGE);
  const [sourceText, dest] = args.positionals;
  const resolved = await resolveDockerUri(parseSource(sourceText, args.options.get('context')?.at(-1)));
  const file = await destinationFile(dest, resolved.path);
  const pulled = await downloadTo(resolved, file, { onProgress: args.flags.has('json') ? undefined : terminalProgress(`pulling ${resolved.uri}`) });
  const m = pulled.metadata;
  if (args.flags.has('json')) {
    out.json({ source: resolved.uri, destination: file, size: m.size, sha256: m.sha256, metadata: sidecarPath(file), container: m.container, pathInContainer: m.pathInContainer });
    return 0;
  }
  out.line(`${resolved.uri} → ${file}`);
  out.line(`  ${formatBytes(m.size)} (${m.size} bytes), sha256 ${m.sha256}`);
  out.line(`  metadata: ${sidecarPath(file)}`);
  return 0;
}
