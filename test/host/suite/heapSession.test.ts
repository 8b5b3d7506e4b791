// Issue 3's acceptance in a real VS Code host: a 600 MB+ real heap snapshot (v8.writeHeapSnapshot of
// the bulky-cache fixture) opens in a `salvage` debug session without blocking the extension host.
// While it loads, the host's event loop is watched (a 10 ms timer, and its utilization) and a
// workbench round trip is timed. The bounds are set against the same load run on one Node thread,
// as the host would run it if it analysed the file itself: measured here, its event loop was busy
// 100% of the time and, although the engine yields between 8 MB chunks and between passes, its
// longest stall was 333 ms. Oracles: the record count the fixture made, the node count V8 wrote in
// the file's header, and the file's size. The figures are printed for the closing note.

import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { type EventLoopUtilization, performance } from 'perf_hooks';
import * as vscode from 'vscode';
import { headerCounts, writeBulkySnapshot } from '../../support/bulkySnapshots';
import { salvageApi } from './hostTestHelpers';
import { timeRoundTrips, watchEventLoop } from './hostResponsiveness';

/** ≈ 660 MB of snapshot (each record adds ~570 bytes), written by V8 in 12–20 s here. */
const RECORDS = 1_150_000;
/**
 * No visible freeze: above a busy host's usual hiccups (up to ~200 ms seen on 2 cores with the
 * adapter's workers on both). An in-host load stalls less than that at a time (333 ms), but never
 * lets the loop rest: the utilization bound below is what tells the two apart.
 */
const MAX_LOOP_GAP_MS = 500;
/** An in-host load keeps the event loop busy all the time (1.0); here 0.2–0.3 was seen, this test's probes included. */
const MAX_LOOP_UTILIZATION = 0.5;

interface DapMessage {
  type: string;
  event?: string;
  body?: { description?: string; title?: string; cancellable?: boolean };
}

interface Followed {
  session: Promise<vscode.DebugSession>;
  /** The adapter's events to the session in order, up to its stop. */
  stopped: Promise<DapMessage[]>;
  /** The host's event loop utilization from the first progressStart to the last progressEnd seen. */
  loadUtilization(): number | undefined;
  dispose(): void;
}

/** Follows the session launched on `file`. */
function follow(file: string): Followed {
  const ours = (s: vscode.DebugSession) => s.configuration.dump === file;
  let stop: (events: DapMessage[]) => void = () => undefined;
  const stopped = new Promise<DapMessage[]>((resolve) => (stop = resolve));
  const events: DapMessage[] = [];
  let loadStart: EventLoopUtilization | undefined;
  let loadEnd: EventLoopUtilization | undefined;
  const tracker = vscode.debug.registerDebugAdapterTrackerFactory('salvage', {
    createDebugAdapterTracker: (s) =>
      !ours(s)
        ? undefined
        : {
            onDidSendMessage: (m: DapMessage) => {
              if (m.type !== 'event') return;
              events.push(m);
              if (m.event === 'progressStart') loadStart ??= performance.eventLoopUtilization();
              if (m.event === 'progressEnd') loadEnd = performance.eventLoopUtilization();
              if (m.event === 'stopped') stop(events);
            },
          },
  });
  let started: vscode.Disposable | undefined;
  const session = new Promise<vscode.DebugSession>((resolve) => {
    started = vscode.debug.onDidStartDebugSession((s) => ours(s) && resolve(s));
  });
  const loadUtilization = () => (loadStart === undefined || loadEnd === undefined ? undefined : performance.eventLoopUtilization(loadEnd, loadStart).utilization);
  return { session, stopped, loadUtilization, dispose: () => (tracker.dispose(), started?.dispose()) };
}

interface Named {
  name: string;
  value: string;
  variablesReference: number;
}

/** The Summary scope's classes, asked of the session as the Variables view asks. */
async function summaryClasses(session: vscode.DebugSession): Promise<Named[]> {
  const { threads } = (await session.customRequest('threads')) as { threads: Array<{ id: number }> };
  const { stackFrames } = (await session.customRequest('stackTrace', { threadId: threads[0].id })) as { stackFrames: Array<{ id: number }> };
  const { scopes } = (await session.customRequest('scopes', { frameId: stackFrames[0].id })) as { scopes: Named[] };
  const summary = scopes.find((s) => s.name === 'Summary');
  assert.ok(summary, `a Summary scope among ${scopes.map((s) => s.name).join(', ')}`);
  return ((await session.customRequest('variables', { variablesReference: summary.variablesReference })) as { variables: Named[] }).variables;
}

