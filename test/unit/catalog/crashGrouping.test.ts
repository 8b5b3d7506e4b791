// The grouping rules of README "The crash catalog", each on the smallest set of dumps that shows it:
// which dumps are one death (pid, container, time window, one core and one report per death), which
// dump leads and names the crash, and how crashes fold into signatures. The dumps are described by
// hand, as the rules speak of them; their signatures come from the real signature function.

import * as assert from 'assert';
import { DEATH_SLACK_MS, groupCrashes, MATCH_WINDOW_MS } from '../../../src/catalog/crashGrouping';
import type { DumpContainer, IndexedDump, IndexedKind } from '../../../src/catalog/indexedDump';
import { groupBySignature } from '../../../src/catalog/signatureGroups';
import { crashSignature } from '../../../src/engine/signature/crashSignature';
import { sparkline } from '../../../src/engine/sparkline';

const T0 = Date.parse('2026-12-07T12:00:00Z');
const typeError = crashSignature({
  kind: 'report',
  description: 'Uncaught TypeError: x',
  exception: { typeName: 'TypeError', message: 'x', properties: {} },
  crashingThreadId: 1,
  threads: [{ id: 1, name: 'main', frames: [{ kind: 'js', function: 'unitPrice', file: '/app/dist/pricing.js', original: { file: '/app/src/pricing.ts', line: 8, column: 3 } }] }],
});

function container(id: string, image = 'shop/api:1'): DumpContainer {
  return { id, name: `api-${id}`, image, imageId: `sha256:${id}`, service: 'api', project: 'shop', exitCode: 134, oomKilled: false, finishedAt: null, endpoint: 'unix:///var/run/docker.sock', restartCount: null };
}

let serial = 0;
function dump(kind: IndexedKind, pid: number | null, atMs: number, where: DumpContainer | null = null): IndexedDump {
  serial++;
  const sha256 = serial.toString(16).padStart(64, '0');
  return { path: `/store/${serial}`, size: 100, mtimeMs: atMs, sha256, kind, originUri: null, pid, diedAtMs: atMs, container: where, host: null, nodeVersion: null, description: null, signature: kind === 'heapsnapshot' ? null : typeError, error: null };
}

/** A container's record of a death: how it ended, when. */
function death(atMs: number, where: DumpContainer, exitCode: number, oomKilled = false): IndexedDump {
  const record = dump('core', null, atMs, where);
  return { ...record, kind: 'death', signature: null, death: { exitCode, signal: exitCode > 128 ? 'SIGKILL' : null, oomKilled } };
}

suite('crash catalog: which dumps are one death', () => {
  test('a core, its report and its snapshots of one pid within the window are one crash, led by the core', () => {
    const snapshot = dump('heapsnapshot', 7, T0);
    const report = dump('report', 7, T0 + 2000);
    const core = dump('core', 7, T0 + 3000);
    const [crash, ...rest] = groupCrashes([report, snapshot, core]);
    assert.strictEqual(rest.length, 0);
    assert.deepStrictEqual(
      crash.dumps.map((d) => d.kind),
      ['core', 'heapsnapshot', 'report'],
    );
    assert.strictEqual(crash.id, core.sha256.slice(0, 12));
    // The report knows the time of death best.
    assert.strictEqual(crash.diedAtMs, report.diedAtMs);
  });

  test('a second core of the same pid is a second death (a restarted container dies as pid 1 again)', () => {
    const box = container('c1');
    const crashes = groupCrashes([dump('core', 1, T0, box), dump('report', 1, T0 + 500, box), dump('core', 1, T0 + 5000, box)]);
    assert.deepStrictEqual(crashes.map((c) => c.dumps.map((d) => d.kind)).sort(), [['core'], ['core', 'report']]);
  });

  test('the same pid in another container, or past the window, is another death', () => {
    const crashes = groupCrashes([dump('report', 1, T0, container('a')), dump('core', 1, T0, container('b')), dump('heapsnapshot', 1, T0 + MATCH_WINDOW_MS + 1, container('a'))]);
    assert.strictEqual(crashes.length, 3);
  });

  test('a dump without a pid is a crash of its own; an unreadable one is none; two copies of one file count once', () => {
    const copy = dump('report', 9, T0);
    const twin = { ...dump('report', 9, T0 + 10), sha256: copy.sha256 };
    const broken = { ...dump('core', 9, T0), error: '/store/x: the core ends early', signature: null };
    const crashes = groupCrashes([dump('heapsnapshot', null, T0), dump('heapsnapshot', null, T0), copy, twin, broken]);
    assert.deepStrictEqual(crashes.map((c) => c.dumps.length).sort(), [1, 1, 1]);
    assert.ok(crashes.some((c) => c.signature.text.startsWith('heap snapshot only')));
  });

  test("in a container, a dump without a pid joins the container's next death within the window", () => {
    const box = container('snap');
    const snapshot = dump('heapsnapshot', null, T0, box);
    const report = dump('report', 1, T0 + 1000, box);
    const later = dump('heapsnapshot', null, T0 + 2000 + MATCH_WINDOW_MS, box);
    const crashes = groupCrashes([later, report, snapshot, death(T0 + 1050, box, 1)]);
    assert.deepStrictEqual(
      crashes.map((c) => [c.dumps.map((d) => d.sha256), c.death?.death?.exitCode ?? null]),
      [
        [[later.sha256], null],
        [[report.sha256, snapshot.sha256], 1],
      ],
    );
  });
});

