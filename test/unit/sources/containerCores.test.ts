// A core from a container, read with that container's binaries. The crashing node runs from a path
// that exists only inside the container (/work/salvage-node), so nothing on the host can stand in
// for it. Oracles: gdb's backtrace of `docker cp` copies of the core and the binary (the native frame
// names), readelf's build-id of the `docker cp` binary, sha256sum of both copies.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { fetchContainerBinaries } from '../../../src/sources/docker/containerBinaries';
import { DockerClient } from '../../../src/sources/docker/dockerClient';
import { currentEndpoint } from '../../../src/sources/docker/dockerEndpoints';
import { CORE_SCRIPT } from '../../support/dockerCrashes';
import { docker, dockerDiff, dockerOk, dockerState, ensureDockerSandbox, removeContainers, removeScratch, SANDBOX_HOST, scratchDir, TEST_IMAGE } from '../../support/dockerSandbox';
import { CLI } from '../../support/repoPaths';

const name = `salvage-cores-${process.pid}`;
const NODE_IN_CONTAINER = '/work/salvage-node';

function salvage(args: string[], store: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, DOCKER_HOST: SANDBOX_HOST, SALVAGE_DUMP_STORE: store }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** gdb's frame names for the crashing thread, up to the first frame it cannot name. */
function gdbFrames(binary: string, core: string): string[] {
  const out = spawnSync('gdb', ['-batch', '-nx', '-ex', 'set debuginfod enabled off', '-ex', 'bt 40', binary, core], { encoding: 'utf8' }).stdout;
  const names: string[] = [];
  for (const line of out.split('\n')) {
    const m = /^#(\d+)\s+(?:0x[0-9a-f]+ in )?(.+?) \(/.exec(line);
    if (m === null || Number(m[1]) !== names.length) continue;
    if (m[2] === '??') break;
    names.push(m[2]);
  }
  return names;
}

function sha256sum(file: string): string {
  return spawnSync('sha256sum', [file], { encoding: 'utf8' }).stdout.split(' ')[0];
}

