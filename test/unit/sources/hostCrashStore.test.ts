// Cores caught by this host's crash handler — the real systemd-coredump, with core_pattern pointed at
// it only while the crashes happen — are listed under the container they came from (the Docker
// source's own place of it) and open with their JavaScript frames. Oracles: what Docker says of the container (id, name), what the handler
// wrote in the core's extended attributes (read with getfattr), the stack Node printed as it died,
// and the store file's own bytes before and after (nothing writes to it).

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { makeTempDir } from '../../support/crashNode';
import { type ContainerCrash, crashWithCore } from '../../support/dockerCrashes';
import { docker, ensureDockerSandbox, removeContainers, SANDBOX_HOST } from '../../support/dockerSandbox';
import { COREDUMP_STORE, storedCore, withSystemdCoredump, xattrOf } from '../../support/hostCrashHandler';
import { CLI } from '../../support/repoPaths';
import { crashingJsFrames } from '../../support/stackJson';
import { startSshServer } from '../../support/sshServer';
import { oracleFrames } from '../../support/v8Oracle';

const CONTAINER = 'salvage-host-store-core';
const HOST_SCRIPT = "setTimeout(function hostSide() { throw new Error('crashed on the host'); }, 1);";

interface ListedDump {
  location: string;
  source: string;
  kind: string;
  compression?: string;
  host?: { handler: string; pid: number; comm: string; hostname: string | null; container: { id: string; name: string } | null };
}

function salvageWith(env: NodeJS.ProcessEnv, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, DOCKER_HOST: SANDBOX_HOST, ...env }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function salvage(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  return salvageWith({}, ...args);
}

function digest(file: string): string {
  return `${createHash('sha256').update(fs.readFileSync(file)).digest('hex')} ${fs.statSync(file).mtimeMs}`;
}

