// Collect Crashes from Docker in a real VS Code host, against the real engine and the containers
// runTest.ts crashed: their dumps land in an empty store, each death becomes a crash of the Crashes
// view, and the report container's crash opens as a session whose Container log scope holds what
// the container printed. Oracles: docker-oracle.json (names, exit codes, the error line Node printed).

import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ViewItem } from '../../../src/extension/docker/treeSnapshot';
import type { DockerHostOracle } from '../../support/dockerHost';
import { debugCrashUntilStopped, salvageApi, screenshot, until } from './hostTestHelpers';

function oracle(): DockerHostOracle {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is open');
  return JSON.parse(fs.readFileSync(path.join(folder.uri.fsPath, 'docker-oracle.json'), 'utf8')) as DockerHostOracle;
}

/** The crash items of a container, under whatever signature they are. */
function crashesOf(items: ViewItem[], container: string): ViewItem[] {
  return items.flatMap((s) => s.children).filter((c) => c.contextValue === 'crash.crash' && c.label.endsWith(` · ${container}`));
}

suite('Crashes view: Collect Crashes from Docker (real engine)', () => {
  const settings = () => vscode.workspace.getConfiguration('salvage');
  let previousStore: string | undefined;
  let store = '';

  suiteSetup(async () => {
    previousStore = settings().inspect<string>('dumpStore')?.globalValue;
    store = fs.mkdtempSync(path.join(os.tmpdir(), 'salvage-host-collect-'));
    await settings().update('dumpStore', store, vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(async () => {
    await settings().update('dumpStore', previousStore, vscode.ConfigurationTarget.Global);
    fs.rmSync(store, { recursive: true, force: true });
  });

  test("the crashed containers' deaths become crashes; the report's crash debugs with the container's log as a scope", async function () {
    this.timeout(180_000);
    const o = oracle();
    const api = await salvageApi();
    await vscode.commands.executeCommand('salvage.crashes.focus');
    await vscode.commands.executeCommand('salvage.crashes.collectDocker');
    const items = await until('both containers in the Crashes view', async () => {
      const all = await api.crashesViewItems();
      return crashesOf(all, o.core.name).length > 0 && crashesOf(all, o.report.name).length > 0 ? all : undefined;
    });
    const [reportCrash] = crashesOf(items, o.report.name);
    // Its report and snapshot, and the container's record of the death, with the exit code docker reported.
    assert.match(reportCrash.description ?? '', new RegExp(`report \\+ heapsnapshot|heapsnapshot \\+ report`), reportCrash.description);
    assert.ok(reportCrash.description?.includes(`exit ${o.report.exitCode}`), reportCrash.description);
    assert.ok(
      reportCrash.children.some((c) => c.contextValue === 'crash.death'),
      reportCrash.children.map((c) => c.label).join('\n'),
    );
    await api.expandCrashes();
    await screenshot('salvage-crashes-collected');

    const crashId = reportCrash.id?.replace(/^crash:/, '') ?? '';
    const session = await debugCrashUntilStopped(crashId);
    const threads = (await session.customRequest('threads')) as { threads: Array<{ id: number }> };
    const trace = (await session.customRequest('stackTrace', { threadId: threads.threads[0].id })) as { stackFrames: Array<{ id: number }> };
    const scopes = (await session.customRequest('scopes', { frameId: trace.stackFrames[0].id })) as { scopes: Array<{ name: string; variablesReference: number }> };
    const log = scopes.scopes.find((s) => s.name.startsWith(`Container log: ${o.report.name} (last `));
    assert.ok(log !== undefined, scopes.scopes.map((s) => s.name).join(', '));
    const lines = (await session.customRequest('variables', { variablesReference: log.variablesReference })) as { variables: Array<{ value: string }> };
    assert.ok(
      lines.variables.some((v) => v.value === o.report.errorLine),
      lines.variables.map((v) => v.value).join('\n'),
    );
    await vscode.commands.executeCommand('workbench.view.debug');
    await screenshot('salvage-crash-container-log');
    await vscode.debug.stopDebugging(session);
  });
});