suite('cores from containers, with the container binaries', function () {
  this.timeout(240_000);
  let copies: string;
  let before: string;
  let run: { stderr: string };
  /** Bound at /compressed in the container: the core as the zstd CLI compressed it, seen through the engine. */
  let compressed: string;

  suiteSetup(() => {
    ensureDockerSandbox();
    docker(['rm', '-f', name]);
    compressed = scratchDir('salvage-zst-');
    run = docker(['run', '--name', name, '--network=none', '--ulimit', 'core=-1', '-v', `${compressed}:/compressed:ro`, '-e', `SCRIPT=${CORE_SCRIPT}`, TEST_IMAGE, 'sh', '-c', `busybox cp /bin/node ${NODE_IN_CONTAINER} && exec ${NODE_IN_CONTAINER} --abort-on-uncaught-exception -e "$SCRIPT"`]);
    assert.ok(dockerDiff(name).includes('A /work/core'), `no core written: ${run.stderr}`);
    copies = scratchDir('salvage-cp-');
    dockerOk(['cp', `${name}:/work/core`, copies]);
    dockerOk(['cp', `${name}:${NODE_IN_CONTAINER}`, copies]);
    const zstd = spawnSync('zstd', ['-q', '-3', path.join(copies, 'core'), '-o', path.join(compressed, 'core.zst')], { encoding: 'utf8' });
    assert.strictEqual(zstd.status, 0, zstd.stderr);
    before = `${dockerDiff(name).join('\n')}\n${dockerState(name)}`;
  });

  suiteTeardown(() => {
    removeContainers([name]);
    removeScratch();
  });

  test('salvage stack docker://…: native frames as gdb names them with the docker cp binary, JS frames as Node printed them', () => {
    const gdb = gdbFrames(path.join(copies, 'salvage-node'), path.join(copies, 'core'));
    assert.ok(gdb.length >= 3 && gdb[0].includes('Abort'), `gdb: ${gdb.join(' | ')}`);
    const r = salvage(['stack', `docker://${name}/work/core`, '--json'], scratchDir('salvage-store-'));
    assert.strictEqual(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as { crashingThread: number; threads: Array<{ tid: number; frames: Array<{ kind: string; function: string; file?: string; line?: number; column?: number }> }> };
    const frames = json.threads.find((t) => t.tid === json.crashingThread)?.frames ?? [];
    const leadingNative = frames.slice(
      0,
      frames.findIndex((f) => f.kind !== 'native'),
    );
    assert.ok(leadingNative.length >= 3, JSON.stringify(frames.slice(0, 6)));
    assert.deepStrictEqual(
      leadingNative.map((f) => f.function),
      gdb.slice(0, leadingNative.length),
    );
    // --abort-on-uncaught-exception prints the JS stack after "FROM" before it aborts.
    const printed = run.stderr
      .split('\n')
      .slice(run.stderr.split('\n').indexOf('FROM') + 1)
      .filter((l) => / \(.*:\d+:\d+\)$/.test(l));
    assert.ok(printed.length >= 4, run.stderr);
    const js = frames.filter((f) => f.kind === 'js').map((f) => `${f.function} (${f.file}:${f.line}:${f.column})`);
    assert.deepStrictEqual(js, printed);
  });

  test('the core compressed by zstd, read from the container, gets the same binaries and the same frames', () => {
    const raw = salvage(['stack', `docker://${name}/work/core`, '--json'], scratchDir('salvage-store-'));
    const zst = salvage(['stack', `docker://${name}/compressed/core.zst`, '--json'], scratchDir('salvage-store-'));
    assert.strictEqual(zst.code, 0, zst.stderr);
    assert.doesNotMatch(zst.stderr, new RegExp(NODE_IN_CONTAINER), 'the container binary was not found');
    const frames = (out: string) => (JSON.parse(out) as { threads: unknown[] }).threads;
    assert.deepStrictEqual(frames(zst.stdout), frames(raw.stdout));
  });

  test('the same core without its container binaries cannot be symbolised that way', () => {
    const r = salvage(['stack', path.join(copies, 'core'), '--json'], scratchDir('salvage-store-'));
    const top = r.code === 0 ? (JSON.parse(r.stdout).threads[0]?.frames[0]?.function as string | undefined) : undefined;
    assert.notStrictEqual(top, gdbFrames(path.join(copies, 'salvage-node'), path.join(copies, 'core'))[0], r.stderr);
    assert.match(r.stderr, new RegExp(`${NODE_IN_CONTAINER}`));
  });

  test('binaries are cached by the build-id readelf reads, byte-identical to docker cp, and reused', async () => {
    const store = scratchDir('salvage-store-');
    const client = await DockerClient.open(await currentEndpoint({ env: { DOCKER_HOST: SANDBOX_HOST }, homedir: store }));
    const id = dockerOk(['inspect', '-f', '{{.Id}}', name]).trim();
    const first = await fetchContainerBinaries(client, { id, name }, [NODE_IN_CONTAINER, '/lib/x86_64-linux-gnu/libc.so.6', '[vdso]', '/dev/zero (deleted)', '/usr/share/nothing'], store);
    const node = first.files.find((f) => f.path === NODE_IN_CONTAINER);
    const readelf = /Build ID: ([0-9a-f]+)/.exec(spawnSync('readelf', ['-n', path.join(copies, 'salvage-node')], { encoding: 'utf8' }).stdout)?.[1];
    assert.ok(readelf);
    assert.strictEqual(node?.buildId, readelf);
    assert.strictEqual(node?.localPath, path.join(store, 'build-id', readelf, 'salvage-node'));
    assert.strictEqual(sha256sum(node.localPath), sha256sum(path.join(copies, 'salvage-node')));
    assert.strictEqual(sha256sum(path.join(first.sysroot, 'work', 'salvage-node')), sha256sum(path.join(copies, 'salvage-node')));
    assert.deepStrictEqual(
      first.files.map((f) => f.path),
      [NODE_IN_CONTAINER, '/lib/x86_64-linux-gnu/libc.so.6', '/usr/share/nothing'],
    );
    assert.match(first.files[2].problem ?? '', /no such (file|container)|Could not find/i);
    const second = await fetchContainerBinaries(client, { id, name }, [NODE_IN_CONTAINER], store);
    assert.strictEqual(second.files[0].reused, true);
    const expected = await fetchContainerBinaries(client, { id, name }, [{ path: NODE_IN_CONTAINER, buildId: '00'.repeat(20) }], store);
    assert.match(expected.files[0].problem ?? '', /has build-id .* but the core's process had 0000/);
    assert.strictEqual(expected.files[0].localPath, undefined);
    assert.ok(fs.existsSync(node.localPath));
  });

  test('reading the core and its binaries never changed the container', () => {
    assert.strictEqual(`${dockerDiff(name).join('\n')}\n${dockerState(name)}`, before);
  });
});
