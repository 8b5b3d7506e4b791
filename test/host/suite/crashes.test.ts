// The Crashes view and a crash's one debug session, in a real VS Code, on a store of real deaths of
// the crash-catalog service (made by runTest.ts). Oracles: the deaths runTest.ts caused (pids, how
// many of each bug) and the stack Node printed for each bug.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { ViewItem } from '../../../src/extension/docker/treeSnapshot';
import { CLI } from '../../support/repoPaths';
import type { HostOracle } from '../runTest';
import { debugCrashUntilStopped, salvageApi, screenshot, until } from './hostTestHelpers';

function oracle(): HostOracle['crashStore'] {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test workspace is open');
  return (JSON.parse(fs.readFileSync(path.join(folder.uri.fsPath, 'oracle.json'), 'utf8')) as HostOracle).crashStore;
}

/** A signature's item: its count, then what broke at its first frame (the whole signature is in the CLI tests). */
function signatureItem(items: ViewItem[], frames: string[]): ViewItem | undefined {
  return items.find((i) => i.contextValue === 'crash.signature' && i.label.endsWith(` at ${frames[0]}`));
}

suite('Crashes view in a real VS Code host', () => {
  const settings = () => vscode.workspace.getConfiguration('salvage');
  let previousStore: string | undefined;

  suiteSetup(async () => {
    previousStore = settings().inspect<string>('dumpStore')?.globalValue;
    await settings().update('dumpStore', oracle().dir, vscode.ConfigurationTarget.Global);
  });

  suiteTeardown(() => settings().update('dumpStore', previousStore, vscode.ConfigurationTarget.Global));

  async function viewItems(): Promise<ViewItem[]> {
    const api = await salvageApi();
    return until('both signatures in the Crashes view', async () => {
      const items = await api.crashesViewItems();
      return items.filter((i) => i.contextValue === 'crash.signature').length >= 2 ? items : undefined;
    });
  }

  test('signature → crashes → dumps, counted as the deaths were caused', async () => {
    const o = oracle();
    await vscode.commands.executeCommand('salvage.crashes.focus');
    const items = await viewItems();
    const price = signatureItem(items, o.frames.price);
    const quota = signatureItem(items, o.frames.quota);
    assert.ok(price && quota, items.map((i) => i.label).join('\n'));
    assert.strictEqual(price.label, `3× TypeError at ${o.frames.price[0]}`);
    assert.strictEqual(quota.label, `1× RangeError at ${o.frames.quota[0]}`);
    assert.match(price.description ?? '', /^[▁-█]{12} {2}\S/);
    const pids = price.children.map((c) => /pid (\d+)/.exec(c.description ?? '')?.[1]).sort();
    assert.deepStrictEqual(pids, [...o.reportPids.price, o.corePid].map(String).sort());
    const coreCrash = price.children.find((c) => c.description?.includes(`pid ${o.corePid}`));
    assert.deepStrictEqual(
      coreCrash?.children.map((d) => [d.label.replace(/^Heap\..*\.heapsnapshot$/, 'Heap….heapsnapshot'), d.contextValue]),
      [
        ['core', 'crash.dump'],
        ['Heap….heapsnapshot', 'crash.dump'],
      ],
    );
    await (await salvageApi()).expandCrashes();
    await screenshot('salvage-crashes-view');
  });

  test('a tag written from another process (the CLI) shows as a badge after Refresh', async () => {
    const o = oracle();
    const price = signatureItem(await viewItems(), o.frames.price);
    const signatureId = price?.id?.replace(/^signature:/, '') ?? '';
    // The extension host's own Node runs the CLI: it has node:sqlite when the host has it.
    const run = spawnSync(process.execPath, [CLI, 'tag', signatureId, 'pricing', '--store', o.dir], { encoding: 'utf8' });
    assert.strictEqual(run.status, 0, run.stderr);
    await vscode.commands.executeCommand('salvage.crashes.refresh');
    const after = signatureItem(await viewItems(), o.frames.price);
    assert.ok(after?.description?.endsWith('#pricing'), after?.description);
  });

  test('Debug Crash opens the core and the heap snapshot of one death in one session', async function () {
    this.timeout(120_000);
    const o = oracle();
    const price = signatureItem(await viewItems(), o.frames.price);
    const coreCrash = price?.children.find((c) => c.description?.includes(`pid ${o.corePid}`));
    const crashId = coreCrash?.id?.replace(/^crash:/, '') ?? '';
    const session = await debugCrashUntilStopped(crashId);
    const threads = (await session.customRequest('threads')) as { threads: Array<{ id: number }> };
    assert.ok(threads.threads.length > 1, 'the core leads: all its threads');
    const trace = (await session.customRequest('stackTrace', { threadId: threads.threads[0].id })) as { stackFrames: Array<{ id: number; name: string }> };
    assert.ok(
      trace.stackFrames.some((f) => f.name.startsWith('unitPrice')),
      trace.stackFrames.map((f) => f.name).join('\n'),
    );
    const scopes = (await session.customRequest('scopes', { frameId: trace.stackFrames[0].id })) as { scopes: Array<{ name: string }> };
    assert.ok(
      scopes.scopes.some((s) => /^V8 heap snapshot: Heap\..*\.heapsnapshot$/.test(s.name)),
      scopes.scopes.map((s) => s.name).join(', '),
    );
    await vscode.commands.executeCommand('workbench.view.debug');
    await screenshot('salvage-crash-session');
    await vscode.debug.stopDebugging(session);
  });
});
