// Finding endpoints the way the Docker CLI does. The oracle is the docker CLI itself: contexts are
// created with `docker context create`/`use` in a private DOCKER_CONFIG, and `docker context ls`
// says which exist, where they point and which is current under each environment. Connections are
// real: through the sandbox socket, a TLS front the docker CLI also uses, and places nothing listens.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import Docker from 'dockerode';
import { DockerClient } from '../../../src/sources/docker/dockerClient';
import { dockerOptions } from '../../../src/sources/docker/dockerConnection';
import { currentEndpoint, type EndpointEnvironment, listEndpoints } from '../../../src/sources/docker/dockerEndpoints';
import { exploreEndpoint } from '../../../src/sources/docker/dockerExplorer';
import { dockerAsync, dockerOk, ensureDockerSandbox, removeScratch, SANDBOX_HOST, scratchDir } from '../../support/dockerSandbox';
import { type TlsFront, tlsFront } from '../../support/dockerTls';

interface CliContext {
  Name: string;
  Current: boolean;
  DockerEndpoint: string;
}

/** `docker context ls` under `env`: the CLI's own answer. */
function cliContexts(env: NodeJS.ProcessEnv): CliContext[] {
  return dockerOk(['context', 'ls', '--format', '{{json .}}'], { env })
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as CliContext);
}

