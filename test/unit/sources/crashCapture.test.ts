// `salvage doctor`: for containers made here in four ways (no core limit and --rm; flags in
// NODE_OPTIONS; flags on node's command line with a volume as working directory; no Node at all)
// it says exactly what each was given. Oracles: the run flags the test chose, the core limit the
// container's own shell reports (`ulimit -c` through docker exec), and — for the fix it proposes —
// a container started with exactly those flags that then runs out of memory: its core, report and
// heap snapshot must be where doctor said they would be.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { docker, dockerDiff, dockerOk, ensureDockerSandbox, removeContainers, SANDBOX_HOST, TEST_IMAGE } from '../../support/dockerSandbox';
import { withSystemdCoredump } from '../../support/hostCrashHandler';
import { CLI } from '../../support/repoPaths';

const PREFIX = `salvage-doctor-${process.pid}`;
const BARE = `${PREFIX}-bare`;
const ENV_FLAGS = `${PREFIX}-env`;
const VOLUME_CWD = `${PREFIX}-volume`;
const NO_NODE = `${PREFIX}-no-node`;
const FIXED = `${PREFIX}-fixed`;
const VOLUME = `${PREFIX}-data`;
/** The volume doctor's fix names. */
const FIX_VOLUME = 'salvage-dumps';
const IDLE = 'setInterval(() => {}, 1000)';
const NODE_OPTIONS = '--abort-on-uncaught-exception --report-on-fatalerror';

interface Check {
  check: string;
  status: 'ok' | 'warn' | 'missing';
  says: string;
}
interface Capture {
  container: { name: string };
  checks: Check[];
  fix?: { run: string[]; drop: string[]; compose: string; dockerfile: string[]; notes: string[] };
}
interface Report {
  hosts: Array<{ host: string; pattern?: { pattern: string; handler: string }; problems: string[] }>;
  containers: Capture[];
  skipped: Array<{ name: string }>;
  problems: string[];
}