suite('crash catalog: signatures', () => {
  test("a restart loop: each container death ends the earliest crash before it, and gives it that death's exit code", () => {
    const box = container('loop');
    const reports = [0, 400, 1000].map((ms) => dump('report', 1, T0 + ms, box));
    const deaths = [50, 450, 1050].map((ms, i) => death(T0 + ms, box, 10 + i));
    const crashes = groupCrashes([...deaths, ...reports]);
    assert.strictEqual(crashes.length, 3);
    // Newest first: the last report ended by the last death.
    assert.deepStrictEqual(
      crashes.map((c) => [c.dumps[0].sha256, c.death?.sha256, c.container?.exitCode, c.diedAtMs]),
      [2, 1, 0].map((i) => [reports[i].sha256, deaths[i].sha256, 10 + i, deaths[i].diedAtMs]),
    );
    assert.ok(crashes.every((c) => c.signature.id === typeError.id));
  });

  test('a death no dump is before (an OOM kill) is a crash of its own, signed by how it ended and the service', () => {
    const early = dump('report', 1, T0, container('x'));
    const lateDeath = death(T0 - DEATH_SLACK_MS - 1, container('x'), 1);
    const ooms = [death(T0, container('c1', 'shop/api:1'), 137, true), death(T0 + 1, container('c2', 'shop/api:2'), 137, true)];
    const crashes = groupCrashes([early, lateDeath, ...ooms]);
    assert.strictEqual(crashes.length, 4);
    const alone = crashes.filter((c) => c.dumps.length === 0);
    assert.deepStrictEqual(alone.map((c) => c.signature.text).sort(), ['OOM kill in api', 'OOM kill in api', 'exit 1 in api']);
    assert.strictEqual(new Set(alone.filter((c) => c.death?.death?.oomKilled === true).map((c) => c.signature.id)).size, 1);
    assert.deepStrictEqual(
      alone.map((c) => c.id),
      alone.map((c) => c.death?.sha256.slice(0, 12)),
    );
    assert.strictEqual(crashes.find((c) => c.dumps.includes(early))?.death, null);
  });

  test('crashes of one signature fold into one group with its count, span, images and containers', () => {
    const crashes = groupCrashes([dump('report', 1, T0, container('a', 'shop/api:1')), dump('report', 1, T0 + 600_000, container('b', 'shop/api:2')), dump('report', 2, T0 + 60_000)]);
    const [group, ...others] = groupBySignature(crashes);
    assert.strictEqual(others.length, 0);
    assert.deepStrictEqual([group.count, group.firstSeenMs, group.lastSeenMs], [3, T0, T0 + 600_000]);
    assert.deepStrictEqual(group.images, ['shop/api:1', 'shop/api:2']);
    assert.deepStrictEqual(group.containers, ['api-a', 'api-b']);
    assert.deepStrictEqual(group.services, ['api']);
    assert.strictEqual(group.crashIds[0], crashes[0].id, 'newest first');
  });

  test('the sparkline: one bar per slice, the busiest full, empty slices lowest', () => {
    const hour = 3_600_000;
    assert.strictEqual(sparkline([T0 + 10, T0 + 20, T0 + 30, T0 + 3 * hour + 1], T0, T0 + 4 * hour, 4), '█▁▁▂');
    assert.strictEqual(sparkline([], T0, T0 + hour, 3), '▁▁▁');
  });
});