suite('Salvage debug session on a 600 MB+ heap snapshot in a real VS Code host', () => {
  test('loads in the adapter with progress while the extension host stays responsive; Summary lists its classes', async function () {
    this.timeout(240_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salvage-host-bigheap-'));
    const file = path.join(dir, 'bulky.heapsnapshot');
    const followed = follow(file);
    let loop: ReturnType<typeof watchEventLoop> | undefined;
    let roundTrips: ReturnType<typeof timeRoundTrips> | undefined;
    let session: vscode.DebugSession | undefined;
    try {
      // The same watch while another process keeps the machine busy: the host's usual hiccups, for comparison.
      loop = watchEventLoop(10);
      const writeStarted = performance.now();
      const { records } = await writeBulkySnapshot(file, RECORDS);
      const writeSeconds = (performance.now() - writeStarted) / 1000;
      const baselineGaps = loop.stop();
      const sizeMb = fs.statSync(file).size / 1e6;
      assert.ok(sizeMb >= 600, `the snapshot is ${sizeMb.toFixed(0)} MB`);
      const { nodeCount } = headerCounts(file);
      // Activated first (a one-time cost whatever the dump), so the watch below sees the load alone.
      await salvageApi();

      loop = watchEventLoop(10);
      let probes = 0;
      roundTrips = timeRoundTrips(() => vscode.commands.executeCommand('setContext', 'salvage.test.probe', ++probes));
      const loadStarted = performance.now();
      assert.strictEqual(await vscode.debug.startDebugging(undefined, { type: 'salvage', request: 'launch', name: 'Big heap snapshot', dump: file }), true);
      const events = await followed.stopped;
      const loadSeconds = (performance.now() - loadStarted) / 1000;
      session = await followed.session;
      const classes = await summaryClasses(session);
      const gaps = loop.stop();
      const trips = await roundTrips.stop();
      const utilization = followed.loadUtilization() ?? NaN;
      console.log(
        `[heapSession] snapshot ${sizeMb.toFixed(0)} MB, ${nodeCount.toLocaleString('en-US')} nodes (written by V8 in ${writeSeconds.toFixed(1)} s); ` +
          `open to stop in the host's session: ${loadSeconds.toFixed(1)} s; max event-loop gap ${gaps.maxGapMs.toFixed(0)} ms over ${gaps.ticks} ticks, ` +
          `utilization ${utilization.toFixed(2)} from progressStart to progressEnd ` +
          `(while the snapshot was written: ${baselineGaps.maxGapMs.toFixed(0)} ms, ${baselineGaps.utilization.toFixed(2)}); ` +
          `setContext round trip: median ${trips.medianMs.toFixed(1)} ms, max ${trips.maxMs.toFixed(1)} ms (${trips.count} during the load)`,
      );

      const stop = events[events.length - 1];
      assert.match(stop.body?.description ?? '', new RegExp(` in ${nodeCount.toLocaleString('en-US')} objects`));
      const record = classes.find((c) => c.name === 'BulkyRecord');
      assert.match(record?.value ?? '', new RegExp(`^×${records.toLocaleString('en-US')} `), 'every record is counted');
      assert.match(classes.find((c) => c.name === 'BulkyCache')?.value ?? '', /^×1 /);
      // VS Code was told of the load's progress (and may cancel it), and of its end before the stop.
      const names = events.map((e) => e.event);
      const start = events.find((e) => e.event === 'progressStart');
      assert.deepStrictEqual([start?.body?.title, start?.body?.cancellable], ['Salvage: analysing heap snapshot', true]);
      assert.ok(names.lastIndexOf('progressEnd') > names.indexOf('progressStart'), names.join(', '));
      assert.ok(trips.count >= 2, 'round trips were timed during the load');
      assert.ok(gaps.maxGapMs < MAX_LOOP_GAP_MS, `the extension host's event loop stalled ${gaps.maxGapMs.toFixed(0)} ms`);
      assert.ok(utilization < MAX_LOOP_UTILIZATION, `the extension host's event loop was busy ${(100 * utilization).toFixed(0)}% of the load`);
    } finally {
      loop?.stop();
      await roundTrips?.stop();
      if (session !== undefined) await vscode.debug.stopDebugging(session);
      followed.dispose();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
