// ssh:// Docker hosts end to end: a real OpenSSH server in front of the sandbox engine. The oracle
// is the docker CLI, which reaches ssh:// hosts through the system's ssh too: both are given the
// same ssh (a wrapper first on PATH with the test's keys and known_hosts), and must see the same.

import * as assert from 'assert';
import { DockerClient } from '../../../src/sources/docker/dockerClient';
import type { DockerEndpoint } from '../../../src/sources/docker/dockerEndpoints';
import { exploreContainer, exploreEndpoint } from '../../../src/sources/docker/dockerExplorer';
import { dockerAsync, dockerOk, ensureDockerSandbox, removeContainers, SANDBOX_HOST, TEST_IMAGE } from '../../support/dockerSandbox';
import { writeHeapSnapshot } from '../../support/realDumps';
import { type SshServer, startSshServer } from '../../support/sshServer';

suite('Docker over ssh:// (real sshd, real engine)', function () {
  this.timeout(120_000);
  const name = `salvage-ssh-${process.pid}`;
  let server: SshServer;
  const savedPath = process.env.PATH;
  const endpoint = (): DockerEndpoint => ({ name: 'over-ssh', host: server.dockerHost, current: true, explicit: true });
  const usingSsh = (bin: string) => {
    process.env.PATH = `${bin}:${savedPath ?? ''}`;
  };

  suiteSetup(async () => {
    ensureDockerSandbox();
    server = await startSshServer();
    removeContainers([name]);
    dockerOk(['create', '--name', name, TEST_IMAGE, 'node', '-e', '0']);
    dockerOk(['cp', writeHeapSnapshot(), `${name}:/tmp/over-ssh.heapsnapshot`]);
  });

  teardown(() => {
    process.env.PATH = savedPath;
  });

  suiteTeardown(() => {
    removeContainers([name]);
    server?.close();
  });

  test('lists the containers the docker CLI lists over the same ssh', async () => {
    usingSsh(server.trustingBin);
    const cli = await dockerAsync(['ps', '-aq', '--no-trunc'], { DOCKER_HOST: server.dockerHost });
    assert.strictEqual(cli.status, 0, cli.stderr);
    const expected = cli.stdout
      .split('\n')
      .filter((l) => l !== '')
      .sort();
    assert.ok(expected.length > 0);
    const client = await DockerClient.open(endpoint());
    assert.deepStrictEqual((await client.listContainers()).map((c) => c.id).sort(), expected);
  });

  test("finds a container's dumps over ssh exactly as over the engine's socket", async () => {
    usingSsh(server.trustingBin);
    const local = await exploreContainer(await DockerClient.open({ name: 'default', host: SANDBOX_HOST, current: true, explicit: true }), name);
    const remote = await exploreContainer(await DockerClient.open(endpoint()), name);
    assert.deepStrictEqual(
      local?.dumps.map((d) => [d.path, d.kind]),
      [['/tmp/over-ssh.heapsnapshot', 'heapsnapshot']],
    );
    assert.deepStrictEqual(remote?.dumps, local?.dumps);
  });

  test("a host key that does not match known_hosts: refused, with ssh's reason", async () => {
    usingSsh(server.distrustingBin);
    const cli = await dockerAsync(['ps'], { DOCKER_HOST: server.dockerHost });
    assert.notStrictEqual(cli.status, 0, 'the docker CLI is refused too');
    const listing = await exploreEndpoint(endpoint());
    assert.strictEqual(listing.error?.reason, 'unreachable');
    assert.match(listing.error?.message ?? '', new RegExp(`^Cannot reach Docker at ${server.dockerHost.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: ssh 127\\.0\\.0\\.1 exited with 255: Host key verification failed\\.$`));
  });
});
