// Where a journal runs, systemd-coredump logs the control group of each crashed process, and with it
// the container's full id: two containers given the same --hostname, both alive when one crashes,
// cannot be told apart by the host name the handler records, but the journal says which one it was.
// Real parts: the real systemd-journald and systemd-coredump (started here, stopped and cleaned up
// after), the real engine. Oracles: Docker's ids, and journalctl's own COREDUMP_CGROUP field.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { docker, dockerOk, ensureDockerSandbox, removeContainers, SANDBOX_HOST, TEST_IMAGE } from '../../support/dockerSandbox';
import { COREDUMP_STORE, startJournald, storedCore, withSystemdCoredump, xattrOf } from '../../support/hostCrashHandler';
import { CLI } from '../../support/repoPaths';

const CRASHING = 'salvage-journal-crash';
const DECOY = 'salvage-journal-decoy';
const HOSTNAME = 'shared-name';

interface ListedDump {
  location: string;
  host?: { hostname: string | null; container: { id: string; name: string } | null };
}

suite('the journal ties a host-caught core to its container by id (systemd-journald)', function () {
  this.timeout(300_000);
  let stopJournald: (() => Promise<void>) | undefined;
  let crashingId: string;
  let decoyId: string;
  let core: string;
  let cgroup: string;

  suiteSetup(async () => {
    ensureDockerSandbox();
    removeContainers([CRASHING, DECOY]);
    stopJournald = startJournald();
    const existing = new Set(fs.existsSync(COREDUMP_STORE) ? fs.readdirSync(COREDUMP_STORE) : []);
    await withSystemdCoredump(() => {
      // The crashing one starts first and waits; the decoy, newer and alive, shares its host name.
      crashingId = dockerOk(['run', '-d', '--name', CRASHING, '--hostname', HOSTNAME, '--network=none', TEST_IMAGE, 'node', '--abort-on-uncaught-exception', '-e', "setTimeout(function late() { throw new Error('crashed'); }, 3000)"]).trim();
      decoyId = dockerOk(['run', '-d', '--name', DECOY, '--hostname', HOSTNAME, '--network=none', TEST_IMAGE, 'node', '-e', 'setTimeout(() => {}, 600000)']).trim();
      docker(['wait', CRASHING]);
      core = storedCore((f) => !existing.has(f.split('/').pop() ?? '') && xattrOf(f, 'hostname') === HOSTNAME);
    });
    // systemd-coredump logs after it has stored the file.
    const deadline = Date.now() + 20_000;
    for (;;) {
      const r = spawnSync('journalctl', ['--no-pager', '-o', 'json', `COREDUMP_FILENAME=${core}`], { encoding: 'utf8' });
      const entry = r.stdout.split('\n').find((l) => l.includes('COREDUMP_CGROUP'));
      if (entry !== undefined) {
        cgroup = (JSON.parse(entry) as { COREDUMP_CGROUP: string }).COREDUMP_CGROUP;
        break;
      }
      if (Date.now() > deadline) throw new Error(`no journal entry for ${core}: ${r.stdout}${r.stderr}`);
      spawnSync('sleep', ['0.2']);
    }
  });

  suiteTeardown(async () => {
    removeContainers([CRASHING, DECOY]);
    if (core !== undefined) fs.rmSync(core, { force: true });
    await stopJournald?.();
  });

  test("journalctl's COREDUMP_CGROUP names the crashing container's id", () => {
    assert.ok(cgroup.includes(crashingId), cgroup);
  });

  test('salvage ls --json: the core under the container that crashed, not the live one of the same host name', () => {
    const r = spawnSync(process.execPath, [CLI, 'ls', '--docker', '--json'], { encoding: 'utf8', env: { ...process.env, DOCKER_HOST: SANDBOX_HOST }, timeout: 120_000 });
    const listed = (JSON.parse(r.stdout) as { dumps: ListedDump[] }).dumps.find((d) => d.location === `host://${core}`);
    assert.ok(listed !== undefined, r.stdout);
    assert.strictEqual(listed.host?.hostname, HOSTNAME);
    assert.deepStrictEqual(listed.host?.container && { id: listed.host.container.id, name: listed.host.container.name }, { id: crashingId, name: CRASHING });
    assert.notStrictEqual(decoyId, crashingId);
  });
});