function doctor(...args: string[]): Report {
  const r = spawnSync(process.execPath, [CLI, 'doctor', ...args, '--json'], { encoding: 'utf8', env: { ...process.env, DOCKER_HOST: SANDBOX_HOST }, timeout: 120_000 });
  assert.strictEqual(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Report;
}

function capture(report: Report, name: string): Capture {
  const found = report.containers.find((c) => c.container.name === name);
  assert.ok(found, `${name} not checked: ${JSON.stringify(report.containers.map((c) => c.container.name))}`);
  return found;
}

function check(c: Capture, id: string): Check {
  const found = c.checks.find((k) => k.check === id);
  assert.ok(found, `${c.container.name} has no ${id} check: ${JSON.stringify(c.checks)}`);
  return found;
}

suite('salvage doctor: will the next crash leave a dump?', function () {
  this.timeout(300_000);
  let report: Report;

  suiteSetup(() => {
    ensureDockerSandbox();
    removeContainers([BARE, ENV_FLAGS, VOLUME_CWD, NO_NODE, FIXED]);
    dockerOk(['run', '-d', '--rm', '--name', BARE, '--network=none', TEST_IMAGE, 'node', '-e', IDLE]);
    dockerOk(['run', '-d', '--name', ENV_FLAGS, '--network=none', '--ulimit', 'core=-1', '-e', `NODE_OPTIONS=${NODE_OPTIONS}`, TEST_IMAGE, 'node', '-e', IDLE]);
    dockerOk(['create', '--name', VOLUME_CWD, '--network=none', '--ulimit', 'core=-1', '--restart', 'on-failure', '-v', `${VOLUME}:/data`, '-w', '/data', TEST_IMAGE, 'node', '--abort-on-uncaught-exception', '--report-uncaught-exception', '--diagnostic-dir=/data', '-e', IDLE]);
    dockerOk(['create', '--name', NO_NODE, '--network=none', TEST_IMAGE, 'sh', '-c', 'sleep 1']);
    report = doctor('--docker');
  });

  suiteTeardown(() => {
    removeContainers([BARE, ENV_FLAGS, VOLUME_CWD, NO_NODE, FIXED]);
    docker(['volume', 'rm', '-f', VOLUME, FIX_VOLUME]);
  });

  test("the host's core_pattern, as the kernel has it", () => {
    assert.strictEqual(report.hosts[0].pattern?.pattern, fs.readFileSync('/proc/sys/kernel/core_pattern', 'utf8').trim());
  });

  test('no core limit and --rm: the limit the container really has, and a core that --rm throws away', () => {
    const bare = capture(report, BARE);
    const limit = dockerOk(['exec', BARE, 'sh', '-c', 'ulimit -c']).trim();
    const core = check(bare, 'core-limit');
    if (limit === '0') assert.deepStrictEqual([core.status, /^0 bytes by the engine's default/.test(core.says)], ['missing', true], core.says);
    else assert.match(core.says, limit === 'unlimited' ? /^unlimited by the engine's default/ : new RegExp(`^${Number(limit) * 512} bytes`));
    const where = check(bare, 'core-destination');
    assert.deepStrictEqual([where.status, where.says], ['missing', "cores land in /work, in the container's own layer, which `--rm` removes as the container exits"]);
    for (const id of ['core-on-uncaught', 'report', 'heap-snapshot']) assert.strictEqual(check(bare, id).status, 'missing', id);
    assert.deepStrictEqual(bare.fix?.drop, ['--rm']);
    assert.deepStrictEqual(bare.fix?.run.slice(0, 2), ['--ulimit', 'core=-1']);
  });

  test('flags in NODE_OPTIONS are found there, and the fix keeps them', () => {
    const env = capture(report, ENV_FLAGS);
    assert.deepStrictEqual(
      ['core-limit', 'core-on-uncaught', 'report', 'heap-snapshot'].map((id) => check(env, id).status),
      ['ok', 'ok', 'ok', 'missing'],
    );
    assert.match(check(env, 'core-on-uncaught').says, /--abort-on-uncaught-exception in NODE_OPTIONS/);
    assert.match(check(env, 'core-limit').says, /^unlimited by `--ulimit core`/);
    assert.deepStrictEqual(env.fix?.dockerfile, [`ENV NODE_OPTIONS="${NODE_OPTIONS} --heapsnapshot-near-heap-limit=2"`]);
    assert.ok(!env.fix.run.includes('--ulimit'), env.fix.run.join(' '));
  });

  test('flags on the command line and a volume as working directory: kept on the volume, and the report the abort pre-empts', () => {
    const vol = capture(report, VOLUME_CWD);
    assert.deepStrictEqual(check(vol, 'core-destination'), { check: 'core-destination', status: 'ok', says: `cores land in /data, on the volume \`${VOLUME}\`: kept when the container is removed` });
    assert.match(check(vol, 'core-on-uncaught').says, /on the command line/);
    const reportCheck = check(vol, 'report');
    assert.deepStrictEqual([reportCheck.status, /writes nothing while --abort-on-uncaught-exception is set/.test(reportCheck.says)], ['warn', true], reportCheck.says);
    assert.strictEqual(vol.checks.find((k) => k.check === 'diagnostics-folder')?.says, `reports land in /data, on the volume \`${VOLUME}\`: kept when the container is removed`);
  });

  test('a container without Node is left out unless it is named', () => {
    assert.ok(report.skipped.some((s) => s.name === NO_NODE));
    assert.ok(!report.containers.some((c) => c.container.name === NO_NODE));
    const named = doctor(NO_NODE);
    assert.deepStrictEqual(
      named.containers.map((c) => c.container.name),
      [NO_NODE],
    );
    assert.match(check(named.containers[0], 'core-on-uncaught').says, /no `node` on its command line/);
    assert.deepStrictEqual(doctor(`${PREFIX}-nothing`).problems, [`no container "${PREFIX}-nothing" on default`]);
  });

  test('the fix works: a container run with exactly its flags leaves its core, report and heap snapshot where doctor said', () => {
    const fix = capture(report, BARE).fix;
    assert.ok(fix);
    const script = 'const kept = []; setInterval(() => { for (let i = 0; i < 20000; i++) kept.push({ i, s: "x".repeat(16) }); }, 1);';
    const run = spawnSync('sh', ['-c', `docker run --name ${FIXED} --network=none ${fix.run.join(' ')} ${TEST_IMAGE} node --max-old-space-size=24 -e '${script}'`], { encoding: 'utf8', env: { ...process.env, DOCKER_HOST: SANDBOX_HOST }, timeout: 180_000 });
    assert.notStrictEqual(run.status, 0, run.stderr);
    assert.ok(dockerDiff(FIXED).includes('A /work/core'), `no core in /work: ${run.stderr.slice(-800)}`);
    const dumps = dockerOk(['run', '--rm', '--network=none', '-v', `${FIX_VOLUME}:/dumps`, TEST_IMAGE, 'ls', '/dumps']).split('\n');
    assert.ok(
      dumps.some((f) => /^report\..*\.json$/.test(f)),
      dumps.join(' '),
    );
    assert.ok(
      dumps.some((f) => /^Heap\..*\.heapsnapshot$/.test(f)),
      dumps.join(' '),
    );
  });

  test("with systemd-coredump as the handler, cores leave the container and the limit stops mattering (Debian's pattern passes none)", async () => {
    const piped = await withSystemdCoredump(() => doctor(ENV_FLAGS));
    assert.strictEqual(piped.hosts[0].pattern?.handler, 'systemd-coredump');
    assert.deepStrictEqual(piped.hosts[0].problems, []);
    const env = capture(piped, ENV_FLAGS);
    assert.match(check(env, 'core-destination').says, /^cores go to systemd-coredump on the host: a crashing container keeps none/);
    assert.match(check(env, 'core-limit').says, /^the core limit does not matter \(it is unlimited\)/);
  });
});
