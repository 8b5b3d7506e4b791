// A container's last log lines, read through the Engine API: byte for byte what `docker logs --tail`
// prints (the oracle), per stream, for the json-file driver and for journald (the real
// systemd-journald, started here and cleaned up after); and reading them changes nothing. (Seen
// here: with journald, the engine reads a container's last lines back only a moment after it died,
// drops empty lines, and its --tail can leave out stderr's last lines — the crash — as
// `docker logs --tail` and `journalctl -n` do too.)

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { docker, dockerDiff, dockerOk, ensureDockerSandbox, removeContainers, SANDBOX_HOST, TEST_IMAGE } from '../../support/dockerSandbox';
import { startJournald } from '../../support/hostCrashHandler';
import { assertSameAsDockerLogs } from '../../support/dockerLogOracle';
import { CLI } from '../../support/repoPaths';

const PLAIN = 'salvage-logs-json-file';
const JOURNALD = 'salvage-logs-journald';
/** 300 lines, stderr every seventh, non-ASCII and a long one among them, no newline at the very end, then a crash. */
const SCRIPT = `for (let i = 0; i < 300; i++) (i % 7 === 0 ? process.stderr : process.stdout).write(\`line \${i} ünïcødé \${i === 150 ? 'x'.repeat(5000) : ''}\\n\`);
process.stdout.write('last words without a newline');
setTimeout(function dying() { null.boom(); }, 10);`;

interface LogJson {
  container: { id: string; name: string; exitCode: number | null };
  lines: Array<{ stream: 'stdout' | 'stderr'; time: string; text: string }>;
}

function logs(...args: string[]): LogJson {
  const r = spawnSync(process.execPath, [CLI, 'logs', ...args, '--json'], { encoding: 'utf8', env: { ...process.env, DOCKER_HOST: SANDBOX_HOST }, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  assert.strictEqual(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as LogJson;
}

function assertSameAsDocker(name: string, tail: number): LogJson {
  const json = logs(name, '--tail', String(tail));
  assertSameAsDockerLogs(name, tail, json.lines);
  assert.ok(
    json.lines.every((l) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(l.time)),
    JSON.stringify(json.lines.slice(0, 3)),
  );
  return json;
}

suite("a container's last log lines (salvage logs)", function () {
  this.timeout(300_000);
  let stopJournald: (() => Promise<void>) | undefined;

  suiteSetup(() => {
    ensureDockerSandbox();
    removeContainers([PLAIN, JOURNALD]);
    stopJournald = startJournald();
    for (const [name, driver] of [
      [PLAIN, 'json-file'],
      [JOURNALD, 'journald'],
    ]) {
      const r = docker(['run', '--name', name, '--network=none', '--log-driver', driver, TEST_IMAGE, 'node', '-e', SCRIPT]);
      assert.strictEqual(r.status, 1, r.stderr);
    }
    // journald takes the driver's last lines a moment after the container died: wait until the engine reads them back.
    const deadline = Date.now() + 20_000;
    while (!docker(['logs', JOURNALD]).stderr.includes("reading 'boom'")) {
      if (Date.now() > deadline) throw new Error(`the crash never reached the journal: ${docker(['logs', '--tail', '5', JOURNALD]).stderr}`);
      spawnSync('sleep', ['0.2']);
    }
  });

  suiteTeardown(async () => {
    removeContainers([PLAIN, JOURNALD]);
    await stopJournald?.();
  });

  test('json-file: the last 50 lines, byte for byte as docker logs --tail 50, ending with the crash', () => {
    const json = assertSameAsDocker(PLAIN, 50);
    assert.strictEqual(json.lines.length, 50);
    assert.deepStrictEqual({ name: json.container.name, exitCode: json.container.exitCode }, { name: PLAIN, exitCode: 1 });
    assert.ok(
      json.lines.some((l) => l.stream === 'stderr' && l.text.includes("Cannot read properties of null (reading 'boom')")),
      JSON.stringify(json.lines.slice(-5)),
    );
  });

  test('json-file: every line, the long and the unterminated ones included', () => {
    const json = assertSameAsDocker(PLAIN, 1000);
    assert.ok(json.lines.length > 301, String(json.lines.length));
    assert.ok(json.lines.some((l) => l.text.length > 5000));
    assert.ok(json.lines.some((l) => l.text.startsWith('last words without a newline')));
  });

  test('journald: the same, read back from the journal by the engine', () => {
    // The engine takes the last 50 entries and leaves the empty ones out.
    assert.ok(assertSameAsDocker(JOURNALD, 50).lines.length > 40);
  });

  test("a dump's docker:// location names its container; reading the log changed nothing", () => {
    const before = [dockerDiff(PLAIN).join('\n'), dockerOk(['inspect', '-f', '{{.State.Status}} {{.State.FinishedAt}}', PLAIN])];
    assert.strictEqual(logs(`docker://${PLAIN}/tmp/core`, '--tail', '5').lines.length, 5);
    assert.deepStrictEqual([dockerDiff(PLAIN).join('\n'), dockerOk(['inspect', '-f', '{{.State.Status}} {{.State.FinishedAt}}', PLAIN])], before);
  });
});
