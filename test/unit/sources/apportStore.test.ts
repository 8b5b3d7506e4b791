// Cores caught by Ubuntu's real apport (2.28, from Ubuntu's archive: scripts/install-test-deps.sh),
// with core_pattern pointed at it only for this suite: a crash of a packaged program (the machine's
// own /usr/bin/node) becomes a `.crash` report with the core inside; one of a program of no package
// (an official Node binary) leaves only its core in apport's core folder. Oracles: the pids the
// crashed processes had, the stack Node printed as it died, the core apport's own `apport-unpack`
// takes out of the report, and what apport wrote in its log of a container's crash (which it does not keep).

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { DECOMPRESSED_FOLDER } from '../../../src/sources/compressed/decompressedCopy';
import { makeTempDir } from '../../support/crashNode';
import { type ContainerCrash, crashWithCore } from '../../support/dockerCrashes';
import { ensureDockerSandbox, removeContainers, SANDBOX_HOST } from '../../support/dockerSandbox';
import { setCorePattern } from '../../support/hostCrashHandler';
import { officialNode } from '../../support/nodeBinaries';
import { CLI } from '../../support/repoPaths';
import { crashingJsFrames } from '../../support/stackJson';
import { oracleFrames } from '../../support/v8Oracle';

const APPORT = '/usr/share/apport/apport';
/** What apport itself sets when it starts (data/apport, start_apport). */
const APPORT_PATTERN = `|${APPORT} -p%p -s%s -c%c -d%d -P%P -u%u -g%g -F%F -- %E`;
const PIPE_LIMIT = '/proc/sys/kernel/core_pipe_limit';
const PACKAGED_NODE = '/usr/bin/node';
const REPORT = '/var/crash/_usr_bin_node.0.crash';
const CORE_DIR = '/var/lib/apport/coredump';
const APPORT_LOG = '/var/log/apport.log';
const CONTAINER = 'salvage-apport-core';
const SCRIPT = "setTimeout(function underApport() { throw new Error('caught by apport'); }, 1);";

interface ListedDump {
  location: string;
  kind: string;
  compression?: string;
  host?: { handler: string; pid: number | null; comm: string; exe: string | null; signal: string | null; container: unknown };
}

interface Crash {
  pid: number;
  stderr: string;
}

