// The Docker part of the Dumps view: endpoint → compose project → container → dumps. Items wrap the
// catalog's data; labels come from dockerPresentation.ts. An endpoint that cannot be reached shows
// why as a node; a container's dumps are expanded so a crash is one glance away.

import * as vscode from 'vscode';
import type { ContainerDump } from '../../sources/docker/containerDumps';
import type { ExploredContainer } from '../../sources/docker/dockerExplorer';
import { formatDockerUri } from '../../sources/dumpUri';
import { KIND_ICONS } from '../dumps/dumpPresentation';
import type { DockerCatalog, EndpointState } from './dockerCatalog';
import {
  containerDescription,
  containerDumpDescription,
  containerDumpTooltipLines,
  containerIcon,
  containerTooltipLines,
  dumpLabel,
  groupContainers,
  type IconSpec,
} from './dockerPresentation';

export type DockerNode =
  | { type: 'endpoint'; state: EndpointState }
  | { type: 'project'; state: EndpointState; project: string; containers: ExploredContainer[] }
  | { type: 'container'; state: EndpointState; explored: ExploredContainer }
  | { type: 'dump'; state: EndpointState; explored: ExploredContainer; dump: ContainerDump }
  | { type: 'message'; text: string; error: boolean };

/** The docker:// URI of a dump as the Copy command and the debug session use it. */
export function dumpUri(node: Extract<DockerNode, { type: 'dump' }>): string {
  const { endpoint } = node.state;
  return formatDockerUri({ container: node.explored.container.name, path: node.dump.path, context: endpoint.current ? undefined : endpoint.name });
}

function icon(spec: IconSpec): vscode.ThemeIcon {
  return new vscode.ThemeIcon(spec.id, spec.color === undefined ? undefined : new vscode.ThemeColor(spec.color));
}

function markdown(lines: string[]): vscode.MarkdownString {
  return new vscode.MarkdownString(lines.join('\n'));
}

export class DockerTreeSection {
  readonly onDidChange: vscode.Event<void>;

  constructor(private readonly catalog: DockerCatalog) {
    this.onDidChange = catalog.onDidChange;
  }

  roots(): DockerNode[] {
    return this.catalog.current.map((state) => ({ type: 'endpoint', state }));
  }

  children(node: DockerNode): DockerNode[] {
    switch (node.type) {
      case 'endpoint': {
        const { state } = node;
        if (state.error !== undefined) return [{ type: 'message', text: state.error, error: true }];
        const groups = groupContainers(state.containers);
        const nodes: DockerNode[] = [
          ...groups.projects.map(({ project, containers }): DockerNode => ({ type: 'project', state, project, containers })),
          ...groups.loose.map((explored): DockerNode => ({ type: 'container', state, explored })),
        ];
        if (nodes.length > 0) return nodes;
        return [{ type: 'message', text: state.exploring === undefined ? 'No dumps found in any container' : 'Looking for dumps…', error: false }];
      }
      case 'project':
        return node.containers.map((explored) => ({ type: 'container', state: node.state, explored }));
      case 'container': {
        const { explored, state } = node;
        const notes: DockerNode[] = explored.error === undefined ? [] : [{ type: 'message', text: explored.error, error: true }];
        if (explored.dumps.length === 0 && explored.error === undefined) notes.push({ type: 'message', text: 'No dumps found', error: false });
        return [...explored.dumps.map((dump): DockerNode => ({ type: 'dump', state, explored, dump })), ...notes];
      }
      default:
        return [];
    }
  }

  item(node: DockerNode): vscode.TreeItem {
    switch (node.type) {
      case 'endpoint':
        return this.endpointItem(node.state);
      case 'project': {
        const item = new vscode.TreeItem(node.project, vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = new vscode.ThemeIcon('layers');
        item.description = 'compose project';
        item.contextValue = 'dockerProject';
        return item;
      }
      case 'container':
        return this.containerItem(node.explored);
      case 'dump':
        return this.dumpItem(node);
      case 'message': {
        const item = new vscode.TreeItem(node.text);
        item.iconPath = new vscode.ThemeIcon(node.error ? 'error' : 'info');
        item.tooltip = node.text;
        return item;
      }
    }
  }

  private endpointItem(state: EndpointState): vscode.TreeItem {
    const item = new vscode.TreeItem(`Docker: ${state.endpoint.name}`, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `docker:${state.endpoint.host}`;
    item.iconPath = new vscode.ThemeIcon(state.error === undefined ? 'server-environment' : 'debug-disconnect');
    const withDumps = state.containers.filter((c) => c.dumps.length > 0).length;
    const counts = state.exploring === undefined ? `${withDumps} of ${state.containers.length} containers with dumps` : `looking for dumps: ${state.exploring.done} of ${state.exploring.total} containers`;
    item.description = state.error === undefined ? `${state.endpoint.host} · ${counts}` : state.endpoint.host;
    item.tooltip = `${state.endpoint.host}${state.endpoint.current ? ' (the current Docker context)' : ` (context ${state.endpoint.name})`}`;
    item.contextValue = 'dockerEndpoint';
    return item;
  }

  private containerItem(explored: ExploredContainer): vscode.TreeItem {
    const c = explored.container;
    const item = new vscode.TreeItem(c.name, explored.dumps.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `container:${c.id}`;
    item.iconPath = icon(containerIcon(c));
    item.description = containerDescription(c, Date.now());
    item.tooltip = markdown(containerTooltipLines(explored));
    item.contextValue = `container.${c.state}`;
    return item;
  }

  private dumpItem(node: Extract<DockerNode, { type: 'dump' }>): vscode.TreeItem {
    const { dump, explored } = node;
    const uri = dumpUri(node);
    const downloaded = this.catalog.downloadedCopy(explored.container.id, dump.path);
    const item = new vscode.TreeItem(dumpLabel(dump));
    item.id = `container:${explored.container.id}:${dump.path}`;
    item.iconPath = new vscode.ThemeIcon(KIND_ICONS[dump.kind]);
    item.description = containerDumpDescription(dump, Date.now());
    item.tooltip = markdown(containerDumpTooltipLines(dump, uri, downloaded));
    item.contextValue = `containerDump.${dump.kind}${downloaded === undefined ? '' : '.downloaded'}`;
    item.command = { command: 'salvage.docker.open', title: 'Open', arguments: [node] };
    return item;
  }
}
