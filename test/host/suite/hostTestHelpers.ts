// What the extension-host suites share: the extension's API, polling for a state the UI reaches
// asynchronously, and screenshots taken by the test runner (scripts/run-vscode-tests.js).

import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SalvageApi } from '../../../src/extension/extension';

export async function salvageApi(): Promise<SalvageApi> {
  const extension = vscode.extensions.getExtension<SalvageApi>('salvage.salvage');
  assert.ok(extension, 'the extension is installed in the host');
  return extension.activate();
}

/** Polls `probe` until it yields a value. */
export async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** Asks the test runner for a picture of the workbench as it is now (test-artifacts/<name>.png). */
export async function screenshot(name: string): Promise<void> {
  await new Promise((r) => setTimeout(r, 1500)); // let the workbench render what the test just did
  console.log(`[screenshot] ${name}`);
  await new Promise((r) => setTimeout(r, 1000));
}

/** Debugs crash `crashId` from the Crashes view and returns its session once the adapter has stopped. */
export async function debugCrashUntilStopped(crashId: string): Promise<vscode.DebugSession> {
  const ours = (s: vscode.DebugSession) => s.configuration.name === `Crash ${crashId}`;
  const stopped = new Promise<void>((resolve) => {
    const tracker = vscode.debug.registerDebugAdapterTrackerFactory('salvage', {
      createDebugAdapterTracker: (s) =>
        !ours(s)
          ? undefined
          : {
              onDidSendMessage: (m: { type: string; event?: string }) => {
                if (m.type === 'event' && m.event === 'stopped') {
                  tracker.dispose();
                  resolve();
                }
              },
            },
    });
  });
  await vscode.commands.executeCommand('salvage.crashes.debug', crashId);
  await stopped;
  // The workbench focuses the stopped session a moment after the adapter said so.
  return until('the crash session to be the active one', () => {
    const session = vscode.debug.activeDebugSession;
    return session !== undefined && ours(session) ? session : undefined;
  });
}
