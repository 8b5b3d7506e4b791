// `salvage index [--docker [--context NAME] [--project NAME]] [--rebuild] [--json] [--store DIR]`: brings the store's
// crash catalog up to date with its files (what every crash verb does first), or, with --rebuild,
// remakes it from them — tags and notes are kept. With --docker, the engine's crashes are collected
// into the store first: every container's dumps, its deaths (an OOM kill leaves no dump) and its logs.

import { CrashCatalog } from '../../catalog/crashCatalog';
import type { CollectSummary } from '../../sources/docker/dockerCollection';
import { parseArgs, UsageError } from '../args';
import type { Output } from '../output';
import { storeDirArg, terminalProgress, updateCatalog } from '../storeCatalog';

const USAGE = 'usage: salvage index [--docker [--context NAME] [--project NAME]] [--rebuild] [--json] [--store DIR]';

/** Collects the engine's crashes into the store, with progress on a terminal's stderr. */
async function collect(storeDir: string, context: string | undefined, project: string | undefined): Promise<CollectSummary> {
  const { collectFromDocker } = await import('../../sources/docker/dockerCollection');
  return collectFromDocker(storeDir, { context, project, onProgress: terminalProgress('collecting from Docker', ' containers') });
}

export async function indexCommand(argv: string[], out: Output): Promise<number> {
  const args = parseArgs(argv, { flags: ['rebuild', 'json', 'docker'], options: ['store', 'context', 'project'] });
  if (args.positionals.length !== 0) throw new UsageError(USAGE);
  const context = args.options.get('context')?.at(-1);
  const project = args.options.get('project')?.at(-1);
  if ((context !== undefined || project !== undefined) && !args.flags.has('docker')) throw new UsageError(`--context and --project say what --docker collects\n${USAGE}`);
  const storeDir = storeDirArg(args);
  const catalog = CrashCatalog.open(storeDir);
  try {
    const docker = args.flags.has('docker') ? await collect(storeDir, context, project) : undefined;
    if (docker !== undefined && !args.flags.has('json')) {
      out.line(`${docker.endpoint}: ${docker.containers} containers, ${docker.copied} dumps copied (${docker.reused} already in the store), ${docker.deaths} deaths and ${docker.logs} logs recorded`);
      for (const e of docker.errors) out.line(`  not collected: ${e}`);
    }
    const summary = await updateCatalog(catalog, storeDir, args.flags.has('rebuild'));
    const crashes = catalog.contents().crashes.length;
    if (args.flags.has('json')) out.json({ store: storeDir, catalog: catalog.file, ...summary, crashes, docker: docker ?? null });
    else out.line(`${catalog.file}: ${summary.indexed} dumps indexed (${summary.unreadable} unreadable), ${summary.unchanged} unchanged, ${summary.removed} gone; ${crashes} crashes, in ${summary.elapsedMs} ms`);
    return 0;
  } finally {
    catalog.close();
  }
}
