// Wires the Docker part of the Dumps view: its catalog, its one refresh owner, the tree section the
// Dumps view shows, and the commands on containers' dumps. extension.ts passes in what it needs.

import * as vscode from 'vscode';
import { exitStatus } from '../../sources/docker/exitStatus';
import { DockerCatalog } from './dockerCatalog';
import { registerDockerCommands } from './dockerCommands';
import { type DockerRefreshReason, DockerRefreshManager } from './dockerRefresh';
import { containerDumpPaths, dumpStoreDir } from './dockerSettings';
import { DockerTreeSection, dumpUri } from './dockerTreeSection';

/** A container as the view lists it (for the API and the extension-host tests). */
export interface ListedContainer {
  endpoint: string;
  name: string;
  state: string;
  status: string;
  dumps: Array<{ path: string; kind: string; uri: string }>;
}

export interface DockerView {
  section: DockerTreeSection;
  storeDir(): string;
  refresh(reason: DockerRefreshReason): Promise<void>;
  /** The first listing, once the view is seen (or the API asks); later calls return the latest refresh. */
  start(): Promise<void>;
  /** Containers listed, after any refresh in progress; endpoint errors as `error:` entries. */
  listContainerDumps(): Promise<ListedContainer[]>;
  disposables: vscode.Disposable[];
}

export function createDockerView(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, open: (uri: string, storeDir: string) => Thenable<boolean> | Promise<boolean>): DockerView {
  const storeDir = () => dumpStoreDir(context);
  const catalog = new DockerCatalog(() => ({ dumpPaths: containerDumpPaths(), storeDir: storeDir() }));
  const refresher = new DockerRefreshManager(catalog, log);
  const section = new DockerTreeSection(catalog);
  let pending: Promise<void> | undefined;
  const start = () => (pending ??= refresher.refresh('activation'));
  const listContainerDumps = async (): Promise<ListedContainer[]> => {
    await start();
    return catalog.current.flatMap((state) =>
      state.containers.map((explored) => ({
        endpoint: state.endpoint.host,
        name: explored.container.name,
        state: explored.container.state,
        status: exitStatus(explored.container).text,
        dumps: explored.dumps.map((dump) => ({ path: dump.path, kind: dump.kind, uri: dumpUri({ type: 'dump', state, explored, dump }) })),
      })),
    );
  };
  return {
    section,
    storeDir,
    refresh: (reason) => (pending = refresher.refresh(reason)),
    start,
    listContainerDumps,
    disposables: [catalog, refresher, ...registerDockerCommands(catalog, (uri) => open(uri, storeDir()))],
  };
}
