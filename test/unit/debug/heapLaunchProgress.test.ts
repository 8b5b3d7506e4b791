// Loading a big real snapshot in the bundled adapter (dist/adapter.js and its analysis worker),
// driven over DAP as VS Code drives it: progress events while the worker analyses it, and a `cancel`
// that stops the load. Oracles: the DAP rules (one progress, percentages that never go back, its end
// before the stop), the file's size from fs.stat, and the node count V8 wrote in the file's header.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { headerCounts, writeBulkySnapshot } from '../../support/bulkySnapshots';
import { makeTempDir } from '../../support/crashNode';
import { ADAPTER } from '../../support/repoPaths';

/** ~90 MB: about a second to analyse here, so a cancel sent on the first progress lands mid-load. */
const RECORDS = 150_000;
const PROGRESS_EVENTS = ['progressStart', 'progressUpdate', 'progressEnd'];
const MIB = 1024 * 1024;

type ProgressEvent = DebugProtocol.ProgressStartEvent | DebugProtocol.ProgressUpdateEvent | DebugProtocol.ProgressEndEvent;

suite('debug adapter: progress and cancellation of a heap snapshot load', () => {
  let dir: string;
  let file: string;
  let dc: DebugClient;
  let events: DebugProtocol.Event[];

  suiteSetup(async function () {
    this.timeout(60_000);
    dir = makeTempDir('salvage-heap-');
    file = path.join(dir, 'bulky.heapsnapshot');
    await writeBulkySnapshot(file, RECORDS);
  });

  suiteTeardown(() => fs.rmSync(dir, { recursive: true, force: true }));

  setup(async () => {
    dc = new DebugClient(process.execPath, ADAPTER, 'salvage');
    dc.defaultTimeout = 30_000;
    events = [];
    for (const name of [...PROGRESS_EVENTS, 'stopped']) dc.on(name, (event: DebugProtocol.Event) => events.push(event));
    await dc.start();
  });

  teardown(() => dc.stop());

  /** initialize and configurationDone, as VS Code sends them; `progress`: the client shows progress. */
  async function initialize(progress: boolean): Promise<DebugProtocol.Capabilities> {
    const initialized = dc.waitForEvent('initialized');
    const response = await dc.initializeRequest({ adapterID: 'salvage', linesStartAt1: true, columnsStartAt1: true, pathFormat: 'path', supportsProgressReporting: progress });
    await initialized;
    await dc.configurationDoneRequest();
    return response.body ?? {};
  }

  test('progressStart, updates whose percentage never goes back, progressEnd, then the stop', async function () {
    this.timeout(60_000);
    assert.strictEqual((await initialize(true)).supportsCancelRequest, true);
    const stopped = dc.waitForEvent('stopped');
    await dc.launchRequest({ dump: file } as DebugProtocol.LaunchRequestArguments);
    const stop = (await stopped) as DebugProtocol.StoppedEvent;
    assert.match(stop.body.description ?? '', new RegExp(` in ${headerCounts(file).nodeCount.toLocaleString('en-US')} objects`));

    assert.match(events.map((e) => e.event).join(','), /^progressStart(,progressUpdate)+,progressEnd,stopped$/);
    const progress = events.slice(0, -1) as ProgressEvent[];
    const start = progress[0] as DebugProtocol.ProgressStartEvent;
    assert.strictEqual(start.body.title, 'Salvage: analysing heap snapshot');
    assert.strictEqual(start.body.cancellable, true);
    assert.ok(progress.every((e) => e.body.progressId === start.body.progressId));
    const percentages = progress.slice(0, -1).map((e) => (e as DebugProtocol.ProgressUpdateEvent).body.percentage ?? -1);
    assert.ok(
      percentages.every((p, i) => p >= 0 && p <= 100 && (i === 0 || p >= percentages[i - 1])),
      `percentages: ${percentages.join(', ')}`,
    );
    // While the file is read, the message says how much of it, out of its size on disk.
    const reading = progress.map((e) => /^reading ([\d.]+) MiB of ([\d.]+) MiB$/.exec((e as DebugProtocol.ProgressUpdateEvent).body.message ?? '')).filter((m) => m !== null);
    assert.ok(reading.length > 0, 'some messages report the bytes read');
    for (const [, done, total] of reading) {
      assert.ok(Math.abs(Number(total) - fs.statSync(file).size / MIB) < 0.06, `${total} MiB is the file's size`);
      assert.ok(Number(done) <= Number(total));
    }
  });

  async function cancelMidLoad(cancel: (start: DebugProtocol.ProgressStartEvent) => DebugProtocol.CancelArguments): Promise<void> {
    await initialize(true);
    const started = dc.waitForEvent('progressStart') as Promise<DebugProtocol.ProgressStartEvent>;
    const launched = dc.launchRequest({ dump: file } as DebugProtocol.LaunchRequestArguments);
    launched.catch(() => undefined);
    const start = await started;
    await dc.customRequest('cancel', cancel(start));
    await assert.rejects(launched, (e: Error) => e.message === `Cannot open dump: ${file}: cancelled`);
    const end = events.find((e) => e.event === 'progressEnd') as DebugProtocol.ProgressEndEvent | undefined;
    assert.deepStrictEqual(end?.body, { progressId: start.body.progressId, message: 'cancelled' });
    // The adapter stays up: it answers, has nothing open, and disconnects cleanly.
    assert.deepStrictEqual((await dc.threadsRequest()).body.threads, []);
    await dc.disconnectRequest({});
    assert.ok(!events.some((e) => e.event === 'stopped'), 'a cancelled launch never stops');
  }

  test('a cancel of the progress fails the launch with one clear line; the adapter keeps answering', async function () {
    this.timeout(60_000);
    await cancelMidLoad((start) => ({ progressId: start.body.progressId }));
  });

  test('a cancel of the launch request itself stops it too', async function () {
    this.timeout(60_000);
    await cancelMidLoad((start) => {
      assert.ok(start.body.requestId !== undefined, 'the progress names the launch request');
      return { requestId: start.body.requestId };
    });
  });

  test('a client that shows no progress gets no progress events, and the same stop', async function () {
    this.timeout(60_000);
    await initialize(false);
    const stopped = dc.waitForEvent('stopped');
    await dc.launchRequest({ dump: file } as DebugProtocol.LaunchRequestArguments);
    await stopped;
    assert.deepStrictEqual(
      events.map((e) => e.event),
      ['stopped'],
    );
  });
});
