// `salvage ls` as users run it (dist/cli.js), on real dumps in a folder and in real crashed
// containers; then the docker:// locations it prints, fed to `salvage info` and `salvage report`.
// Oracles: how each dump was made, `docker inspect`, bash's own name for an exit status (`kill -l`),
// and what Node printed in the container. Unreachable and forbidden daemons: one line, non-zero exit.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { crashNodeSource, stderrErrorLine } from '../../support/crashNode';
import { announcedReport, type ContainerCrash, crashWithCore, crashWithReport } from '../../support/dockerCrashes';
import { dockerOk, ensureDockerSandbox, removeContainers, removeScratch, SANDBOX_HOST, scratchDir } from '../../support/dockerSandbox';
import { writeHeapSnapshot } from '../../support/realDumps';
import { CLI } from '../../support/repoPaths';

const prefix = `salvage-ls-${process.pid}`;

interface Listed {
  location: string;
  source: string;
  kind: string;
  size: number;
  docker?: { path: string; container: { name: string; exitCode: number | null; signal: string | null; state: string } };
}

function salvage(args: string[], env: NodeJS.ProcessEnv = {}, prefixArgs: string[] = []): { code: number | null; stdout: string; stderr: string } {
  const store = scratchDir('salvage-store-');
  const r = spawnSync(prefixArgs[0] ?? process.execPath, [...prefixArgs.slice(1), ...(prefixArgs.length > 0 ? [process.execPath] : []), CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DOCKER_HOST: SANDBOX_HOST, SALVAGE_DUMP_STORE: store, ...env },
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

suite('salvage ls', function () {
  this.timeout(180_000);
  let core: ContainerCrash;
  let report: ContainerCrash;

  suiteSetup(() => {
    ensureDockerSandbox();
    core = crashWithCore(`${prefix}-core`);
    report = crashWithReport(`${prefix}-report`);
  });
  suiteTeardown(() => {
    removeContainers([core.name, report.name]);
    removeScratch();
  });

  test('a folder: the report and snapshot real processes wrote, by content, not by name', () => {
    const dir = scratchDir('salvage-ls-');
    const crash = crashNodeSource('null.boom()');
    assert.ok(crash.reportPath);
    fs.copyFileSync(crash.reportPath, path.join(dir, 'core'));
    fs.copyFileSync(writeHeapSnapshot(), path.join(dir, 'heap.bin'));
    fs.writeFileSync(path.join(dir, 'report.json'), JSON.stringify({ header: {}, padding: 'x'.repeat(200) }));
    const r = salvage(['ls', dir, '--json']);
    assert.strictEqual(r.code, 0, r.stderr);
    const dumps = (JSON.parse(r.stdout).dumps as Listed[]).map((d) => [path.basename(d.location), d.kind, d.source]).sort();
    assert.deepStrictEqual(dumps, [
      ['core', 'report', 'local'],
      ['heap.bin', 'heapsnapshot', 'local'],
    ]);
  });

  test("--docker: the stopped containers' dumps, with the exit status docker inspect and bash report", () => {
    const r = salvage(['ls', '--docker', '--json']);
    assert.strictEqual(r.code, 0, r.stderr);
    const dumps = JSON.parse(r.stdout).dumps as Listed[];
    const coreDump = dumps.find((d) => d.docker?.container.name === core.name);
    assert.ok(coreDump, 'the core is listed');
    assert.strictEqual(coreDump.location, `docker://${core.name}/work/core`);
    assert.strictEqual(coreDump.kind, 'core');
    assert.strictEqual(coreDump.docker?.container.exitCode, Number(dockerOk(['inspect', '-f', '{{.State.ExitCode}}', core.name]).trim()));
    const bashName = spawnSync('bash', ['-c', `kill -l ${core.exitCode}`], { encoding: 'utf8' }).stdout.trim();
    assert.strictEqual(coreDump.docker?.container.signal, `SIG${bashName}`);
    const reportFile = `/tmp/${announcedReport(report.stderr)}`;
    const kinds = dumps
      .filter((d) => d.docker?.container.name === report.name)
      .map((d) => [d.docker?.path, d.kind])
      .sort();
    assert.deepStrictEqual(kinds, [
      ['/tmp/before-crash.heapsnapshot', 'heapsnapshot'],
      [reportFile, 'report'],
    ]);
    const text = salvage(['ls', '--docker']);
    assert.match(text.stdout, new RegExp(`${core.name}  exited ${core.exitCode} \\(SIG${bashName}\\)`));
    assert.match(text.stdout, new RegExp(`core .*docker://${core.name}/work/core`));
  });

  test('the docker:// locations it prints work with info and report', () => {
    const reportUri = `docker://${report.name}/tmp/${announcedReport(report.stderr)}`;
    const info = salvage(['info', `docker://${core.name}/work/core`, '--json']);
    assert.strictEqual(info.code, 0, info.stderr);
    assert.strictEqual(JSON.parse(info.stdout).kind, 'core');
    assert.strictEqual(JSON.parse(info.stdout).file, `docker://${core.name}/work/core`);
    const rep = salvage(['report', reportUri, '--json']);
    assert.strictEqual(rep.code, 0, rep.stderr);
    const json = JSON.parse(rep.stdout);
    assert.strictEqual(json.file, reportUri);
    assert.strictEqual(json.description, `Uncaught ${stderrErrorLine(report.stderr)}`);
    assert.strictEqual(json.header.cwd, dockerOk(['inspect', '-f', '{{.Config.WorkingDir}}', report.name]).trim());
  });

  test('an unreachable daemon: one line naming it, exit 1, for ls, info and pull', () => {
    const host = `unix://${scratchDir()}/docker.sock`;
    const dest = scratchDir('salvage-dest-');
    for (const args of [
      ['ls', '--docker'],
      ['info', `docker://${core.name}/work/core`],
      ['pull', `${core.name}:/work/core`, dest],
    ]) {
      const r = salvage(args, { DOCKER_HOST: host });
      assert.strictEqual(r.code, 1, args.join(' '));
      assert.strictEqual(r.stderr, `salvage: Cannot connect to Docker at ${host}: is it running? (ENOENT)\n`);
    }
    assert.deepStrictEqual(fs.readdirSync(dest), []);
  });

  test('a socket the user may not use: permission denied, said once', function () {
    const setpriv = ['/usr/bin/setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--'];
    if (process.getuid?.() !== 0) this.skip();
    const r = salvage(['ls', '--docker'], { HOME: scratchDir() }, setpriv);
    assert.strictEqual(r.code, 1, r.stdout);
    assert.match(r.stderr, new RegExp(`^salvage: Permission denied connecting to Docker at ${SANDBOX_HOST}: .*\\n$`));
  });
});
