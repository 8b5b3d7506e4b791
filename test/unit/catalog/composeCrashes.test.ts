// The crash catalog against a real compose project on the real engine: three services of
// test/fixtures/compose-shop crash 40 times in four ways — the api of two bugs by turns, the worker
// of one, the cache killed for memory (no dump at all) — restarted by their policy, across two
// image versions (the second a rebuild with the code at another path). `salvage index --docker`
// collects them before compose replaces the containers. The oracles are the engine's own words:
// `docker inspect` (restart counts, OOM kills) for how many crashes of each kind there were, and
// `docker logs --tail` for the lines shown, byte for byte. Collecting changes no container.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { catalogJson, type CrashesJson } from '../../support/catalogCli';
import { assertSameAsDockerLogs, type LogLineJson } from '../../support/dockerLogOracle';
import { docker, dockerDiff, dockerOk, dockerState, ensureDockerSandbox, removeContainers, removeScratch, SANDBOX_HOST, scratchDir } from '../../support/dockerSandbox';
import { ADAPTER, REPO_ROOT } from '../../support/repoPaths';

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'compose-shop');
const PROJECT = `salvageshop${process.pid}`;
const IMAGE = 'salvage-shop';
/** Each phase: the api twice, the worker once, the cache five times (each its own container, killed once). */
const SCALE = ['--scale', 'api=2', '--scale', 'worker=1', '--scale', 'cache=5'];
const LOG_LINES = 40;

interface CrashJson {
  id: string;
  signature: string;
  diedAt: string;
  container: { id: string; name: string; image: string; service: string | null; project: string | null; exitCode: number | null; oomKilled: boolean; restartCount: number | null } | null;
  death: { exitCode: number; oomKilled: boolean } | null;
  dumps: Array<{ kind: string; path: string }>;
  log: { container: { id: string; name: string; service: string | null }; collectedAt: string; lines: LogLineJson[] } | null;
  neighbours: Array<{ container: { id: string; name: string; service: string | null }; collectedAt: string; lines: LogLineJson[] }>;
}

interface IndexJson {
  crashes: number;
  docker: { containers: number; copied: number; deaths: number; logs: number; errors: string[] } | null;
}

function compose(version: number, args: string[]): void {
  const r = spawnSync('docker-compose', ['-p', PROJECT, '-f', path.join(FIXTURE, 'docker-compose.yml'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, DOCKER_HOST: SANDBOX_HOST, SHOP_VERSION: String(version), IMAGE },
    timeout: 180_000,
  });
  if (r.status !== 0) throw new Error(`docker-compose ${args.join(' ')} failed (exit ${String(r.status)}): ${r.stderr}`);
}

function projectContainers(): string[] {
  return dockerOk(['ps', '-a', '--format', '{{.Names}}', '--filter', `label=com.docker.compose.project=${PROJECT}`])
    .split('\n')
    .filter((n) => n !== '')
    .sort();
}

/** Waits until every container of the project has died for good (its restart policy gave up). */
function waitForTheEnd(): void {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const states = dockerOk(['ps', '-a', '--format', '{{.State}}', '--filter', `label=com.docker.compose.project=${PROJECT}`])
      .split('\n')
      .filter((s) => s !== '');
    if (states.length > 0 && states.every((s) => s === 'exited')) return;
    if (Date.now() > deadline) throw new Error(`the shop's containers are still ${states.join(', ')}`);
    spawnSync('sleep', ['0.5']);
  }
}

interface Observed {
  name: string;
  service: string;
  restarts: number;
  oomKilled: boolean;
}

function observe(): Observed[] {
  return projectContainers().map((name) => {
    const [service, restarts, oom] = dockerOk(['inspect', '-f', '{{index .Config.Labels "com.docker.compose.service"}} {{.RestartCount}} {{.State.OOMKilled}}', name]).trim().split(' ');
    return { name, service, restarts: Number(restarts), oomKilled: oom === 'true' };
  });
}

/** How many crashes of each kind docker says there were: the api's runs alternate bugs, starting with the price. */
function expectedKinds(observed: readonly Observed[]): Record<string, number> {
  const counts: Record<string, number> = { unitPrice: 0, quotaSlots: 0, parseJob: 0, 'OOM kill in cache': 0 };
  for (const o of observed) {
    const runs = o.restarts + 1;
    if (o.service === 'api') {
      counts.unitPrice += Math.ceil(runs / 2);
      counts.quotaSlots += Math.floor(runs / 2);
    } else if (o.service === 'worker') counts.parseJob += runs;
    else if (o.service === 'cache' && o.oomKilled) counts['OOM kill in cache'] += runs;
  }
  return counts;
}

function kindOf(signatureText: string): string {
  return ['unitPrice', 'quotaSlots', 'parseJob', 'OOM kill in cache'].find((k) => signatureText.includes(k)) ?? signatureText;
}

