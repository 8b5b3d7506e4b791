// The heap snapshot viewer in a real VS Code host: Open Dump on a real snapshot opens the custom
// editor, which analyses it in a worker and reports the snapshot's own node and edge counts; a file
// named .heapsnapshot that is another kind of dump is refused saying what it is.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { salvageApi, screenshot } from './hostTestHelpers';

type LoadEvent = { file: string; overview?: { nodeCount: number; edgeCount: number }; error?: string };

/** The viewer's next load event for `file` (subscribed before the file is opened). */
function nextLoad(api: Awaited<ReturnType<typeof salvageApi>>, file: string): Promise<LoadEvent> {
  return new Promise((resolve) => {
    const listener = api.onDidLoadHeapSnapshot((event) => {
      if (event.file === file) {
        listener.dispose();
        resolve(event);
      }
    });
  });
}

suite('Salvage heap viewer in a real VS Code host', () => {
  test('Open Dump on a real snapshot shows it in the viewer, analysed in a worker', async () => {
    // Outside the workspace, so the Dumps view tests see exactly the dumps they made.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salvage-host-heap-'));
    const file = path.join(dir, 'service.heapsnapshot');
    const written = spawnSync(process.execPath, ['-e', `require('v8').writeHeapSnapshot(${JSON.stringify(file)})`]);
    assert.strictEqual(written.status, 0, String(written.stderr));
    // Oracle: the counts V8 wrote into the snapshot's header, read by Node's own JSON.parse.
    const header = (JSON.parse(fs.readFileSync(file, 'utf8')) as { snapshot: { node_count: number; edge_count: number } }).snapshot;
    const loaded = nextLoad(await salvageApi(), file);
    assert.strictEqual(await vscode.commands.executeCommand<boolean>('salvage.openDump', vscode.Uri.file(file)), true);
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(input instanceof vscode.TabInputCustom && input.viewType === 'salvage.heapSnapshot', 'the custom editor is the active tab');
    const event = await loaded;
    assert.strictEqual(event.error, undefined);
    assert.strictEqual(event.overview?.nodeCount, header.node_count);
    assert.strictEqual(event.overview?.edgeCount, header.edge_count);
    await screenshot('heap-viewer-in-vscode');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a file named .heapsnapshot that holds a diagnostic report is refused, saying what it is', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salvage-host-heap-'));
    const file = path.join(dir, 'mislabelled.heapsnapshot');
    // Oracle: Node itself wrote a diagnostic report under that name.
    const written = spawnSync(process.execPath, ['-e', `process.report.writeReport(${JSON.stringify(file)})`]);
    assert.strictEqual(written.status, 0, String(written.stderr));
    const loaded = nextLoad(await salvageApi(), file);
    await vscode.commands.executeCommand('vscode.openWith', vscode.Uri.file(file), 'salvage.heapSnapshot');
    const event = await loaded;
    assert.strictEqual(event.overview, undefined);
    assert.ok(event.error?.includes('Node.js diagnostic report, not a V8 heap snapshot'), event.error);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
