// A TypeScript service built with separate .js.map files, copied into containers that crash (one
// leaves a core, one a diagnostic report). The build is deleted from the host before Salvage runs,
// from an empty folder, with no overrides: the TypeScript positions can only come from the maps in
// the container. Oracles: the stack Node printed as it died, mapped by Node's own source-map
// implementation (module.SourceMap) over the map tsc wrote; `docker diff` and `docker inspect` for
// the container being left as it was.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import { compileTs } from '../../support/compileTs';
import { announcedReport } from '../../support/dockerCrashes';
import { nodeOriginalOf } from '../../support/nodeSourceMap';
import { docker, dockerDiff, dockerOk, dockerState, ensureDockerSandbox, removeContainers, removeScratch, SANDBOX_HOST, scratchDir, TEST_IMAGE } from '../../support/dockerSandbox';
import { ADAPTER, CLI } from '../../support/repoPaths';
import { JS_FIXTURES } from '../../support/v8Cores';

const SCRIPT = '/app/dist/orders.js';
const coreName = `salvage-maps-core-${process.pid}`;
const reportName = `salvage-maps-report-${process.pid}`;

interface Position {
  line: number;
  column: number;
}

interface JsonFrame {
  kind: string;
  file?: string;
  line?: number;
  column?: number;
  original?: { file: string; line: number; column: number };
}

