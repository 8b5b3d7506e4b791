// Cores the kernel writes itself when core_pattern is a plain absolute path with `%` specifiers: one
// of a process of this host, one of a container that bind-mounts that folder at the same path (the
// usual way to keep a container's cores). The pattern is set for this suite only (a listing reads the
// folder the current pattern names) and put back in its teardown. Oracles:
// the pid the host process had, this machine's host name, the container's id from Docker, the time
// around the crash, and the stack Node printed as it died.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { makeTempDir } from '../../support/crashNode';
import { type ContainerCrash, crashWithCore } from '../../support/dockerCrashes';
import { ensureDockerSandbox, removeContainers, SANDBOX_HOST } from '../../support/dockerSandbox';
import { setCorePattern } from '../../support/hostCrashHandler';
import { CLI } from '../../support/repoPaths';
import { crashingJsFrames } from '../../support/stackJson';
import { oracleFrames } from '../../support/v8Oracle';

const CONTAINER = 'salvage-pattern-core';
const HOST_SCRIPT = "setTimeout(function hostSide() { throw new Error('crashed on the host'); }, 1);";

interface ListedDump {
  location: string;
  source: string;
  kind: string;
  host?: { handler: string; pid: number | null; comm: string; hostname: string | null; time: string; container: { id: string; name: string } | null };
}

function salvage(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, DOCKER_HOST: SANDBOX_HOST }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

suite('cores the kernel writes to a plain core_pattern path', function () {
  this.timeout(300_000);
  let saved: string;
  let dir: string;
  let crash: ContainerCrash;
  let hostPid: number;
  let hostStderr: string;
  let startedMs: number;
  let endedMs: number;
  let listed: ListedDump[];
  let restorePattern: (() => void) | undefined;

  suiteSetup(async () => {
    ensureDockerSandbox();
    saved = fs.readFileSync('/proc/sys/kernel/core_pattern', 'utf8');
    dir = makeTempDir('salvage-pattern-cores-');
    startedMs = Math.floor(Date.now() / 1000) * 1000;
    restorePattern = setCorePattern(`${dir}/core.%e.%p.%h.%t`);
    crash = crashWithCore(CONTAINER, ['-v', `${dir}:${dir}`]);
    const host = spawnSync('/bin/sh', ['-c', `ulimit -c unlimited && exec "${process.execPath}" --abort-on-uncaught-exception -e "${HOST_SCRIPT}"`], { encoding: 'utf8' });
    hostPid = host.pid ?? -1;
    hostStderr = host.stderr;
    endedMs = Date.now();
    const r = salvage('ls', '--docker', '--json');
    listed = (JSON.parse(r.stdout) as { dumps: ListedDump[] }).dumps.filter((d) => d.location.startsWith(`host://${dir}/`));
  });

  suiteTeardown(() => {
    restorePattern?.();
    removeContainers([CONTAINER]);
    assert.strictEqual(fs.readFileSync('/proc/sys/kernel/core_pattern', 'utf8'), saved);
  });

  test('the kernel wrote both cores into the folder, and salvage lists them', () => {
    assert.strictEqual(crash.exitCode, 133);
    assert.strictEqual(fs.readdirSync(dir).length, 2, fs.readdirSync(dir).join(', '));
    assert.deepStrictEqual(listed.map((d) => path.basename(d.location)).sort(), fs.readdirSync(dir).sort());
  });

  test("salvage ls --json: the host's core with its pid, host name and time from the name the kernel gave it", () => {
    const host = listed.find((d) => d.host?.pid === hostPid);
    assert.ok(host !== undefined, JSON.stringify(listed));
    const time = Date.parse(host.host?.time ?? '');
    assert.deepStrictEqual({ source: host.source, kind: host.kind, handler: host.host?.handler, comm: host.host?.comm, hostname: host.host?.hostname, container: host.host?.container }, { source: 'host', kind: 'core', handler: 'kernel', comm: 'node', hostname: os.hostname(), container: null });
    assert.ok(time >= startedMs && time <= endedMs, `${host.host?.time} outside the crash`);
  });

  test("salvage ls --json: the container's core tied to the container by its host name", () => {
    const core = listed.find((d) => d.host?.hostname === crash.id.slice(0, 12));
    assert.ok(core !== undefined, JSON.stringify(listed));
    assert.deepStrictEqual({ handler: core.host?.handler, container: core.host?.container && { id: core.host.container.id, name: core.host.container.name } }, { handler: 'kernel', container: { id: crash.id, name: CONTAINER } });
  });

  test('salvage ls: the container core under the container as the Docker endpoint lists it', () => {
    const lines = salvage('ls', '--docker').stdout.split('\n');
    const place = lines.findIndex((l) => l.trim().startsWith(CONTAINER));
    assert.ok(place >= 0 && lines[place].startsWith('  '), lines.join('\n'));
    const next = lines.findIndex((l, i) => i > place && !l.startsWith('      '));
    const core = listed.find((d) => d.host?.hostname === crash.id.slice(0, 12))?.location ?? 'none';
    assert.ok(
      lines.slice(place + 1, next).some((l) => l.includes(core)),
      lines.join('\n'),
    );
  });

  test('salvage stack host://…: each core has the JavaScript frames Node printed as it died', () => {
    for (const [d, stderr] of [
      [listed.find((l) => l.host?.pid === hostPid), hostStderr],
      [listed.find((l) => l.host?.hostname === crash.id.slice(0, 12)), crash.stderr],
    ] as const) {
      assert.ok(d !== undefined && oracleFrames(stderr).length > 0, stderr);
      const r = salvage('stack', d.location, '--json');
      assert.strictEqual(r.code, 0, r.stderr);
      assert.deepStrictEqual(crashingJsFrames(r.stdout), oracleFrames(stderr));
    }
  });
});