suite("cores caught by the host's crash handler (systemd-coredump)", function () {
  this.timeout(300_000);
  let pattern: string;
  let crash: ContainerCrash;
  let containerCore: string;
  let hostCore: string;
  let hostPid: number;
  let hostStderr: string;
  let before: string;

  suiteSetup(async () => {
    ensureDockerSandbox();
    pattern = fs.readFileSync('/proc/sys/kernel/core_pattern', 'utf8');
    const existing = new Set(fs.existsSync(COREDUMP_STORE) ? fs.readdirSync(COREDUMP_STORE).map((f) => `${COREDUMP_STORE}/${f}`) : []);
    const fresh = (file: string) => !existing.has(file) && !file.split('/').pop()?.startsWith('.');
    await withSystemdCoredump(() => {
      crash = crashWithCore(CONTAINER);
      containerCore = storedCore((f) => fresh(f) && xattrOf(f, 'hostname') === crash.id.slice(0, 12));
      const host = spawnSync('/bin/sh', ['-c', `ulimit -c unlimited && exec "${process.execPath}" --abort-on-uncaught-exception -e "${HOST_SCRIPT}"`], { encoding: 'utf8' });
      hostPid = host.pid ?? -1;
      hostStderr = host.stderr;
      hostCore = storedCore((f) => fresh(f) && xattrOf(f, 'pid') === String(hostPid));
    });
    before = digest(containerCore);
  });

  suiteTeardown(() => {
    removeContainers([CONTAINER]);
    for (const file of [containerCore, hostCore]) if (file !== undefined) fs.rmSync(file, { force: true });
  });

  test('the machine is as it was: core_pattern restored, the container holds no core', () => {
    assert.strictEqual(fs.readFileSync('/proc/sys/kernel/core_pattern', 'utf8'), pattern);
    assert.strictEqual(crash.exitCode, 133);
    assert.deepStrictEqual(
      crash.added.filter((f) => /core/.test(f)),
      [],
    );
  });

  test('salvage ls --docker --json: the container core under its container, the host core under none, named by the handler', () => {
    const r = salvage('ls', '--docker', '--json');
    const dumps = (JSON.parse(r.stdout) as { dumps: ListedDump[] }).dumps;
    const fromContainer = dumps.find((d) => d.location === `host://${containerCore}`);
    assert.ok(fromContainer !== undefined, r.stdout);
    assert.deepStrictEqual(
      { source: fromContainer.source, kind: fromContainer.kind, compression: fromContainer.compression, handler: fromContainer.host?.handler, container: fromContainer.host?.container && { id: fromContainer.host.container.id, name: fromContainer.host.container.name } },
      { source: 'host', kind: 'core', compression: 'zstd', handler: 'systemd-coredump', container: { id: crash.id, name: CONTAINER } },
    );
    assert.strictEqual(String(fromContainer.host?.pid), xattrOf(containerCore, 'pid'));
    const fromHost = dumps.find((d) => d.location === `host://${hostCore}`);
    assert.ok(fromHost !== undefined, r.stdout);
    assert.deepStrictEqual({ pid: fromHost.host?.pid, container: fromHost.host?.container }, { pid: hostPid, container: null });
  });

  test("salvage ls --docker: the core under its container as the Docker endpoint lists it; the handler says what core_pattern does and keeps the host's own core", () => {
    const r = salvage('ls', '--docker');
    const lines = r.stdout.split('\n');
    const handler = lines.findIndex((l) => l.startsWith("This host's crash handler"));
    assert.ok(handler >= 0, r.stdout);
    assert.ok(lines[handler].includes('systemd-coredump'), lines[handler]);
    const handlerLines = lines.slice(
      handler + 1,
      lines.findIndex((l, i) => i > handler && !l.startsWith(' ')),
    );
    assert.ok(
      handlerLines.some((l) => l.includes(`host://${hostCore}`)),
      r.stdout,
    );
    assert.ok(!handlerLines.some((l) => l.includes(CONTAINER) || l.includes(containerCore)), r.stdout);
    const place = lines.findIndex((l) => l.trim().startsWith(CONTAINER));
    assert.ok(place >= 0, r.stdout);
    // The container's own place: the one the Docker source lists, with its exit status.
    assert.ok(lines[place].includes('133'), lines[place]);
    assert.ok(lines[place].startsWith('  '), `under its endpoint:\n${r.stdout}`);
    assert.ok(
      lines.slice(place + 1).some((l) => l.includes(`host://${containerCore}`)),
      r.stdout,
    );
    assert.strictEqual(lines.filter((l) => l.trim().startsWith(CONTAINER)).length, 1, r.stdout);
  });

  test('salvage stack host://…: the JavaScript frames Node printed in the container, read through the container', () => {
    const r = salvage('stack', `host://${containerCore}`, '--json');
    assert.strictEqual(r.code, 0, r.stderr);
    assert.ok(oracleFrames(crash.stderr).length > 0, `Node printed no stack:\n${crash.stderr}`);
    assert.deepStrictEqual(crashingJsFrames(r.stdout), oracleFrames(crash.stderr));
    assert.strictEqual(digest(containerCore), before, 'the stored core is never written');
  });

  test("over ssh:// (the test's sshd): that host's store, tied to that endpoint's containers, copied whole and opened with the same frames; doctor reads its core_pattern", async () => {
    const server = await startSshServer();
    try {
      const store = makeTempDir('salvage-ssh-store-');
      const env = { PATH: `${server.trustingBin}:${process.env.PATH ?? ''}`, DOCKER_HOST: server.dockerHost, SALVAGE_DUMP_STORE: store };
      const uri = `host://default${containerCore}`;
      const ls = salvageWith(env, 'ls', '--docker', '--json');
      const listed = (JSON.parse(ls.stdout) as { dumps: ListedDump[] }).dumps.find((d) => d.location === uri);
      assert.ok(listed !== undefined, ls.stdout + ls.stderr);
      assert.deepStrictEqual([listed.kind, listed.compression, listed.host?.pid, listed.host?.container?.id], ['core', 'zstd', Number(xattrOf(containerCore, 'pid')), crash.id]);
      const r = salvageWith(env, 'stack', uri, '--json');
      assert.strictEqual(r.code, 0, r.stderr);
      assert.deepStrictEqual(crashingJsFrames(r.stdout), oracleFrames(crash.stderr));
      const hosts = path.join(store, 'hosts');
      const copy =
        fs
          .readdirSync(hosts)
          .map((d) => path.join(hosts, d, path.basename(containerCore)))
          .find((f) => fs.existsSync(f)) ?? 'no copy';
      assert.strictEqual(createHash('sha256').update(fs.readFileSync(copy)).digest('hex'), digest(containerCore).split(' ')[0]);
      const doctor = JSON.parse(salvageWith(env, 'doctor', '--docker', '--json').stdout) as { hosts: Array<{ host: string; pattern?: { pattern: string } }> };
      assert.strictEqual(doctor.hosts.find((h) => h.host === server.dockerHost)?.pattern?.pattern, fs.readFileSync('/proc/sys/kernel/core_pattern', 'utf8').trim());
    } finally {
      server.close();
    }
    assert.strictEqual(digest(containerCore), before, 'the stored core is never written');
  });

  test('salvage logs host://…: the log of the container the core came from, as docker logs has it; a host core has none', () => {
    const r = salvage('logs', `host://${containerCore}`, '--json');
    assert.strictEqual(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as { container: { id: string }; lines: Array<{ stream: string; text: string }> };
    assert.strictEqual(json.container.id, crash.id);
    const logged = docker(['logs', '--tail', '100', CONTAINER]).stderr;
    assert.strictEqual(
      json.lines
        .filter((l) => l.stream === 'stderr')
        .map((l) => `${l.text}\n`)
        .join(''),
      logged.endsWith('\n') ? logged : `${logged}\n`,
    );
    const none = salvage('logs', `host://${hostCore}`);
    assert.strictEqual(none.code, 1);
    assert.match(none.stderr.trim(), /^salvage: host:\/\/\S+: this core is of no container the engines know/);
  });

  test('salvage stack on the host core: the frames Node printed on the host', () => {
    const r = salvage('stack', `host://${hostCore}`, '--json');
    assert.strictEqual(r.code, 0, r.stderr);
    assert.ok(oracleFrames(hostStderr).length > 0, `Node printed no stack:\n${hostStderr}`);
    assert.deepStrictEqual(crashingJsFrames(r.stdout), oracleFrames(hostStderr));
  });
});