function salvage(env: NodeJS.ProcessEnv, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function crash(node: string): Crash {
  const r = spawnSync('/bin/sh', ['-c', `ulimit -c unlimited && exec "${node}" --abort-on-uncaught-exception -e "${SCRIPT}"`], { encoding: 'utf8' });
  return { pid: r.pid ?? -1, stderr: r.stderr };
}

/** Waits for apport to finish: no apport process left. */
function apportDone(): void {
  const deadline = Date.now() + 60_000;
  while (spawnSync('pgrep', ['-f', APPORT]).status === 0) {
    if (Date.now() > deadline) throw new Error('apport is still running after 60 s');
    spawnSync('sleep', ['0.2']);
  }
}

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

suite("cores caught by Ubuntu's apport", function () {
  this.timeout(300_000);
  const store = makeTempDir('salvage-apport-store-');
  const env = { SALVAGE_DUMP_STORE: store };
  let restorePattern: (() => void) | undefined;
  let savedPipeLimit: string;
  let savedPattern: string;
  let asideReport: string | undefined;
  let packaged: Crash;
  let unpackaged: Crash;
  let plainCore: string;
  /** apport also writes the packaged program's core to its core folder, as the core limit asks. */
  let packagedCore: string;
  let container: ContainerCrash;
  let logAfterContainer: string;
  let filesAfterContainer: string[];
  let listed: ListedDump[];

  suiteSetup(() => {
    assert.ok(fs.existsSync(APPORT), `${APPORT} is missing: run scripts/install-test-deps.sh`);
    assert.strictEqual(spawnSync('dpkg', ['-S', PACKAGED_NODE]).status, 0, `${PACKAGED_NODE} belongs to no package: apport would write no report of it`);
    savedPattern = fs.readFileSync('/proc/sys/kernel/core_pattern', 'utf8');
    savedPipeLimit = fs.readFileSync(PIPE_LIMIT, 'utf8');
    // apport keeps an unseen report rather than write a new one: a report already there is put aside, and back after.
    if (fs.existsSync(REPORT)) fs.renameSync(REPORT, (asideReport = path.join(makeTempDir('salvage-apport-aside-'), 'report')));
    const coresBefore = new Set(fs.existsSync(CORE_DIR) ? fs.readdirSync(CORE_DIR) : []);
    restorePattern = setCorePattern(APPORT_PATTERN);
    // apport reads the crashed process's /proc entry: the kernel keeps it only while a pipe limit is set.
    fs.writeFileSync(PIPE_LIMIT, '10');
    packaged = crash(PACKAGED_NODE);
    apportDone();
    unpackaged = crash(officialNode(22));
    apportDone();
    const newCore = (pid: number) => path.join(CORE_DIR, fs.readdirSync(CORE_DIR).find((f) => !coresBefore.has(f) && f.split('.').at(-2) === String(pid)) ?? 'none');
    plainCore = newCore(unpackaged.pid);
    packagedCore = newCore(packaged.pid);
    ensureDockerSandbox();
    const files = () => [...fs.readdirSync('/var/crash'), ...fs.readdirSync(CORE_DIR)].sort();
    const filesBefore = files();
    const logBefore = fs.existsSync(APPORT_LOG) ? fs.statSync(APPORT_LOG).size : 0;
    container = crashWithCore(CONTAINER);
    apportDone();
    logAfterContainer = fs.readFileSync(APPORT_LOG).subarray(logBefore).toString('utf8');
    filesAfterContainer = files().filter((f) => !filesBefore.includes(f));
    listed = (JSON.parse(salvage(env, 'ls', '--host', '--json').stdout) as { dumps: ListedDump[] }).dumps;
  });

  suiteTeardown(() => {
    restorePattern?.();
    if (savedPipeLimit !== undefined) fs.writeFileSync(PIPE_LIMIT, savedPipeLimit);
    fs.rmSync(REPORT, { force: true });
    for (const core of [plainCore, packagedCore]) fs.rmSync(core ?? 'none', { force: true });
    removeContainers([CONTAINER]);
    if (asideReport !== undefined) fs.renameSync(asideReport, REPORT);
    assert.strictEqual(fs.readFileSync('/proc/sys/kernel/core_pattern', 'utf8'), savedPattern);
  });

  test("the packaged program's report: listed with the pid, exe and signal apport recorded", () => {
    const report = listed.find((d) => d.location === `host://${REPORT}`);
    assert.ok(report !== undefined, JSON.stringify(listed));
    assert.deepStrictEqual(
      { kind: report.kind, compression: report.compression, handler: report.host?.handler, pid: report.host?.pid, comm: report.host?.comm, exe: report.host?.exe, signal: report.host?.signal, container: report.host?.container },
      { kind: 'core', compression: 'apport .crash', handler: 'apport', pid: packaged.pid, comm: 'node', exe: PACKAGED_NODE, signal: 'SIGTRAP', container: null },
    );
  });

  test('salvage stack on the report: the core apport-unpack takes out of it, with the frames Node printed', () => {
    const r = salvage(env, 'stack', `host://${REPORT}`, '--json');
    assert.strictEqual(r.code, 0, r.stderr);
    assert.ok(oracleFrames(packaged.stderr).length > 0, packaged.stderr);
    assert.deepStrictEqual(crashingJsFrames(r.stdout), oracleFrames(packaged.stderr));
    const unpacked = path.join(makeTempDir('salvage-apport-unpack-'), 'out');
    const unpack = spawnSync('apport-unpack', [REPORT, unpacked], { encoding: 'utf8' });
    assert.strictEqual(unpack.status, 0, unpack.stderr);
    const copies = fs.readdirSync(path.join(store, DECOMPRESSED_FOLDER)).map((f) => sha256(path.join(store, DECOMPRESSED_FOLDER, f)));
    assert.deepStrictEqual(copies, [sha256(path.join(unpacked, 'CoreDump'))]);
  });

  test("a program of no package: its core in apport's core folder, listed with its pid, and its frames", () => {
    const core = listed.find((d) => d.location === `host://${plainCore}`);
    assert.ok(core !== undefined, `${plainCore} not in ${JSON.stringify(listed)}`);
    assert.deepStrictEqual({ handler: core.host?.handler, pid: core.host?.pid, compression: core.compression }, { handler: 'apport', pid: unpackaged.pid, compression: undefined });
    const r = salvage(env, 'stack', `host://${plainCore}`, '--json');
    assert.strictEqual(r.code, 0, r.stderr);
    assert.deepStrictEqual(crashingJsFrames(r.stdout), oracleFrames(unpackaged.stderr));
  });

  test('a truncated report: one line naming the file and where it ends, exit 1', () => {
    const cut = path.join(makeTempDir('salvage-apport-cut-'), 'cut.crash');
    const whole = fs.readFileSync(REPORT);
    fs.writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const r = salvage({ SALVAGE_DUMP_STORE: makeTempDir('salvage-apport-cut-store-') }, 'stack', cut);
    assert.strictEqual(r.code, 1, r.stdout);
    const lines = r.stderr.trim().split('\n');
    assert.strictEqual(lines.length, 1, r.stderr);
    assert.ok(lines[0].includes(cut) && lines[0].includes(`the file is truncated (at byte offset ${fs.statSync(cut).size} of ${fs.statSync(cut).size})`), lines[0]);
  });

  test("a container's crash: apport's log says it went to the container, which has no apport, and nothing is kept", () => {
    assert.strictEqual(container.exitCode, 133);
    assert.ok(logAfterContainer.includes('crashed in a container without apport support'), logAfterContainer);
    assert.deepStrictEqual(filesAfterContainer, []);
    assert.deepStrictEqual(
      container.added.filter((f) => /core/.test(f)),
      [],
    );
  });

  test("salvage doctor: apport named as the handler, and the crashed container's cores said to be lost, with the change to make", () => {
    const r = salvage({ ...env, DOCKER_HOST: SANDBOX_HOST }, 'doctor', CONTAINER, '--json');
    const doctor = JSON.parse(r.stdout) as { hosts: Array<{ host: string; pattern?: { handler: string } }>; containers: Array<{ container: { name: string }; checks: Array<{ check: string; status: string }>; fix?: { notes: string[] } }> };
    assert.strictEqual(doctor.hosts.find((h) => h.host === 'this host')?.pattern?.handler, 'apport', r.stdout);
    const checked = doctor.containers.find((c) => c.container.name === CONTAINER);
    assert.strictEqual(checked?.checks.find((c) => c.check === 'core-destination')?.status, 'missing', r.stdout);
    assert.ok(
      checked.fix?.notes.some((n) => n.includes('systemd-coredump')),
      r.stdout,
    );
  });
});