/** Builds the fixture with `sourceMap` (a .js.map beside each .js) into `<dir>/app/dist`; returns the map. */
function buildWithSeparateMaps(dir: string): object {
  const project = path.join(dir, 'project');
  fs.cpSync(path.join(JS_FIXTURES, 'ts-orders'), project, { recursive: true });
  const tsconfig = JSON.parse(fs.readFileSync(path.join(project, 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> };
  delete tsconfig.compilerOptions.inlineSourceMap;
  delete tsconfig.compilerOptions.inlineSources;
  tsconfig.compilerOptions.sourceMap = true;
  fs.writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify(tsconfig));
  compileTs(project, path.join(dir, 'app', 'dist'));
  assert.match(fs.readFileSync(path.join(dir, 'app', 'dist', 'orders.js'), 'utf8'), /\/\/# sourceMappingURL=orders\.js\.map\s*$/);
  return JSON.parse(fs.readFileSync(path.join(dir, 'app', 'dist', 'orders.js.map'), 'utf8')) as object;
}

/** Creates a container, copies the build into /app, runs it to its death; returns its stderr. */
function crashInContainer(name: string, build: string, runArgs: string[], nodeArgs: string[]): string {
  docker(['rm', '-f', name]);
  dockerOk(['create', '--name', name, '--network=none', ...runArgs, TEST_IMAGE, 'node', ...nodeArgs, SCRIPT]);
  dockerOk(['cp', path.join(build, 'app'), `${name}:/app`]);
  const run = docker(['start', '-a', name]);
  assert.notStrictEqual(run.status, 0, 'the service crashed');
  return run.stderr;
}

/** The positions of the compiled script's frames in the stack Node printed, top first. */
function printedPositions(stderr: string): Position[] {
  return [...stderr.matchAll(new RegExp(`${SCRIPT.replace(/[./]/g, '\\$&')}:(\\d+):(\\d+)\\)?$`, 'gm'))].map((m) => ({ line: Number(m[1]), column: Number(m[2]) }));
}

/** The TypeScript file as the map names it, resolved against the script's folder in the container. */
function tsFile(map: object): string {
  return path.posix.resolve(path.posix.dirname(SCRIPT), (map as { sources: string[] }).sources[0]);
}

/** Node's TypeScript position for a 1-based position of the compiled script. */
function nodeOriginal(map: object, at: Position): Position {
  const original = nodeOriginalOf(map, at.line, at.column);
  assert.ok(original !== undefined, `Node maps ${at.line}:${at.column}`);
  return { line: original.line, column: original.column };
}

function salvage(args: string[], cwd: string, store: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, DOCKER_HOST: SANDBOX_HOST, SALVAGE_DUMP_STORE: store }, timeout: 180_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The frames of the compiled script, with what Salvage mapped them to. */
function scriptFrames(frames: JsonFrame[]): JsonFrame[] {
  return frames.filter((f) => f.kind === 'js' && f.file === SCRIPT);
}

suite('a docker:// dump of a TypeScript service reads its source maps from the container', function () {
  this.timeout(300_000);
  let map: object;
  let coreStderr: string;
  let reportStderr: string;
  let empty: string;
  let store: string;
  let before: string;

  suiteSetup(() => {
    ensureDockerSandbox();
    const build = scratchDir('salvage-maps-build-');
    map = buildWithSeparateMaps(build);
    coreStderr = crashInContainer(coreName, build, ['--ulimit', 'core=-1'], ['--abort-on-uncaught-exception']);
    reportStderr = crashInContainer(reportName, build, [], ['--report-uncaught-exception', '--report-directory=/work']);
    // No checkout anywhere: the build is gone from the host, and Salvage runs in an empty folder.
    fs.rmSync(build, { recursive: true, force: true });
    empty = scratchDir('salvage-maps-cwd-');
    store = scratchDir('salvage-maps-store-');
    before = [coreName, reportName].map((n) => `${dockerDiff(n).join('\n')}\n${dockerState(n)}`).join('\n');
  });

  suiteTeardown(() => {
    removeContainers([coreName, reportName]);
    removeScratch();
  });

  test('salvage stack docker://…core: every frame of the compiled script at the TypeScript position Node maps it to', () => {
    assert.ok(dockerDiff(coreName).includes('A /work/core'), coreStderr);
    const printed = printedPositions(coreStderr);
    assert.ok(printed.length >= 3, coreStderr);
    const r = salvage(['stack', `docker://${coreName}/work/core`, '--json'], empty, store);
    assert.strictEqual(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as { crashingThread: number; threads: Array<{ tid: number; frames: JsonFrame[] }> };
    const frames = scriptFrames(json.threads.find((t) => t.tid === json.crashingThread)?.frames ?? []);
    assert.deepStrictEqual(
      frames.map((f) => ({ line: f.line, column: f.column })),
      printed,
    );
    assert.deepStrictEqual(
      frames.map((f) => (f.original === undefined ? undefined : { file: f.original.file, line: f.original.line, column: f.original.column })),
      printed.map((p) => ({ file: tsFile(map), ...nodeOriginal(map, p) })),
    );
    assert.doesNotMatch(r.stderr, /warning/);
  });

  test('salvage report docker://…report: the same, from the report', () => {
    const file = announcedReport(reportStderr);
    const printed = printedPositions(reportStderr);
    assert.ok(printed.length >= 3, reportStderr);
    const r = salvage(['report', `docker://${reportName}${file.startsWith('/') ? '' : '/work/'}${file}`, '--json'], empty, store);
    assert.strictEqual(r.code, 0, r.stderr);
    const frames = scriptFrames((JSON.parse(r.stdout) as { frames: JsonFrame[] }).frames);
    assert.deepStrictEqual(
      frames.map((f) => ({ line: f.line, column: f.column })),
      printed,
    );
    assert.deepStrictEqual(
      frames.map((f) => f.original),
      printed.map((p) => ({ file: tsFile(map), ...nodeOriginal(map, p) })),
    );
  });

  test('the debug session on the docker:// core shows the .ts lines in its Call Stack', async () => {
    const dc = new DebugClient(process.execPath, ADAPTER, 'salvage', { cwd: empty, env: { ...process.env, DOCKER_HOST: SANDBOX_HOST } });
    await dc.start();
    try {
      const output: Array<{ category?: string; output: string }> = [];
      dc.on('output', (event: { body: { category?: string; output: string } }) => output.push(event.body));
      const [, , stopped] = await Promise.all([dc.configurationSequence(), dc.launch({ dump: `docker://${coreName}/work/core`, dumpStore: store, containerLogLines: 20 }), dc.waitForEvent('stopped')]);
      const frames = (await dc.stackTraceRequest({ threadId: stopped.body.threadId as number, levels: 200 })).body.stackFrames;
      const ts = frames.filter((f) => f.source?.path === tsFile(map));
      const printed = printedPositions(coreStderr);
      assert.deepStrictEqual(
        ts.map((f) => ({ line: f.line, column: f.column })),
        printed.map((p) => nodeOriginal(map, p)),
      );
      // The Debug Console: the container's last 20 log lines, stderr's as stderr, as docker logs --tail 20 has them.
      const logged = docker(['logs', '--tail', '20', coreName]);
      // Each console line ends with a newline, the stream's last one too.
      const ended = (text: string) => (text === '' || text.endsWith('\n') ? text : `${text}\n`);
      const deadline = Date.now() + 10_000;
      while (!output.some((o) => o.output.startsWith(`Salvage: the last `)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      const header = output.findIndex((o) => o.output.startsWith('Salvage: the last '));
      assert.ok(header >= 0 && output[header].output.includes(coreName), JSON.stringify(output));
      const lines = output.slice(header + 1, header + 21);
      const stream = (category: string) =>
        lines
          .filter((o) => o.category === category)
          .map((o) => o.output)
          .join('');
      assert.deepStrictEqual([stream('stderr'), stream('stdout')], [ended(logged.stderr), ended(logged.stdout)]);
    } finally {
      await dc.stop();
    }
  });

  test('reading the dumps, their scripts and maps never changed the containers', () => {
    assert.strictEqual([coreName, reportName].map((n) => `${dockerDiff(n).join('\n')}\n${dockerState(n)}`).join('\n'), before);
  });
});
