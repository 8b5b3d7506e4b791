// Copying dumps out of real, crashed containers. Oracles: `docker cp` of the same file and
// `sha256sum` of that copy (the bytes must be identical), `docker inspect` (the sidecar's facts),
// `docker diff` and state (the container must not change). Failures — cancellation, a connection
// cut mid-stream, a container removed — must leave no file behind and say what happened.

import * as assert from 'assert';
import { execFile, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { PARTIAL_SUFFIX } from '../../../src/sources/atomicFile';
import { downloadTo, fetchToStore, resolveDockerUri } from '../../../src/sources/docker/dockerDownload';
import type { EndpointEnvironment } from '../../../src/sources/docker/dockerEndpoints';
import { readSidecar } from '../../../src/sources/dumpStore';
import { parseDockerUri } from '../../../src/sources/dumpUri';
import { withDumpSource } from '../../../src/sources/openDumpSource';
import { announcedReport, type ContainerCrash, crashWithCore, crashWithReport } from '../../support/dockerCrashes';
import { cuttingProxy } from '../../support/dockerProxy';
import { docker, dockerDiff, dockerOk, dockerState, ensureDockerSandbox, removeContainers, removeScratch, SANDBOX_HOST, scratchDir, TEST_IMAGE } from '../../support/dockerSandbox';

const prefix = `salvage-dl-${process.pid}`;
const names = { core: `${prefix}-core`, report: `${prefix}-report`, doomed: `${prefix}-doomed`, changing: `${prefix}-changing` };

function sha256sum(file: string): string {
  return spawnSync('sha256sum', [file], { encoding: 'utf8' }).stdout.split(' ')[0];
}

function dockerCpSha(container: string, file: string): { sha: string; size: number } {
  const dir = scratchDir('salvage-cp-');
  dockerOk(['cp', `${container}:${file}`, dir]);
  const copy = path.join(dir, path.basename(file));
  return { sha: sha256sum(copy), size: fs.statSync(copy).size };
}

function environment(host = SANDBOX_HOST): EndpointEnvironment {
  return { env: { DOCKER_HOST: host }, homedir: scratchDir('salvage-home-') };
}

function snapshot(name: string): string {
  return `${dockerDiff(name).join('\n')}\n${dockerState(name)}`;
}

suite('Docker downloads (real engine)', function () {
  this.timeout(180_000);
  let core: ContainerCrash;
  let report: ContainerCrash;
  let reportPath: string;
  let before: Map<string, string>;

  suiteSetup(() => {
    ensureDockerSandbox();
    core = crashWithCore(names.core);
    report = crashWithReport(names.report);
    reportPath = `/tmp/${announcedReport(report.stderr)}`;
    before = new Map([names.core, names.report].map((n) => [n, snapshot(n)]));
  });

  suiteTeardown(() => {
    removeContainers(Object.values(names));
    removeScratch();
  });

  test('pulls the core, report and snapshot: sha256 equal to docker cp, sidecar facts equal to docker inspect', async () => {
    const dest = scratchDir('salvage-pull-');
    const cases: Array<[string, string]> = [
      [names.core, '/work/core'],
      [names.report, reportPath],
      [names.report, '/tmp/before-crash.heapsnapshot'],
    ];
    for (const [container, file] of cases) {
      const resolved = await resolveDockerUri(parseDockerUri(`docker://${container}${file}`), environment());
      const progress: number[] = [];
      const out = path.join(dest, `${container}-${path.basename(file)}`);
      const pulled = await downloadTo(resolved, out, { onProgress: (p) => progress.push(p.bytes) });
      const oracle = dockerCpSha(container, file);
      assert.strictEqual(sha256sum(out), oracle.sha, `${container}:${file}`);
      assert.strictEqual(pulled.metadata.sha256, oracle.sha);
      assert.strictEqual(fs.statSync(out).size, oracle.size);
      assert.strictEqual(progress.at(-1), oracle.size);
      const sidecar = await readSidecar(out);
      assert.ok(sidecar);
      const [id, image, exitCode, finishedAt] = dockerOk(['inspect', '-f', '{{.Id}} {{.Config.Image}} {{.State.ExitCode}} {{.State.FinishedAt}}', container]).trim().split(' ');
      assert.deepStrictEqual([sidecar.container.id, sidecar.container.name, sidecar.container.image, sidecar.container.exitCode, sidecar.pathInContainer, sidecar.size, sidecar.endpoint.host], [id, container, image, Number(exitCode), file, oracle.size, SANDBOX_HOST]);
      assert.strictEqual(sidecar.container.finishedAt, new Date(Date.parse(finishedAt)).toISOString());
      assert.strictEqual(fs.statSync(out).mode & 0o777, 0o600, 'dumps hold secrets: owner-only');
    }
    assert.deepStrictEqual(
      fs.readdirSync(dest).filter((f) => f.endsWith(PARTIAL_SUFFIX)),
      [],
    );
  });

  test('the store copy is reused while the file is unchanged, and fetched again when it changes', async () => {
    const store = scratchDir('salvage-store-');
    const resolved = () => resolveDockerUri(parseDockerUri(`docker://${names.report}${reportPath}`), environment());
    const first = await fetchToStore(await resolved(), store);
    const second = await fetchToStore(await resolved(), store);
    assert.strictEqual(first.reused, false);
    assert.strictEqual(second.reused, true);
    assert.strictEqual(second.path, first.path);
    assert.ok(first.path.startsWith(store) && first.path.endsWith(path.join('tmp', path.basename(reportPath))), first.path);
    // A container whose file is replaced (docker cp, by the test) gets a fresh copy.
    docker(['rm', '-f', names.changing]);
    dockerOk(['create', '--name', names.changing, TEST_IMAGE]);
    const local = scratchDir('salvage-changing-');
    for (const [i, text] of ['{"header":{"reportVersion":3}}', '{"header":{"reportVersion":3}, "padding": "longer now"}'].entries()) {
      fs.writeFileSync(path.join(local, 'r.json'), text);
      dockerOk(['cp', path.join(local, 'r.json'), `${names.changing}:/tmp/r.json`]);
      const stored = await fetchToStore(await resolveDockerUri(parseDockerUri(`docker://${names.changing}/tmp/r.json`), environment()), store);
      assert.strictEqual(stored.reused, false, `version ${i} is downloaded`);
      assert.strictEqual(fs.readFileSync(stored.path, 'utf8'), text);
    }
  });

  test('docker:// opens through withDumpSource: named by its URI, bytes equal to docker cp', async () => {
    const store = scratchDir('salvage-store-');
    const saved = process.env.DOCKER_HOST;
    process.env.DOCKER_HOST = SANDBOX_HOST;
    try {
      const uri = `docker://${names.report}${reportPath}`;
      const { name, bytes, localPath } = await withDumpSource(uri, async (source, o) => ({ name: source.name, bytes: await source.read(0, source.size), localPath: o.localPath }), { storeDir: store });
      assert.strictEqual(name, uri);
      assert.ok(localPath.startsWith(store), `${localPath} is the copy in the store`);
      const dir = scratchDir('salvage-cp-');
      dockerOk(['cp', `${names.report}:${reportPath}`, dir]);
      assert.ok(Buffer.from(bytes).equals(fs.readFileSync(path.join(dir, path.basename(reportPath)))));
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved;
    }
  });

  test('cancelling mid-download leaves nothing behind', async () => {
    const dest = scratchDir('salvage-cancel-');
    const controller = new AbortController();
    const resolved = await resolveDockerUri(parseDockerUri(`docker://${names.core}/work/core`), environment());
    await assert.rejects(downloadTo(resolved, path.join(dest, 'core'), { signal: controller.signal, onProgress: (p) => p.bytes > 1_000_000 && controller.abort() }), /docker:\/\/.*\/work\/core: download cancelled/);
    assert.deepStrictEqual(fs.readdirSync(dest), []);
  });

  test('a connection cut mid-stream is reported, and leaves nothing behind', async () => {
    const proxy = await cuttingProxy(3_000_000);
    try {
      const dest = scratchDir('salvage-cut-');
      const resolved = await resolveDockerUri(parseDockerUri(`docker://${names.core}/work/core`), environment(proxy.host));
      await assert.rejects(downloadTo(resolved, path.join(dest, 'core')), (error: Error) => {
        assert.match(error.message, new RegExp(`^docker://${names.core}/work/core: the connection to Docker at ${proxy.host} broke during the download$`));
        return true;
      });
      assert.deepStrictEqual(fs.readdirSync(dest), []);
    } finally {
      await proxy.close();
    }
  });

  test('a container removed before the download: a clear message, nothing written', async () => {
    docker(['rm', '-f', names.doomed]);
    dockerOk(['create', '--name', names.doomed, TEST_IMAGE]);
    const resolved = await resolveDockerUri(parseDockerUri(`docker://${names.doomed}/bin/node`), environment());
    dockerOk(['rm', '-f', names.doomed]);
    const dest = scratchDir('salvage-gone-');
    await assert.rejects(downloadTo(resolved, path.join(dest, 'node')), /No such container/i);
    assert.deepStrictEqual(fs.readdirSync(dest), []);
  });

  test('docker rm -f during a download: the engine finishes the stream first; the copy is whole', async () => {
    docker(['rm', '-f', names.doomed]);
    crashWithCore(names.doomed);
    const oracle = dockerCpSha(names.doomed, '/work/core');
    const resolved = await resolveDockerUri(parseDockerUri(`docker://${names.doomed}/work/core`), environment());
    const dest = scratchDir('salvage-rm-');
    let removal: Promise<number | null> | undefined;
    const pulled = await downloadTo(resolved, path.join(dest, 'core'), {
      onProgress: () => {
        // Asynchronously: the engine makes the removal wait for the stream this process is reading.
        removal ??= new Promise((resolve) => execFile('docker', ['rm', '-f', names.doomed], { env: { ...process.env, DOCKER_HOST: SANDBOX_HOST } }, (e) => resolve(e === null ? 0 : (e.code as number))));
      },
    });
    assert.strictEqual(await removal, 0);
    assert.strictEqual(pulled.metadata.sha256, oracle.sha);
    assert.strictEqual(docker(['inspect', names.doomed]).status, 1, 'the container is gone');
  });

  test('no such container, no such file, a directory: one clear sentence each', async () => {
    const env = environment();
    await assert.rejects(resolveDockerUri(parseDockerUri(`docker://${prefix}-nope/tmp/core`), env), new RegExp(`docker://${prefix}-nope/tmp/core: no such container "${prefix}-nope" at ${SANDBOX_HOST}`));
    await assert.rejects(resolveDockerUri(parseDockerUri(`docker://${names.core}/work/nope`), env), new RegExp(`docker://${names.core}/work/nope: no such file in container ${names.core}`));
    await assert.rejects(resolveDockerUri(parseDockerUri(`docker://${names.core}/work`), env), /is a directory, not a dump/);
  });

  test('nothing here changed the crashed containers (docker diff and state identical)', () => {
    for (const [name, was] of before) assert.strictEqual(snapshot(name), was, name);
    assert.ok(core.exitCode > 128);
  });
});
