// The Docker part of the Dumps view in a real VS Code host, against a real engine with containers
// that really crashed and stopped (made by runTest.ts). Oracles: docker-oracle.json, written from
// `docker diff`, the exit codes docker reported, and what Node printed inside the containers.

import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ViewItem } from '../../../src/extension/docker/treeSnapshot';
import type { CaptureReport } from '../../../src/sources/capture/checkCrashCapture';
import type { DockerHostOracle } from '../../support/dockerHost';
import { salvageApi, screenshot, until } from './hostTestHelpers';

function oracle(): DockerHostOracle {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is open');
  return JSON.parse(fs.readFileSync(path.join(folder.uri.fsPath, 'docker-oracle.json'), 'utf8')) as DockerHostOracle;
}

function find(items: ViewItem[], label: string): ViewItem | undefined {
  for (const item of items) {
    if (item.label === label) return item;
    const inner = find(item.children, label);
    if (inner !== undefined) return inner;
  }
  return undefined;
}

suite('Docker dumps in the Dumps view (real engine)', () => {
  test('the extension host sees the engine DOCKER_HOST names', () => {
    assert.strictEqual(process.env.DOCKER_HOST, oracle().dockerHost);
  });

  test('shows the stopped containers, their exit, and their dumps by kind', async () => {
    const o = oracle();
    const api = await salvageApi();
    await vscode.commands.executeCommand('salvage.dumps.focus');
    const items = await until('the crashed containers in the view', async () => {
      const snapshot = await api.dumpsViewItems();
      return find(snapshot, o.core.name) !== undefined && find(snapshot, o.report.name) !== undefined ? snapshot : undefined;
    });
    const endpoint = items.find((i) => i.label === 'Docker: default');
    assert.ok(endpoint, items.map((i) => i.label).join(', '));
    assert.ok(endpoint.description?.startsWith(o.dockerHost), endpoint.description);
    const core = find(items, o.core.name);
    assert.ok(core, 'the core container is listed');
    assert.ok(core.description?.startsWith(`exited ${o.core.exitCode} (SIGTRAP)`), core.description);
    assert.deepStrictEqual(
      core.children.map((c) => [c.label, c.contextValue, c.icon]),
      [['core', 'dump.docker.core', 'chip']],
    );
    const project = find(items, 'salvage-host');
    assert.ok(
      project?.children.some((c) => c.label === o.report.name),
      'grouped under its compose project',
    );
    const report = find(items, o.report.name);
    const kinds = report?.children.map((c) => [c.label, c.contextValue]).sort();
    assert.deepStrictEqual(
      kinds,
      [
        [path.posix.basename(o.report.reportPath), 'dump.docker.report'],
        [path.posix.basename(o.report.snapshotPath), 'dump.docker.heapsnapshot'],
      ].sort(),
    );
  });

  test('a container that crashes while VS Code runs appears through the event stream', async () => {
    const o = oracle();
    const api = await salvageApi();
    const name = `${o.prefix}-live`;
    try {
      execFileSync('docker', ['run', '--name', name, '--network=none', 'node-mini:latest', 'node', '--report-uncaught-exception', '-e', 'null.boom()'], { env: process.env, stdio: 'ignore' });
    } catch {
      // It crashes on purpose: docker run exits with the container's status.
    }
    // The backup poll runs once a minute: within this timeout only the event stream can have done it.
    const inContainer = (d: { source: string; facts?: Record<string, unknown> }) => d.source === 'docker' && (d.facts?.container as { name?: string } | undefined)?.name === name;
    const listed = await until('the new container', async () => (await api.listDumps()).find(inContainer), 20_000);
    assert.strictEqual(listed.kind, 'report');
    assert.strictEqual(listed.location, `docker://${name}${String(listed.facts?.path)}`);
    await vscode.commands.executeCommand('salvage.dumps.focus');
    await screenshot('salvage-docker-dumps');
  });

  test('Check Crash Capture on a container says what it was started with, in a Markdown preview', async () => {
    const o = oracle();
    const report = await vscode.commands.executeCommand<CaptureReport | undefined>('salvage.checkCrashCapture', o.core.name);
    const checks = report?.containers.find((c) => c.container.name === o.core.name)?.checks ?? [];
    const says = (id: string) => checks.find((c) => c.check === id)?.says ?? '';
    // crashWithCore ran it with --ulimit core=-1 and node --abort-on-uncaught-exception, nothing else.
    assert.match(says('core-limit'), /^unlimited by `--ulimit core`/, JSON.stringify(checks));
    assert.match(says('core-on-uncaught'), /--abort-on-uncaught-exception on the command line/);
    assert.match(says('heap-snapshot'), /no --heapsnapshot-near-heap-limit/);
    const shown = await until('the report as a document', () => Promise.resolve(vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'salvage-capture')));
    assert.ok(shown.getText().includes(`## Container ${o.core.name} (`), shown.getText());
  });

  test('Open on a container report starts a salvage session on its docker:// URI', async () => {
    const o = oracle();
    const uri = `docker://${o.report.name}${o.report.reportPath}`;
    const stopped = nextStop();
    assert.strictEqual(await vscode.commands.executeCommand<boolean>('salvage.openDump', uri), true);
    assert.strictEqual((await stopped).description, `Uncaught ${o.report.errorLine}`);
    await vscode.debug.stopDebugging();
  });

  test('Open on a container heap snapshot shows it in the heap viewer, from its copy in the dump store', async () => {
    const o = oracle();
    // Oracle: the counts V8 wrote into the snapshot, read from a `docker cp` copy by Node's JSON.parse.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salvage-host-cp-'));
    execFileSync('docker', ['cp', `${o.report.name}:${o.report.snapshotPath}`, dir], { env: process.env });
    const header = (JSON.parse(fs.readFileSync(path.join(dir, path.posix.basename(o.report.snapshotPath)), 'utf8')) as { snapshot: { node_count: number; edge_count: number } }).snapshot;
    fs.rmSync(dir, { recursive: true, force: true });
    const api = await salvageApi();
    const loaded: Array<{ file: string; overview?: { nodeCount: number; edgeCount: number }; error?: string }> = [];
    const listener = api.onDidLoadHeapSnapshot((event) => loaded.push(event));
    try {
      assert.strictEqual(await vscode.commands.executeCommand<boolean>('salvage.openDump', `docker://${o.report.name}${o.report.snapshotPath}`), true);
      const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
      assert.ok(input instanceof vscode.TabInputCustom && input.viewType === 'salvage.heapSnapshot', 'the heap viewer is the active tab');
      assert.strictEqual(path.basename(input.uri.fsPath), path.posix.basename(o.report.snapshotPath));
      assert.ok(fs.existsSync(`${input.uri.fsPath}.salvage.json`), 'the store copy has its metadata sidecar');
      const event = await until('the snapshot loaded in the viewer', () => loaded.find((e) => e.file === input.uri.fsPath), 60_000);
      assert.strictEqual(event.error, undefined);
      assert.deepStrictEqual([event.overview?.nodeCount, event.overview?.edgeCount], [header.node_count, header.edge_count]);
    } finally {
      listener.dispose();
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });

  test('Open on a container core starts a session stopped on the exception Node printed before aborting', async () => {
    const o = oracle();
    const stopped = nextStop();
    assert.strictEqual(await vscode.commands.executeCommand<boolean>('salvage.openDump', `docker://${o.core.name}/work/core`), true);
    // Exit status 128 + n means signal n: 133 is SIGTRAP, what V8's abort raises on x64.
    assert.strictEqual(o.core.exitCode, 128 + 5);
    // The core holds the thrown value: the stop names it as Node did, not just the signal.
    assert.match(o.core.uncaughtLine, /^Uncaught /);
    assert.strictEqual((await stopped).description, o.core.uncaughtLine);
    await vscode.debug.stopDebugging();
  });
});

/** The next `stopped` event any salvage session sends. */
function nextStop(): Promise<{ description?: string }> {
  return new Promise((resolve) => {
    const tracker = vscode.debug.registerDebugAdapterTrackerFactory('salvage', {
      createDebugAdapterTracker: () => ({
        onDidSendMessage: (m: { type: string; event?: string; body?: { description?: string } }) => {
          if (m.type === 'event' && m.event === 'stopped') {
            tracker.dispose();
            resolve(m.body ?? {});
          }
        },
      }),
    });
  });
}
