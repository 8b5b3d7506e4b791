// Discovery against a real Docker Engine, through exploreEndpoint — the same code the Dumps view and
// `salvage ls --docker` use — on containers that really crashed. Oracles: `docker diff` (which files
// the crash added), `docker cp` + readelf/JSON (what those files are), `docker inspect` (exit codes,
// state), and the processes' own stderr (the report's name).

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { ContainerDump } from '../../../src/sources/docker/containerDumps';
import type { DockerEndpoint } from '../../../src/sources/docker/dockerEndpoints';
import { type EndpointListing, type ExploredContainer, exploreEndpoint } from '../../../src/sources/docker/dockerExplorer';
import { announcedReport, type ContainerCrash, crashIntoVolume, crashWithCore, crashWithReport } from '../../support/dockerCrashes';
import { docker, dockerDiff, dockerOk, dockerState, ensureDockerSandbox, removeContainers, removeScratch, SANDBOX_HOST, scratchDir, TEST_IMAGE } from '../../support/dockerSandbox';
import { writeHeapSnapshot } from '../../support/realDumps';

const prefix = `salvage-disc-${process.pid}`;
const names = { core: `${prefix}-core`, report: `${prefix}-report`, volume: `${prefix}-volume`, created: `${prefix}-created`, running: `${prefix}-running`, dead: `${prefix}-dead` };
const volume = `${prefix}-vol`;

function dumpsOf(listing: EndpointListing, name: string): ContainerDump[] {
  const found = listing.containers.find((c) => c.container.name === name);
  assert.ok(found, `container ${name} listed`);
  return found.dumps;
}

function explored(listing: EndpointListing, name: string): ExploredContainer {
  const found = listing.containers.find((c) => c.container.name === name);
  assert.ok(found, `container ${name} listed`);
  return found;
}

/**
 * A container in the engine's "dead" state, as a failed removal leaves it: a file of its writable
 * layer is made immutable (on the test engine's own storage), so `docker rm` fails half-way.
 * Returns that file, to make mutable again before the real removal.
 */
function makeDeadContainer(name: string): string {
  docker(['rm', '-f', name]);
  dockerOk(['create', '--name', name, TEST_IMAGE, 'node', '-e', '0']);
  dockerOk(['cp', writeHeapSnapshot(), `${name}:/tmp/report.json`]);
  const file = path.join(dockerOk(['inspect', '-f', '{{.GraphDriver.Data.UpperDir}}', name]).trim(), 'tmp', 'report.json');
  const chattr = spawnSync('chattr', ['+i', file], { encoding: 'utf8' });
  assert.strictEqual(chattr.status, 0, `chattr +i ${file}: ${chattr.stderr}`);
  assert.notStrictEqual(docker(['rm', name]).status, 0, 'the removal fails');
  return file;
}

/** `docker cp` of one file to the host: what the CLI says the file is. */
function copiedOut(container: string, file: string): string {
  const dir = scratchDir('salvage-cp-');
  dockerOk(['cp', `${container}:${file}`, dir]);
  return path.join(dir, path.basename(file));
}

