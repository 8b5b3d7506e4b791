// The heap viewer's real webview bundle in headless Chromium, fed by a real analysis of real
// snapshots of the leaky-cache fixture (a cache holding N records, then N' more). Oracles: what
// the fixture did (its leak holder, its record counts) and orderings the rendered table must obey.
// Screenshots of each view are kept in test-artifacts/ (ignored by git).

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { loadHeapSnapshot } from '../../src/engine/snapshot/analyzeHeapGraph';
import { compareSnapshots } from '../../src/engine/snapshot/queries/compareSnapshots';
import { LocalHeapAnalysis } from '../../src/engine/snapshot/service/heapAnalysis';
import type { HostMessage, WebviewMessage } from '../../src/extension/heapViewer/protocol';
import { HeapViewerBackend } from '../../src/extension/heapViewer/viewerBackend';
import { withFile } from '../../src/sources/local/fileByteSource';
import { leakyCacheSnapshots } from '../support/heapSnapshots';
import { REPO_ROOT } from '../support/repoPaths';
import { openHeapViewerPage, type WebviewPage } from '../support/webviewHarness';

const RECORDS = 20_000;
const MORE = 5_000;
const ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');

suite('heap snapshot viewer webview (Chromium)', () => {
  let viewer: WebviewPage;
  const pinned: number[] = [];

  suiteSetup(async function () {
    this.timeout(120_000);
    const run = leakyCacheSnapshots(RECORDS, MORE);
    assert.ok(run.after);
    const before = await withFile(run.before, (s) => loadHeapSnapshot(s));
    const after = await withFile(run.after, (s) => loadHeapSnapshot(s));
    const backend = new HeapViewerBackend(new LocalHeapAnalysis(after), {
      compare: async () => ({ ...compareSnapshots(before, after), baseline: 'before.heapsnapshot' }),
      showInDebugVariables: async (id) => void pinned.push(id),
    });
    viewer = await openHeapViewerPage((raw, post) => {
      const message = raw as WebviewMessage;
      const reply = (m: HostMessage) => post(m);
      if (message.type === 'ready') {
        void reply({ type: 'progress', phase: 'Parsing', fraction: 0.5 }).then(() => reply({ type: 'loaded', file: 'after.heapsnapshot', overview: after.overview() }));
      } else if (message.type === 'request') {
        backend.handle(message.request).then(
          (result) => reply({ type: 'response', id: message.id, result }),
          (error: Error) => reply({ type: 'response', id: message.id, error: error.message }),
        );
      }
    });
    fs.mkdirSync(ARTIFACTS, { recursive: true });
  });

  suiteTeardown(() => viewer?.close());

  const rowNames = () => viewer.page.$$eval('.row .col-name', (cells) => cells.map((c) => c.textContent?.replace(/^[▸▾]/, '') ?? ''));
  const column = (name: string) => viewer.page.$$eval(`.row.kind-class .col-${name}`, (cells) => cells.map((c) => c.textContent ?? ''));

  test('the leak holder ranks first by retained size', async () => {
    await viewer.page.waitForSelector('.row.kind-class');
    assert.strictEqual((await rowNames())[0], 'RecordCache');
    await viewer.page.screenshot({ path: path.join(ARTIFACTS, 'heap-viewer-summary.png') });
  });

  test('sorting by count puts the class with most instances first, in order', async () => {
    await viewer.page.click('.grid-header .col-count');
    await viewer.page.waitForFunction(() => document.querySelector('.grid-header .col-count')?.getAttribute('aria-sort') === 'descending');
    await viewer.page.waitForFunction(() => !document.querySelector('.row .col-name')?.textContent?.includes('RecordCache'));
    const counts = (await column('count')).map((c) => Number(c.replace(/,/g, '')));
    assert.ok(counts.length > 5);
    for (let i = 1; i < counts.length; i++) assert.ok(counts[i - 1] >= counts[i], `row ${i}: ${counts[i - 1]} >= ${counts[i]}`);
    await viewer.page.click('.grid-header .col-retainedSize');
  });

  test('the filter keeps matching classes; the leaked class has exactly the records the fixture made', async () => {
    await viewer.page.fill('.filter', 'LeakRecord');
    await viewer.page.waitForFunction(() => document.querySelectorAll('.row.kind-class').length === 1);
    assert.deepStrictEqual(await rowNames(), ['LeakRecord']);
    assert.strictEqual(Number((await column('count'))[0].replace(/,/g, '')), RECORDS + MORE);
  });

  test('keyboard: arrows move and expand; an instance shows its retainers up to a root', async () => {
    await viewer.page.focus('.grid-viewport');
    await viewer.page.keyboard.press('Home');
    await viewer.page.keyboard.press('ArrowRight');
    await viewer.page.waitForSelector('.row.kind-object');
    assert.strictEqual(await viewer.page.getAttribute('#row-0', 'aria-expanded'), 'true');
    await viewer.page.keyboard.press('ArrowDown');
    assert.strictEqual(await viewer.page.getAttribute('.grid-viewport', 'aria-activedescendant'), 'row-1');
    await viewer.page.waitForSelector('.retainer-path .step');
    const steps = await viewer.page.$$eval('.retainer-path:first-child .step', (li) => li.map((l) => l.textContent ?? ''));
    assert.ok(
      steps.some((s) => s.includes('RecordCache')),
      steps.join(' | '),
    );
    assert.ok(/global|Window|GC roots/.test(steps[steps.length - 1]), `the path ends at a root: ${steps.join(' | ')}`);
    await viewer.page.screenshot({ path: path.join(ARTIFACTS, 'heap-viewer-retainers.png') });
    await viewer.page.click('.link-button');
    for (let i = 0; i < 50 && pinned.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    assert.strictEqual(pinned.length, 1);
  });

  test('comparison shows the records added between the snapshots', async () => {
    await viewer.page.click('#tab-comparison');
    await viewer.page.click('.panel-comparison .button');
    await viewer.page.waitForSelector('.comparison-table tr th[scope="row"]');
    const row = await viewer.page.$$eval('.comparison-table tr', (rows) => rows.map((r) => Array.from(r.children, (c) => c.textContent ?? '')).find((cells) => cells[0] === 'LeakRecord'));
    assert.ok(row, 'LeakRecord is listed');
    assert.strictEqual(row[1], String(MORE));
    assert.strictEqual(row[2], '0');
    await viewer.page.screenshot({ path: path.join(ARTIFACTS, 'heap-viewer-comparison.png') });
  });

  test('the treemap and statistics render from the analysis', async () => {
    await viewer.page.click('#tab-treemap');
    await viewer.page.waitForSelector('.panel-treemap svg rect.tile');
    const labels = await viewer.page.$$eval('.panel-treemap title', (t) => t.map((x) => x.textContent ?? ''));
    assert.ok(
      labels.some((l) => l.startsWith('RecordCache')),
      labels.slice(0, 10).join(' | '),
    );
    await viewer.page.screenshot({ path: path.join(ARTIFACTS, 'heap-viewer-treemap.png') });
    await viewer.page.click('#tab-statistics');
    await viewer.page.waitForSelector('.bar-row');
    assert.ok((await viewer.page.$$('.bar-row')).length >= 6);
    await viewer.page.screenshot({ path: path.join(ARTIFACTS, 'heap-viewer-statistics.png') });
  });
});
