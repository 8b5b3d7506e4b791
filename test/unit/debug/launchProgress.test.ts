// The launch's progress stages and cancellation, on their own: what a client is sent for a docker://
// copy followed by an analysis, how often, and which `cancel` stops the launch. Oracles: the DAP
// rules for progress events and the byte counts given.

import * as assert from 'assert';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { DOWNLOAD_TITLE, LaunchProgress, UPDATE_INTERVAL_MS } from '../../../src/debug/launchProgress';

const LAUNCH_SEQ = 7;
const MIB = 1024 * 1024;

type Body = { progressId: string; title?: string; message?: string; percentage?: number; requestId?: number; cancellable?: boolean };

function recorder(reporting = true): { progress: LaunchProgress; sent: Array<{ event: string; body: Body }> } {
  const sent: Array<{ event: string; body: Body }> = [];
  const progress = new LaunchProgress(LAUNCH_SEQ, (e: DebugProtocol.Event) => sent.push({ event: e.event, body: e.body as Body }), reporting);
  return { progress, sent };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

suite('launch progress and cancellation', () => {
  test('a copy then an analysis: two cancellable progresses of the launch request, one ended before the next starts', () => {
    const { progress, sent } = recorder();
    progress.download({ bytes: MIB, total: 4 * MIB });
    progress.report('Salvage: analysing heap snapshot', { message: 'reading', percentage: 3 });
    progress.end();
    assert.deepStrictEqual(
      sent.map((s) => [s.event, s.body.title, s.body.message, s.body.percentage]),
      [
        ['progressStart', DOWNLOAD_TITLE, '1.0 MiB of 4.0 MiB', 25],
        ['progressEnd', undefined, undefined, undefined],
        ['progressStart', 'Salvage: analysing heap snapshot', 'reading', 3],
        ['progressEnd', undefined, undefined, undefined],
      ],
    );
    assert.ok(sent.filter((s) => s.event === 'progressStart').every((s) => s.body.requestId === LAUNCH_SEQ && s.body.cancellable === true));
    assert.strictEqual(sent[0].body.progressId, sent[1].body.progressId);
    assert.notStrictEqual(sent[0].body.progressId, sent[2].body.progressId);
  });

  test('updates come at most every interval, and their percentage never goes back', async () => {
    const { progress, sent } = recorder();
    for (let mib = 1; mib <= 100; mib++) progress.download({ bytes: mib * MIB, total: 200 * MIB });
    assert.deepStrictEqual(
      sent.map((s) => s.event),
      ['progressStart'],
    );
    await pause(UPDATE_INTERVAL_MS + 20);
    progress.download({ bytes: 120 * MIB, total: 200 * MIB });
    await pause(UPDATE_INTERVAL_MS + 20);
    // A stage that cannot say how far it is keeps the bar where it was.
    progress.download({ bytes: 130 * MIB });
    assert.deepStrictEqual(
      sent.map((s) => [s.event, s.body.message, s.body.percentage]),
      [
        ['progressStart', '1.0 MiB of 200.0 MiB', 1],
        ['progressUpdate', '120.0 MiB of 200.0 MiB', 60],
        ['progressUpdate', '130.0 MiB', 60],
      ],
    );
  });

  test('only a cancel naming the launch request or its current progress aborts the launch', () => {
    const { progress, sent } = recorder();
    progress.download({ bytes: 1, total: 2 });
    const id = sent[0].body.progressId;
    progress.cancel({ requestId: LAUNCH_SEQ + 1 });
    progress.cancel({ progressId: `${id}-other` });
    progress.cancel(undefined);
    assert.strictEqual(progress.signal.aborted, false);
    progress.cancel({ progressId: id });
    assert.strictEqual(progress.signal.aborted, true);
    // Once cancelled, the stage reports nothing more.
    progress.download({ bytes: 2, total: 2 });
    assert.strictEqual(sent.length, 1);
  });

  test('a client that shows no progress is sent nothing, and can still cancel the launch request', () => {
    const { progress, sent } = recorder(false);
    progress.download({ bytes: 1, total: 2 });
    progress.end();
    assert.deepStrictEqual(sent, []);
    progress.cancel({ requestId: LAUNCH_SEQ });
    assert.strictEqual(progress.signal.aborted, true);
  });
});
