// The crash catalog, end to end as users run it (`salvage index|crashes|crash|tag|note`, the bundled
// CLI) on a store of real crashes of a TypeScript service with two bugs and a leak: reports of some
// deaths, a core and a heap snapshot of another, the report and core of an out-of-memory death;
// then the same code built at another path. Oracles: how many times the test killed the service
// with each bug, the pid the OS gave each process, and the stack Node itself printed for each bug
// (source-mapped with --enable-source-maps), from which the expected signature frames are taken.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { catalogCli, catalogJson, type CrashesJson } from '../../support/catalogCli';
import { buildService, type Death, die, dieWithCoreAndSnapshot, dieWithReport, framesNodePrinted } from '../../support/catalogCrashes';
import { makeTempDir } from '../../support/crashNode';
import { officialNode } from '../../support/nodeBinaries';

suite('crash catalog: salvage index, crashes, crash, tag, note on real crashes', function () {
  this.timeout(240_000);
  const store = makeTempDir('salvage-catalog-');
  const deaths: Record<string, Death[]> = { price: [], quota: [], oom: [] };
  let entry = '';
  let crashes: CrashesJson;

  suiteSetup(() => {
    entry = buildService(makeTempDir('salvage-service-v1-'));
    const reports = path.join(store, 'local', 'reports');
    deaths.price.push(dieWithReport(entry, 'price', reports), dieWithReport(entry, 'price', reports));
    deaths.quota.push(dieWithReport(entry, 'quota', reports), dieWithReport(entry, 'quota', reports));
    // A core and the heap snapshot written just before: one death, two dumps.
    deaths.price.push(dieWithCoreAndSnapshot(entry, 'price', path.join(store, 'local', 'core-1')));
    // V8's heap limit: Node writes a report, then aborts with a core.
    const oomDir = path.join(store, 'local', 'core-2');
    deaths.oom.push(die(entry, 'oom', oomDir, `--max-old-space-size=16 --report-on-fatalerror --report-directory=${oomDir}`));
    crashes = catalogJson<CrashesJson>(['crashes', '--store', store]);
  });

  test('every death is one crash; a core and its snapshot, a report and its core, are one crash', () => {
    assert.ok(fs.existsSync(path.join(store, 'local', 'core-1', 'core')) && fs.existsSync(path.join(store, 'local', 'core-2', 'core')), 'the machine writes cores to the working folder (core_pattern "core")');
    assert.match(deaths.oom[0].stderr, /JavaScript heap out of memory/);
    const all = [...deaths.price, ...deaths.quota, ...deaths.oom];
    assert.deepStrictEqual(crashes.crashes.map((c) => c.pid).sort(), all.map((d) => d.pid).sort(), 'one crash per process, with the pid the OS gave it');
    const kindsOf = (death: Death) => crashes.crashes.find((c) => c.pid === death.pid)!.dumps.map((d) => d.kind);
    assert.deepStrictEqual(kindsOf(deaths.price[2]), ['core', 'heapsnapshot']);
    assert.deepStrictEqual(kindsOf(deaths.oom[0]), ['core', 'report']);
    assert.deepStrictEqual(kindsOf(deaths.quota[0]), ['report']);
    assert.deepStrictEqual(crashes.unreadable, []);
  });

  test('crashes group by signature, with exact counts; the frames are the ones Node printed', () => {
    const byCount = crashes.signatures.map((s) => [s.count, s.frames]);
    assert.deepStrictEqual(byCount, [
      [3, framesNodePrinted(entry, 'price')],
      [2, framesNodePrinted(entry, 'quota')],
      [1, []],
    ]);
    assert.match(crashes.signatures[0].text, /^TypeError at unitPrice \(pricing\.ts\)/);
    assert.match(crashes.signatures[1].text, /^RangeError at checkQuota \(quota\.ts\)/);
    assert.strictEqual(crashes.signatures[2].text, 'out of memory');
    // The core's analysis and the reports' agree on the signature of the same bug.
    const price = crashes.crashes.filter((c) => deaths.price.some((d) => d.pid === c.pid));
    assert.deepStrictEqual(new Set(price.map((c) => c.signature)), new Set([crashes.signatures[0].id]));
    assert.deepStrictEqual(crashes.signatures[0].nodeVersions, [process.version]);
  });

  test('the same code built at another path keeps its signature; tags and notes survive a rebuild', () => {
    const rebuilt = buildService(makeTempDir('salvage-service-v2-'));
    const reports = path.join(store, 'local', 'reports-v2');
    const death = dieWithReport(rebuilt, 'price', reports);
    const price = crashes.signatures[0];
    const tagged = catalogCli(['tag', price.id.slice(0, 8), 'pricing', '--store', store]);
    assert.strictEqual(tagged.status, 0, tagged.stderr);
    const oomCrash = crashes.crashes.find((c) => c.pid === deaths.oom[0].pid)!;
    assert.strictEqual(catalogCli(['tag', oomCrash.id, 'leak', 'p1', '--store', store]).status, 0);
    assert.strictEqual(catalogCli(['note', oomCrash.id, 'the cache never evicts', '--store', store]).status, 0);
    const index = catalogJson<{ indexed: number; crashes: number }>(['index', '--rebuild', '--store', store]);
    assert.strictEqual(index.crashes, 7);
    const after = catalogJson<CrashesJson>(['crashes', '--store', store, '--cached']);
    const again = after.signatures.find((s) => s.id === price.id);
    assert.strictEqual(again?.count, 4, "the rebuilt service's crash has the signature of the first build");
    assert.ok(after.crashes.find((c) => c.pid === death.pid)?.tags.includes('pricing'), "a signature's tag is on its new crash");
    const oomAfter = after.crashes.find((c) => c.id === oomCrash.id);
    assert.deepStrictEqual(oomAfter?.tags, ['leak', 'p1']);
    assert.deepStrictEqual(
      oomAfter?.notes.map((n) => [n.text, n.on]),
      [['the cache never evicts', 'crash']],
    );
    const onlyLeaks = catalogJson<CrashesJson>(['crashes', '--store', store, '--cached', '--tag', 'leak']);
    assert.deepStrictEqual(
      onlyLeaks.crashes.map((c) => c.id),
      [oomCrash.id],
    );
  });

  test('salvage crash tells one crash whole; an unknown id is one line', () => {
    const oomCrash = crashes.crashes.find((c) => c.pid === deaths.oom[0].pid)!;
    const text = catalogCli(['crash', oomCrash.id.slice(0, 6), '--store', store, '--cached']);
    assert.strictEqual(text.status, 0, text.stderr);
    assert.match(text.stdout, new RegExp(`^crash ${oomCrash.id}: `));
    assert.match(text.stdout, /signature +out of memory/);
    for (const d of oomCrash.dumps) assert.ok(text.stdout.includes(d.path), `${d.path} listed`);
    const unknown = catalogCli(['crash', 'abcdef012345', '--store', store, '--cached']);
    assert.strictEqual(unknown.status, 1);
    assert.strictEqual(unknown.stderr.trim().split('\n').length, 1, unknown.stderr);
    assert.match(unknown.stderr, /no crash or signature .* has the id "abcdef012345"/);
  });

  test('an unreadable dump is listed with its problem, never grouped; a vanished one is forgotten', () => {
    const report = fs.readdirSync(path.join(store, 'local', 'reports')).find((f) => f.endsWith('.json'))!;
    const cut = path.join(store, 'local', 'cut', 'report.json');
    fs.mkdirSync(path.dirname(cut));
    const bytes = fs.readFileSync(path.join(store, 'local', 'reports', report));
    fs.writeFileSync(cut, bytes.subarray(0, 3000));
    const listed = catalogJson<CrashesJson>(['crashes', '--store', store]);
    assert.deepStrictEqual(
      listed.unreadable.map((u) => [u.path, u.kind]),
      [[cut, 'report']],
    );
    assert.strictEqual(listed.unreadable[0].error, `${cut}: the report ends early: the file is truncated (at byte offset 3000 of 3000)`);
    assert.strictEqual(listed.crashes.length, 7);
    fs.rmSync(path.dirname(cut), { recursive: true });
    const index = catalogJson<{ removed: number; indexed: number }>(['index', '--store', store]);
    assert.deepStrictEqual([index.removed, index.indexed], [1, 0]);
  });

  test('on a Node without node:sqlite (20) the crash verbs refuse in one line', () => {
    const node20 = officialNode(20);
    const run = catalogCli(['crashes', '--store', store], node20);
    assert.strictEqual(run.status, 1);
    const version = spawnSync(node20, ['--version'], { encoding: 'utf8' }).stdout.trim();
    assert.strictEqual(run.stderr, `salvage: the crash catalog needs SQLite from Node.js 22.13 or later (node:sqlite); this is Node.js ${version}\n`);
  });
});
