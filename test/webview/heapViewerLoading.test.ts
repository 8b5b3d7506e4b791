// The heap viewer while a snapshot loads: progress with a Cancel button that reaches the host, and
// a failure shown in the editor in plain words — the real bundle in Chromium, driven by the
// messages the editor's host side sends (heapSnapshotEditor.ts).

import * as assert from 'assert';
import type { WebviewMessage } from '../../src/extension/heapViewer/protocol';
import { openHeapViewerPage, type WebviewPage } from '../support/webviewHarness';

suite('heap snapshot viewer webview: loading', () => {
  let viewer: WebviewPage;
  const received: WebviewMessage[] = [];

  suiteSetup(async () => {
    viewer = await openHeapViewerPage((message, post) => {
      received.push(message as WebviewMessage);
      if ((message as WebviewMessage).type === 'ready') void post({ type: 'progress', phase: 'Parsing nodes', fraction: 0.42 });
    });
  });

  suiteTeardown(() => viewer?.close());

  test('progress shows the phase and percentage; Cancel is sent to the host', async () => {
    await viewer.page.waitForSelector('text=Parsing nodes: 42 %');
    assert.strictEqual(await viewer.page.getAttribute('progress', 'value'), '0.42');
    await viewer.page.click('text=Cancel');
    // The page's message reaches this process asynchronously.
    for (let i = 0; i < 50 && !received.some((m) => m.type === 'cancel'); i++) await new Promise((r) => setTimeout(r, 20));
    assert.ok(
      received.some((m) => m.type === 'cancel'),
      JSON.stringify(received),
    );
  });

  test('a failure replaces the progress with the reason, in words, as an alert', async () => {
    await viewer.post({ type: 'failed', message: 'snap.heapsnapshot: truncated in the nodes array (at byte offset 812)' });
    const alert = await viewer.page.waitForSelector('[role="alert"]');
    assert.strictEqual(await alert.textContent(), 'This snapshot cannot be shown: snap.heapsnapshot: truncated in the nodes array (at byte offset 812)');
    assert.strictEqual(await viewer.page.$('progress'), null);
  });
});
