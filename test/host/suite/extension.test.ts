// Salvage inside a real VS Code extension host, on a real crash of the sample service. The oracle
// (oracle.json in the workspace) was written by runTest.ts from what Node itself printed.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { HostOracle } from '../runTest';
import { salvageApi, screenshot, until } from './hostTestHelpers';

function oracle(): HostOracle {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is open');
  return JSON.parse(fs.readFileSync(path.join(folder.uri.fsPath, 'oracle.json'), 'utf8')) as HostOracle;
}

suite('Salvage in a real VS Code host', () => {
  test('activates, with its view and commands', async () => {
    console.log(`VS Code ${vscode.version}, uiKind ${vscode.env.uiKind === vscode.UIKind.Web ? 'Web' : 'Desktop'}`);
    const api = await salvageApi();
    assert.strictEqual(typeof api.listDumps, 'function');
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['salvage.openDump', 'salvage.refresh', 'salvage.addDumpFolder']) assert.ok(commands.includes(id), id);
    await vscode.commands.executeCommand('salvage.dumps.focus');
  });

  test('the Dumps view lists reports by content, and a new one as soon as it is written', async () => {
    const o = oracle();
    const api = await salvageApi();
    const listed = (await api.listDumps())
      .filter((d) => d.source === 'local')
      .map((d) => `${d.kind} ${d.location}`)
      .sort();
    assert.deepStrictEqual(listed, [`report ${o.renamedReportPath}`, `report ${o.reportPath}`].sort());
    const fresh = path.join(path.dirname(o.reportPath), 'latest-crash');
    fs.copyFileSync(o.reportPath, fresh);
    await until('the watcher to list the new dump', async () => ((await api.listDumps()).some((d) => d.location === fresh) ? true : undefined));
    await vscode.commands.executeCommand('salvage.dumps.focus');
    await screenshot('salvage-dumps-view');
  });

  test('Open Dump on a real report starts a salvage session stopped at the TypeScript line', async () => {
    const o = oracle();
    // Other suites' sessions may still run: follow only the one this open starts.
    const ours = (s: vscode.DebugSession) => s.configuration.dump === o.renamedReportPath;
    const started = new Promise<vscode.DebugSession>((resolve) => {
      const listener = vscode.debug.onDidStartDebugSession((s) => {
        if (ours(s)) {
          listener.dispose();
          resolve(s);
        }
      });
    });
    const stopped = new Promise<{ description?: string }>((resolve) => {
      const tracker = vscode.debug.registerDebugAdapterTrackerFactory('salvage', {
        createDebugAdapterTracker: (s) =>
          !ours(s)
            ? undefined
            : {
                onDidSendMessage: (m: { type: string; event?: string; body?: { description?: string } }) => {
                  if (m.type === 'event' && m.event === 'stopped') {
                    tracker.dispose();
                    resolve(m.body ?? {});
                  }
                },
              },
      });
    });
    assert.strictEqual(await vscode.commands.executeCommand<boolean>('salvage.openDump', vscode.Uri.file(o.renamedReportPath)), true);
    const session = await started;
    assert.strictEqual((await stopped).description, `Uncaught ${o.errorLine}`);
    const threads = (await session.customRequest('threads')) as { threads: Array<{ id: number }> };
    const trace = (await session.customRequest('stackTrace', { threadId: threads.threads[0].id })) as {
      stackFrames: Array<{ source?: { path?: string }; line: number; column: number }>;
    };
    const top = trace.stackFrames[0];
    // In a remote host (code-server) the workbench hands paths back as vscode-remote:// URIs.
    const topPath = top.source?.path?.startsWith('vscode-remote:') ? vscode.Uri.parse(top.source.path).path : top.source?.path;
    assert.strictEqual(topPath, o.topFrame.file);
    assert.ok(topPath?.endsWith('.ts'));
    assert.strictEqual(top.line, o.topFrame.line);
    assert.strictEqual(top.column, o.topFrame.column);
    await vscode.commands.executeCommand('workbench.view.debug');
    await screenshot('salvage-report-session');
    await session.customRequest('disconnect');
  });
});