suite('Docker endpoints like the Docker CLI', function () {
  this.timeout(120_000);
  let config: string;
  let home: string;
  const base = (): NodeJS.ProcessEnv => ({ DOCKER_CONFIG: config, DOCKER_HOST: '', DOCKER_CONTEXT: '' });
  const env = (extra: NodeJS.ProcessEnv): EndpointEnvironment => ({ env: { DOCKER_CONFIG: config, ...extra }, homedir: home });

  suiteSetup(() => {
    ensureDockerSandbox();
    config = scratchDir('salvage-dockercfg-');
    home = scratchDir('salvage-home-');
    const certs = scratchDir('salvage-certs-');
    fs.writeFileSync(path.join(certs, 'ca.pem'), fs.readFileSync('/etc/ssl/certs/ca-certificates.crt'));
    dockerOk(['context', 'create', 'sandbox', '--description', 'the test engine', '--docker', `host=${SANDBOX_HOST}`], { env: base() });
    dockerOk(['context', 'create', 'remote-tls', '--docker', `host=tcp://127.0.0.1:2376,ca=${path.join(certs, 'ca.pem')}`], { env: base() });
    dockerOk(['context', 'create', 'over-ssh', '--docker', 'host=ssh://builder@build.example.invalid:2222'], { env: base() });
  });

  suiteTeardown(removeScratch);

  const scenarios: Array<[string, NodeJS.ProcessEnv, string | undefined]> = [
    ['no variables, no current context', {}, undefined],
    ['DOCKER_CONTEXT', { DOCKER_CONTEXT: 'over-ssh' }, undefined],
    ['DOCKER_HOST (wins over DOCKER_CONTEXT)', { DOCKER_HOST: 'tcp://10.0.0.9:2375', DOCKER_CONTEXT: 'over-ssh' }, undefined],
    ['the current context in config.json', {}, 'sandbox'],
  ];
  for (const [what, vars, use] of scenarios) {
    test(`the same endpoints and current one as docker context ls: ${what}`, async () => {
      dockerOk(['context', 'use', use ?? 'default'], { env: base() });
      const cli = cliContexts({ ...base(), ...vars });
      const ours = await listEndpoints(env(vars));
      assert.deepStrictEqual(
        ours.map((e) => [e.name, e.host, e.current]),
        cli.map((c) => [c.Name, c.DockerEndpoint, c.Current]),
      );
      const current = await currentEndpoint(env(vars));
      assert.strictEqual(current.name, cli.find((c) => c.Current)?.Name);
    });
  }

  test('a context with TLS material uses the files docker context inspect names', async () => {
    const inspect = JSON.parse(dockerOk(['context', 'inspect', 'remote-tls'], { env: base() }))[0];
    const ours = (await listEndpoints(env({}))).find((e) => e.name === 'remote-tls');
    assert.ok(ours?.tls);
    assert.strictEqual(ours.tls.ca, path.join(inspect.Storage.TLSPath, 'docker', 'ca.pem'));
    assert.ok(fs.existsSync(ours.tls.ca ?? ''));
    assert.strictEqual(ours.tls.verify, true);
  });

  // ssh:// is not compared: Salvage runs the system's ssh as the docker CLI does (dockerSsh.test.ts).
  test('unix and tcp hosts become the connection docker-modem itself derives from DOCKER_HOST', async () => {
    const saved = process.env.DOCKER_HOST;
    try {
      for (const host of ['unix:///run/user/1000/docker.sock', 'tcp://10.1.2.3:2375']) {
        process.env.DOCKER_HOST = host;
        const theirs = new Docker().modem as unknown as Record<string, unknown>;
        const ours = new Docker(await dockerOptions(await currentEndpoint(env({ DOCKER_HOST: host })))).modem as unknown as Record<string, unknown>;
        for (const field of ['socketPath', 'host', 'protocol', 'username']) assert.deepStrictEqual(ours[field], theirs[field], `${host}: ${field}`);
        assert.strictEqual(String((ours.port as string | number | undefined) ?? ''), String((theirs.port as string | number | undefined) ?? ''), `${host}: port`);
        assert.strictEqual(ours.version, 'v1.41', 'every request is pinned to Engine API 1.41');
      }
    } finally {
      if (saved === undefined) delete process.env.DOCKER_HOST;
      else process.env.DOCKER_HOST = saved;
    }
  });

  suite('connecting', () => {
    let front: TlsFront;
    suiteSetup(async () => {
      front = await tlsFront();
    });
    suiteTeardown(() => front.close());

    test('tcp + TLS with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH: the same containers the docker CLI lists through it', async () => {
      const vars = { DOCKER_HOST: front.host, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: front.certPath };
      const r = await dockerAsync(['ps', '-aq', '--no-trunc'], { ...base(), ...vars });
      assert.strictEqual(r.status, 0, r.stderr);
      const cli = r.stdout
        .split('\n')
        .filter((l) => l !== '')
        .sort();
      const client = await DockerClient.open(await currentEndpoint(env(vars)));
      const ours = (await client.listContainers()).map((c) => c.id).sort();
      assert.deepStrictEqual(ours, cli);
    });

    test('a client certificate the daemon does not trust: refused, and said so', async () => {
      const vars = { DOCKER_HOST: front.host, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: front.strangerCertPath };
      assert.notStrictEqual((await dockerAsync(['ps'], { ...base(), ...vars })).status, 0, 'the docker CLI is refused too');
      const listing = await exploreEndpoint(await currentEndpoint(env(vars)));
      assert.ok(listing.error);
      assert.strictEqual(listing.error.message, `Docker at ${front.host} closed the TLS connection: is it running, and does it accept the client certificate ${path.join(front.strangerCertPath, 'cert.pem')}?`);
    });

    test('TLS files that are not certificates: named in the message', async () => {
      const broken = scratchDir('salvage-badcert-');
      for (const f of ['ca.pem', 'cert.pem', 'key.pem']) fs.writeFileSync(path.join(broken, f), 'not a certificate\n');
      const listing = await exploreEndpoint(await currentEndpoint(env({ DOCKER_HOST: front.host, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: broken })));
      assert.match(listing.error?.message ?? '', new RegExp(`^TLS failed talking to Docker at ${front.host}: .*(PEM|certificate|no start line)`, 'i'));
    });

    test('nothing listening: "Cannot connect to Docker at …: is it running?"', async () => {
      for (const host of [`unix://${scratchDir()}/missing.sock`, 'tcp://127.0.0.1:1']) {
        const listing = await exploreEndpoint(await currentEndpoint(env({ DOCKER_HOST: host })));
        assert.match(listing.error?.message ?? '', new RegExp(`^Cannot connect to Docker at ${host.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: is it running\\?`));
        assert.strictEqual(listing.error?.reason, 'unreachable');
      }
    });
  });
});