suite('Docker discovery (real engine)', function () {
  this.timeout(180_000);
  const endpoint: DockerEndpoint = { name: 'default', host: SANDBOX_HOST, current: true, explicit: true };
  let core: ContainerCrash;
  let report: ContainerCrash;
  let inVolume: ContainerCrash;
  let before: Map<string, string>;
  let listing: EndpointListing;
  let deadFile: string | undefined;

  suiteSetup(() => {
    ensureDockerSandbox();
    core = crashWithCore(names.core);
    report = crashWithReport(names.report, { 'salvage.dumps': '/tmp/before-crash.heapsnapshot', 'com.docker.compose.project': 'shop' });
    docker(['volume', 'rm', '-f', volume]);
    inVolume = crashIntoVolume(names.volume, volume);
    docker(['rm', '-f', names.created]);
    dockerOk(['create', '--name', names.created, TEST_IMAGE, 'node', '-e', '0']);
    dockerOk(['cp', writeHeapSnapshot(), `${names.created}:/tmp/copied-in.heapsnapshot`]);
    // A big file that is no dump, ahead of the snapshot in the folder's archive: the one-archive read of
    // /tmp stops at its byte budget inside it, and the snapshot must still be found.
    const big = path.join(scratchDir('salvage-big-'), 'aaa-big.bin');
    fs.writeFileSync(big, crypto.randomBytes(24 * 1024 * 1024));
    dockerOk(['cp', big, `${names.created}:/tmp/aaa-big.bin`]);
    docker(['rm', '-f', names.running]);
    dockerOk(['run', '-d', '--name', names.running, '--network=none', TEST_IMAGE, 'node', '-e', "require('v8').writeHeapSnapshot('/tmp/alive.heapsnapshot'); require('fs').writeFileSync('/tmp/ready', ''); setInterval(() => {}, 1000)"]);
    const deadline = Date.now() + 30_000;
    while (!dockerDiff(names.running).includes('A /tmp/ready') && Date.now() < deadline) spawnSync('sleep', ['0.2']);
    deadFile = makeDeadContainer(names.dead);
    before = new Map(Object.values(names).map((n) => [n, `${dockerDiff(n).join('\n')}\n${dockerState(n)}`]));
  });

  suiteTeardown(() => {
    if (deadFile !== undefined) spawnSync('chattr', ['-i', deadFile]);
    removeContainers(Object.values(names));
    docker(['volume', 'rm', '-f', volume]);
    removeScratch();
  });

  test('lists every container with its state and exit code as docker inspect has them', async () => {
    listing = await exploreEndpoint(endpoint);
    assert.strictEqual(listing.error, undefined);
    for (const name of [names.core, names.report, names.volume]) {
      const c = explored(listing, name).container;
      const [state, code, oom] = dockerOk(['inspect', '-f', '{{.State.Status}} {{.State.ExitCode}} {{.State.OOMKilled}}', name]).trim().split(' ');
      assert.strictEqual(c.state, state);
      assert.strictEqual(c.exitCode, Number(code));
      assert.strictEqual(String(c.oomKilled), oom);
    }
    assert.strictEqual(core.exitCode, 133, 'node --abort-on-uncaught-exception dies of SIGTRAP (128 + 5)');
    const created = explored(listing, names.created).container;
    assert.strictEqual(created.state, 'created');
    assert.strictEqual(created.exitCode, undefined);
    assert.strictEqual(explored(listing, names.report).container.labels['com.docker.compose.project'], 'shop');
  });

  test('finds the core of an exited container by content, where docker diff says the kernel wrote it', () => {
    assert.ok(core.added.includes('/work/core'), core.added.join(', '));
    const dumps = dumpsOf(listing, names.core);
    assert.deepStrictEqual(
      dumps.map((d) => [d.path, d.kind]),
      [['/work/core', 'core']],
    );
    const copy = copiedOut(names.core, '/work/core');
    assert.match(spawnSync('readelf', ['-h', copy], { encoding: 'utf8' }).stdout, /Type:\s+CORE/);
    assert.strictEqual(dumps[0].size, fs.statSync(copy).size);
  });

  test('finds the report and the heap snapshot; the label names the snapshot', () => {
    const reportPath = `/tmp/${announcedReport(report.stderr)}`;
    assert.ok(report.added.includes(reportPath) && report.added.includes('/tmp/before-crash.heapsnapshot'), report.added.join(', '));
    const dumps = dumpsOf(listing, names.report);
    const byPath = new Map(dumps.map((d) => [d.path, d]));
    assert.strictEqual(byPath.get(reportPath)?.kind, 'report');
    assert.strictEqual(byPath.get('/tmp/before-crash.heapsnapshot')?.kind, 'heapsnapshot');
    assert.strictEqual(byPath.get('/tmp/before-crash.heapsnapshot')?.foundBy, 'label');
    assert.strictEqual(byPath.get(reportPath)?.foundBy, 'path');
    const copy = JSON.parse(fs.readFileSync(copiedOut(names.report, reportPath), 'utf8'));
    assert.strictEqual(copy.header.event, 'Exception');
    assert.strictEqual(dumps.length, 2, dumps.map((d) => d.path).join(', '));
  });

  test('finds a report written into a volume, which docker diff cannot see', () => {
    const reportPath = `/dumps/${announcedReport(inVolume.stderr)}`;
    assert.ok(!inVolume.added.some((a) => a.startsWith('/dumps/')), 'docker diff does not list files in volumes');
    const dumps = dumpsOf(listing, names.volume);
    assert.deepStrictEqual(
      dumps.map((d) => [d.path, d.kind, d.foundBy]),
      [[reportPath, 'report', 'mount']],
    );
  });

  test('finds a dump copied into a container that never ran, behind a big file that is none', () => {
    assert.ok(dockerDiff(names.created).includes('A /tmp/aaa-big.bin'));
    const dumps = dumpsOf(listing, names.created);
    assert.deepStrictEqual(
      dumps.map((d) => [d.path, d.kind]),
      [['/tmp/copied-in.heapsnapshot', 'heapsnapshot']],
    );
  });

  test('finds a dump in a running container, which keeps running', () => {
    const c = explored(listing, names.running);
    assert.strictEqual(c.container.state, 'running');
    assert.deepStrictEqual(
      c.dumps.map((d) => [d.path, d.kind]),
      [['/tmp/alive.heapsnapshot', 'heapsnapshot']],
    );
    assert.strictEqual(dockerOk(['inspect', '-f', '{{.State.Status}}', names.running]).trim(), 'running');
  });

  test('a second listing reuses classifications and finds the same dumps', async () => {
    const cache = new Map();
    const first = await exploreEndpoint(endpoint, { cache });
    const second = await exploreEndpoint(endpoint, { cache });
    for (const name of Object.values(names)) assert.deepStrictEqual(dumpsOf(second, name), dumpsOf(first, name));
    assert.ok(cache.size >= 4);
  });

  test('a dead container is listed as dead, with why its files cannot be read, as docker cp fails too', () => {
    assert.strictEqual(dockerOk(['inspect', '-f', '{{.State.Status}}', names.dead]).trim(), 'dead');
    const cp = docker(['cp', `${names.dead}:/tmp/report.json`, scratchDir('salvage-cp-dead-')]);
    assert.notStrictEqual(cp.status, 0, 'docker cp cannot read it either');
    const engineSaid = cp.stderr.trim().replace(/^Error response from daemon: /, '');
    const c = explored(listing, names.dead);
    assert.strictEqual(c.container.state, 'dead');
    assert.deepStrictEqual(c.dumps, []);
    assert.ok(c.error?.startsWith('a dead container (its removal failed part-way) whose files the engine cannot read: '), c.error);
    assert.ok(c.error?.endsWith(engineSaid), `${c.error} ends with ${engineSaid}`);
  });

  test('a listing reports each container as it is explored, of as many as docker ps -a lists', async () => {
    const reports: Array<{ ids: string[]; total: number }> = [];
    const final = await exploreEndpoint(endpoint, { onExplored: (explored, total) => reports.push({ ids: explored.map((c) => c.container.id), total }) });
    const cli = dockerOk(['ps', '-aq', '--no-trunc'])
      .split('\n')
      .filter((l) => l !== '');
    assert.strictEqual(reports.length, final.containers.length);
    assert.deepStrictEqual(
      reports.map((r) => r.ids.length),
      reports.map((_, i) => i + 1),
      'one more container each time',
    );
    assert.ok(reports.every((r) => r.total === cli.length));
    assert.deepStrictEqual(reports[reports.length - 1].ids.sort(), cli.sort());
  });

  test('listing never changes a container (docker diff and state identical)', () => {
    for (const [name, was] of before) assert.strictEqual(`${dockerDiff(name).join('\n')}\n${dockerState(name)}`, was, name);
  });
});
