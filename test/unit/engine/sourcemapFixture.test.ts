// Builds test/fixtures/ts-app into a temp dir (once per test run) and crashes it for real. Shared
// by the sourcemap*.test.ts files; its own suite checks that the fixture still shows what those
// tests rely on: a TypeError thrown in a callback, with TS lines far from the JS lines.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Frame } from '../../../src/engine/crash';
import { compileTs } from '../../support/compileTs';
import { crashNode, makeTempDir, stderrStackLines } from '../../support/crashNode';

/** From out/test/unit/engine back to the repository's fixture (never compiled in place). */
const FIXTURE = path.resolve(__dirname, '../../../../test/fixtures/ts-app');

export interface TsApp {
  /** Temp project folder: the "recorded" location the crashes ran from. */
  project: string;
  /** Compiled with external maps and `//# sourceMappingURL=x.js.map` comments. */
  dist: string;
  /** Compiled with `data:` URL maps inside the scripts. */
  distInline: string;
}

let built: TsApp | undefined;

export function tsApp(): TsApp {
  if (built !== undefined) return built;
  const project = path.join(makeTempDir('salvage-tsapp-'), 'proj');
  fs.mkdirSync(project);
  fs.copyFileSync(path.join(FIXTURE, 'tsconfig.json'), path.join(project, 'tsconfig.json'));
  fs.cpSync(path.join(FIXTURE, 'src'), path.join(project, 'src'), { recursive: true });
  const dist = path.join(project, 'dist');
  const distInline = path.join(project, 'dist-inline');
  compileTs(project, dist);
  compileTs(project, distInline, ['--sourceMap', 'false', '--inlineSourceMap']);
  built = { project, dist, distInline };
  return built;
}

/** One `at` line of a Node stack as a Frame (only what the resolver needs). */
export function parseStackLine(line: string): Frame {
  const match = /^(?:(.+?) \()?(.+):(\d+):(\d+)\)?$/.exec(line);
  if (match === null) return { kind: 'js', function: line, text: line };
  return {
    kind: 'js',
    function: match[1] ?? '<anonymous>',
    file: match[2],
    line: Number(match[3]),
    column: Number(match[4]),
    text: line,
  };
}

/** Crashes `script` and returns the frames Node printed; with `sourceMaps`, Node maps them itself. */
export function crashFrames(script: string, sourceMaps = false): Frame[] {
  const crash = crashNode(script, sourceMaps ? { nodeArgs: ['--enable-source-maps'], report: false } : {});
  assert.match(crash.stderr, /TypeError: Cannot read properties of undefined \(reading 'label'\)/, crash.stderr);
  if (!sourceMaps) assert.ok(crash.reportPath, 'a diagnostic report was written');
  return stderrStackLines(crash.stderr).map(parseStackLine);
}

/** Copies a folder tree (fixtures are tiny). */
export function copyDir(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
}

export function isUnder(file: string | undefined, dir: string): boolean {
  return file !== undefined && file.startsWith(dir + path.sep);
}

suite('sourcemap: ts-app fixture', () => {
  test('compiles to scripts with external and inline maps', () => {
    const app = tsApp();
    for (const name of ['main', 'service', 'format']) {
      assert.match(fs.readFileSync(path.join(app.dist, `${name}.js`), 'utf8'), /\/\/# sourceMappingURL=\w+\.js\.map\s*$/);
      assert.ok(fs.existsSync(path.join(app.dist, `${name}.js.map`)));
      const inline = fs.readFileSync(path.join(app.distInline, `${name}.js`), 'utf8');
      assert.match(inline, /\/\/# sourceMappingURL=data:application\/json;base64,/);
      assert.ok(!fs.existsSync(path.join(app.distInline, `${name}.js.map`)));
    }
  });

  test('crashes in a callback through a class method in another file, far from the TS lines', () => {
    const app = tsApp();
    const frames = crashFrames(path.join(app.dist, 'main.js'));
    const mapped = crashFrames(path.join(app.dist, 'main.js'), true);
    assert.strictEqual(mapped.length, frames.length);
    const appFrames = frames.filter((f) => isUnder(f.file, app.dist));
    assert.deepStrictEqual(
      appFrames.map((f) => path.basename(f.file ?? '')),
      ['format.js', 'format.js', 'service.js', 'main.js'],
    );
    assert.ok(frames.some((f) => f.function === 'OrderService.render'));
    frames.forEach((frame, i) => {
      if (!isUnder(frame.file, app.dist)) return;
      assert.ok(isUnder(mapped[i]?.file, path.join(app.project, 'src')), `Node mapped ${frame.text ?? ''}`);
      assert.ok(Math.abs((mapped[i]?.line ?? 0) - (frame.line ?? 0)) >= 4, 'TS and JS lines differ');
    });
  });
});
