// `salvage pull` as users run it: the copy must be byte-identical to `docker cp`'s (sha256sum of
// both), carry a sidecar whose facts match `docker inspect`, and leave the container exactly as it
// was (`docker diff` and state). Bad sources and destinations: one line, nothing written.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { type ContainerCrash, crashWithCore } from '../../support/dockerCrashes';
import { dockerDiff, dockerOk, dockerState, ensureDockerSandbox, removeContainers, removeScratch, SANDBOX_HOST, scratchDir } from '../../support/dockerSandbox';
import { CLI } from '../../support/repoPaths';

function salvage(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, DOCKER_HOST: SANDBOX_HOST }, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function sha256sum(file: string): string {
  return spawnSync('sha256sum', [file], { encoding: 'utf8' }).stdout.split(' ')[0];
}

suite('salvage pull', function () {
  this.timeout(180_000);
  let crash: ContainerCrash;
  let oracleSha: string;

  suiteSetup(() => {
    ensureDockerSandbox();
    crash = crashWithCore(`salvage-pull-${process.pid}`);
    const dir = scratchDir('salvage-cp-');
    dockerOk(['cp', `${crash.name}:/work/core`, dir]);
    oracleSha = sha256sum(path.join(dir, 'core'));
  });
  suiteTeardown(() => {
    removeContainers([crash.name]);
    removeScratch();
  });

  test("container:/path into a folder: docker cp's bytes, a sidecar, and an unchanged container", () => {
    const before = `${dockerDiff(crash.name).join('\n')}\n${dockerState(crash.name)}`;
    const dest = scratchDir('salvage-pull-');
    const r = salvage(['pull', `${crash.name}:/work/core`, dest, '--json']);
    assert.strictEqual(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.strictEqual(json.destination, path.join(dest, 'core'));
    assert.strictEqual(sha256sum(json.destination), oracleSha);
    assert.strictEqual(json.sha256, oracleSha);
    const sidecar = JSON.parse(fs.readFileSync(path.join(dest, 'core.salvage.json'), 'utf8'));
    assert.strictEqual(sidecar.container.id, crash.id);
    assert.strictEqual(sidecar.container.exitCode, crash.exitCode);
    assert.strictEqual(sidecar.uri, `docker://${crash.name}/work/core`);
    assert.deepStrictEqual(fs.readdirSync(dest).sort(), ['core', 'core.salvage.json']);
    assert.strictEqual(`${dockerDiff(crash.name).join('\n')}\n${dockerState(crash.name)}`, before);
  });

  test('a docker:// source to a file name, with the text output', () => {
    const dest = path.join(scratchDir('salvage-pull-'), 'from-container.core');
    const r = salvage(['pull', `docker://${crash.id.slice(0, 12)}/work/core`, dest]);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual(sha256sum(dest), oracleSha);
    assert.match(r.stdout, new RegExp(`sha256 ${oracleSha}`));
  });

  test('bad sources and destinations: one line, exit non-zero, nothing written', () => {
    const dest = scratchDir('salvage-pull-');
    const cases: Array<[string[], number, RegExp]> = [
      [['pull', `${crash.name}-missing:/work/core`, dest], 1, /no such container/],
      [['pull', `${crash.name}:/work/nothing-here`, dest], 1, new RegExp(`no such file in container ${crash.name}`)],
      [['pull', `${crash.name}:/work`, dest], 1, /is a directory, not a dump/],
      [['pull', `${crash.name}:relative/core`, dest], 1, /must be absolute/],
      [['pull', `${crash.name}:/etc/../work/core`, dest], 1, /must not contain "\.\."/],
      [['pull', 'no-colon-here', dest], 2, /names no container/],
      [['pull', `${crash.name}:/work/core`, path.join(dest, 'missing', 'core')], 2, /no such folder/],
    ];
    for (const [args, code, message] of cases) {
      const r = salvage(args);
      assert.strictEqual(r.code, code, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message);
      if (code === 1) assert.strictEqual(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
      assert.ok(!r.stderr.includes('    at '), 'no stack trace');
    }
    assert.deepStrictEqual(fs.readdirSync(dest), []);
  });
});