function buildImage(version: number, appDir: string): void {
  dockerOk(['build', '-q', '-t', `${IMAGE}:${version}`, '--build-arg', `APP_DIR=${appDir}`, '--build-arg', `VERSION=${version}`, FIXTURE]);
}

function shopCrashes(listing: CrashesJson): CrashJson[] {
  return (listing.crashes as unknown as CrashJson[]).filter((c) => c.container?.project === PROJECT);
}

suite('crash catalog: a compose project on the real engine (salvage index --docker)', function () {
  this.timeout(600_000);
  let store = '';
  let savedHost: string | undefined;
  const expected: Record<string, number> = {};
  let listing: CrashesJson;
  let stateBefore: string[] = [];
  const idle = `${PROJECT}_idle`;

  suiteSetup(() => {
    ensureDockerSandbox();
    savedHost = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = SANDBOX_HOST;
    store = scratchDir('salvage-compose-store-');
    const add = (counts: Record<string, number>) => {
      for (const [k, n] of Object.entries(counts)) expected[k] = (expected[k] ?? 0) + n;
    };
    // Version 1: the code in /app.
    buildImage(1, '/app');
    compose(1, ['up', '-d', ...SCALE]);
    // Not a crash: a container of the project stopped by hand (its pid 1 ignores SIGTERM, so it is killed).
    dockerOk(['run', '-d', '--name', idle, '--network=none', '--label', `com.docker.compose.project=${PROJECT}`, '--label', 'com.docker.compose.service=idle', `${IMAGE}:1`, 'sleep', '600']);
    dockerOk(['stop', '-t', '1', idle]);
    waitForTheEnd();
    add(expectedKinds(observe()));
    const first = catalogJson<IndexJson>(['index', '--docker', '--project', PROJECT, '--store', store]);
    assert.deepStrictEqual(first.docker?.errors, []);
    // Version 2: a rebuild with the same code in another folder; compose replaces every container.
    buildImage(2, '/srv/app');
    compose(2, ['up', '-d', ...SCALE]);
    waitForTheEnd();
    add(expectedKinds(observe()));
    stateBefore = projectContainers().map((n) => `${n} ${dockerState(n)} ${dockerDiff(n).join(',')}`);
    const second = catalogJson<IndexJson>(['index', '--docker', '--project', PROJECT, '--store', store]);
    assert.deepStrictEqual(second.docker?.errors, []);
    listing = catalogJson<CrashesJson>(['crashes', '--store', store, '--cached']);
  });

  suiteTeardown(() => {
    try {
      compose(2, ['down', '--remove-orphans']);
    } finally {
      removeContainers([idle, ...projectContainers()]);
      docker(['rmi', `${IMAGE}:1`, `${IMAGE}:2`]);
      removeScratch();
      if (savedHost === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = savedHost;
    }
  });

  test('40 crashes of 4 kinds make exactly 4 signatures, with the counts docker inspect implies, over both image versions', () => {
    assert.strictEqual(
      Object.values(expected).reduce((a, b) => a + b, 0),
      40,
      JSON.stringify(expected),
    );
    const crashes = shopCrashes(listing);
    const signatures = listing.signatures.filter((s) => s.crashes.some((id) => crashes.some((c) => c.id === id)));
    assert.strictEqual(signatures.length, 4, signatures.map((s) => `${s.count}× ${s.text}`).join('\n'));
    const counts = Object.fromEntries(signatures.map((s) => [kindOf(s.text), s.count]));
    assert.deepStrictEqual(counts, expected);
    assert.strictEqual(crashes.length, 40);
    for (const s of signatures) {
      const images = [...new Set(crashes.filter((c) => c.signature === s.id).map((c) => c.container?.image))].sort();
      assert.deepStrictEqual(images, [`${IMAGE}:1`, `${IMAGE}:2`], s.text);
    }
    // The bugs are what Node printed; the OOM kills left nothing but the engine's record.
    assert.match(signatures.find((s) => kindOf(s.text) === 'unitPrice')?.text ?? '', /^TypeError at .*unitPrice \(pricing\.js\)/);
    assert.match(signatures.find((s) => kindOf(s.text) === 'quotaSlots')?.text ?? '', /^RangeError at .*quotaSlots \(quota\.js\)/);
    for (const c of crashes.filter((c) => kindOf(listing.signatures.find((s) => s.id === c.signature)?.text ?? '') === 'OOM kill in cache')) {
      assert.deepStrictEqual([c.dumps.length, c.death?.oomKilled, c.death?.exitCode], [0, true, 137]);
    }
    // Every report crash of a restarted container was matched with its own death: exit 1 each.
    assert.ok(crashes.filter((c) => c.dumps.length > 0).every((c) => c.death?.exitCode === 1));
    // The container stopped by hand is no crash.
    assert.ok(!crashes.some((c) => c.container?.service === 'idle'));
  });

  test('a rebuild of the catalog from the files finds the same crashes under the same ids and signatures', () => {
    catalogJson(['index', '--rebuild', '--store', store]);
    const rebuilt = catalogJson<CrashesJson>(['crashes', '--store', store, '--cached']);
    const key = (l: CrashesJson) =>
      shopCrashes(l)
        .map((c) => `${c.id} ${c.signature}`)
        .sort();
    assert.deepStrictEqual(key(rebuilt), key(listing));
  });

  test("a crash's log is its container's last lines, byte for byte as docker logs --tail; its neighbours' are of the same minute", () => {
    const crashes = shopCrashes(listing);
    for (const name of projectContainers().filter((n) => n !== idle)) {
      // The container's latest crash: newest first in the listing.
      const latest = crashes.find((c) => c.container?.name === name);
      assert.ok(latest !== undefined, name);
      const crash = catalogJson<CrashJson>(['crash', latest.id, '--lines', String(LOG_LINES), '--store', store, '--cached']);
      assert.strictEqual(crash.log?.container.name, name);
      assertSameAsDockerLogs(name, LOG_LINES, crash.log.lines);
      if (crash.container?.service === 'api') {
        const end = Date.parse(crash.diedAt) + 1000;
        assert.ok(crash.neighbours.length > 0, 'the api has neighbours');
        // The containers compose replaced have the same names: they are neighbours too, told apart by id.
        const outside = crash.neighbours.flatMap((n) => (n.container.id === crash.container?.id ? [`${name} is its own neighbour`] : n.lines.filter((l) => !(Date.parse(l.time) <= end && Date.parse(l.time) >= end - 61_000)).map((l) => `${n.container.name} ${l.time} ${l.text}`)));
        assert.deepStrictEqual(outside, [], `died at ${crash.diedAt}`);
      }
    }
  });

  test("the crash's session (as the Crashes view launches it) shows the stored log in the Debug Console and as a scope", async () => {
    const latest = shopCrashes(listing).find((c) => c.container?.service === 'api' && c.dumps.length > 0);
    assert.ok(latest !== undefined);
    const crash = catalogJson<CrashJson>(['crash', latest.id, '--lines', String(LOG_LINES), '--store', store, '--cached']);
    const log = crash.log;
    assert.ok(log !== null);
    const dc = new DebugClient(process.execPath, ADAPTER, 'salvage');
    const output: DebugProtocol.OutputEvent[] = [];
    await dc.start();
    try {
      dc.on('output', (e: DebugProtocol.OutputEvent) => output.push(e));
      const [lead, ...others] = crash.dumps.map((d) => d.path);
      await Promise.all([dc.configurationSequence(), dc.launch({ dump: lead, dumps: others, crashLog: { own: log, neighbours: crash.neighbours } }), dc.waitForEvent('stopped', 60_000)]);
      const headerAt = () => output.findIndex((e) => e.body.output.startsWith(`Salvage: the last ${LOG_LINES} lines api (container ${log.container.name}) logged before it died`));
      // Let the console's lines arrive: they follow the stop.
      for (let i = 0; i < 100 && (headerAt() < 0 || output.length < headerAt() + 1 + LOG_LINES); i++) await new Promise((r) => setTimeout(r, 100));
      const header = headerAt();
      assert.ok(header >= 0, output.map((e) => e.body.output).join(''));
      const shown = output.slice(header + 1, header + 1 + LOG_LINES).map((e) => ({ stream: e.body.category, text: e.body.output.replace(/\n$/, '') }));
      assertSameAsDockerLogs(
        log.container.name,
        LOG_LINES,
        shown.map((l) => ({ stream: l.stream as 'stdout' | 'stderr', time: '', text: l.text })),
      );
      const thread = (await dc.threadsRequest()).body.threads[0];
      const frame = (await dc.stackTraceRequest({ threadId: thread.id })).body.stackFrames[0];
      const scope = (await dc.scopesRequest({ frameId: frame.id })).body.scopes.find((sc) => sc.name === `Container log: ${log.container.name} (last ${LOG_LINES} lines)`);
      assert.ok(scope !== undefined);
      const variables = (await dc.variablesRequest({ variablesReference: scope.variablesReference })).body.variables;
      assert.deepStrictEqual(
        variables.slice(0, LOG_LINES).map((v) => v.value),
        log.lines.map((l) => l.text),
      );
      assert.strictEqual(variables.length, LOG_LINES + crash.neighbours.length);
    } finally {
      await dc.stop();
    }
  });

  test('collecting changed no container: the same state, restart count and layer as before', () => {
    assert.deepStrictEqual(
      projectContainers().map((n) => `${n} ${dockerState(n)} ${dockerDiff(n).join(',')}`),
      stateBefore,
    );
  });
});
