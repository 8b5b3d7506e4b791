// The oracle for every position here is Node itself: the same script crashed again with
// --enable-source-maps prints the TypeScript positions, and the resolver must agree with them.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Frame, SourcePosition } from '../../../src/engine/crash';
import { SourceMapResolver } from '../../../src/engine/sourcemap/sourceMapResolver';
import type { TextFileReader } from '../../../src/engine/sourcemap/textFileReader';
import { localFiles } from '../../../src/sources/local/localFiles';
import { compileTs } from '../../support/compileTs';
import { makeTempDir } from '../../support/crashNode';
import { copyDir, crashFrames, isUnder, tsApp } from './sourcemapFixture.test';

/** Resolves every frame under `appDir` and checks it against Node's mapped frame at the same index. */
async function assertMatchesOracle(resolver: SourceMapResolver, frames: Frame[], oracle: Frame[], appDir: string, expectedFile: (oracleFile: string) => string = (f) => f): Promise<void> {
  assert.strictEqual(frames.length, oracle.length, 'both runs print the same stack');
  const resolved = await resolver.resolveAll(frames);
  let checked = 0;
  resolved.forEach((frame, i) => {
    const node = oracle[i];
    if (!isUnder(frames[i]?.file, appDir) || node?.file === undefined) return;
    const want: SourcePosition = { file: expectedFile(node.file), line: node.line ?? 0, column: node.column ?? 0 };
    const got = frame.original && { file: frame.original.file, line: frame.original.line, column: frame.original.column };
    assert.deepStrictEqual(got, want, `frame ${i}: ${frames[i]?.text ?? ''}`);
    checked++;
  });
  assert.strictEqual(checked, 4, 'every app frame was compared');
}

/** Refuses every path under `dir`: proves the resolver read only the overridden locations. */
function readerRefusing(dir: string): TextFileReader {
  return {
    readText: (p) => (p.startsWith(dir + path.sep) ? Promise.resolve(undefined) : localFiles.readText(p)),
  };
}

function stripMapComments(dir: string): void {
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.js'))) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/\/\/# sourceMappingURL=.*$/m, ''));
  }
}

suite('sourcemap: SourceMapResolver against node --enable-source-maps', () => {
  let resolver: SourceMapResolver;
  let warnings: string[];

  setup(() => {
    warnings = [];
    resolver = new SourceMapResolver({ reader: localFiles, onWarning: (m) => warnings.push(m) });
  });
  teardown(() => resolver.dispose());

  test('external maps named by sourceMappingURL comments', async () => {
    const { dist } = tsApp();
    const main = path.join(dist, 'main.js');
    await assertMatchesOracle(resolver, crashFrames(main), crashFrames(main, true), dist);
    assert.deepStrictEqual(warnings, []);
  });

  test('inline data: URL maps', async () => {
    const { distInline } = tsApp();
    const main = path.join(distInline, 'main.js');
    await assertMatchesOracle(resolver, crashFrames(main), crashFrames(main, true), distInline);
    assert.deepStrictEqual(warnings, []);
  });

  test('sibling .map files when the comment was stripped', async () => {
    const { project, dist } = tsApp();
    // Same depth as dist, so the maps' "../src/x.ts" sources still resolve to the project's src.
    const stripped = path.join(project, 'dist-stripped');
    copyDir(dist, stripped);
    stripMapComments(stripped);
    // Node needs the comment, so its oracle comes from the run with comments: same lines and columns.
    const frames = crashFrames(path.join(stripped, 'main.js'));
    await assertMatchesOracle(resolver, frames, crashFrames(path.join(dist, 'main.js'), true), stripped);
  });

  test('frames recorded elsewhere resolve through pathOverrides, to the local sources', async () => {
    const { project, dist } = tsApp();
    const copy = path.join(makeTempDir('salvage-copy-'), 'checkout');
    copyDir(project, copy);
    const overrides = { [`${project}/*`]: `${copy}/*` };
    const local = new SourceMapResolver({ reader: readerRefusing(project), pathOverrides: overrides });
    const main = path.join(dist, 'main.js');
    const toCopy = (f: string): string => path.join(copy, path.relative(project, f));
    await assertMatchesOracle(local, crashFrames(main), crashFrames(main, true), dist, toCopy);
    local.dispose();
  });

  test('absolute dump-side sources (sourceRoot) go through pathOverrides too', async () => {
    const { project } = tsApp();
    const rooted = path.join(project, 'dist-rooted');
    compileTs(project, rooted, ['--sourceRoot', `${path.join(project, 'src')}/`]);
    const map: unknown = JSON.parse(fs.readFileSync(path.join(rooted, 'format.js.map'), 'utf8'));
    assert.deepStrictEqual(map, { ...(map as object), sourceRoot: `${project}/src/`, sources: ['format.ts'] });
    const main = path.join(rooted, 'main.js');
    const frames = crashFrames(main);
    const oracle = crashFrames(main, true);

    const copy = path.join(makeTempDir('salvage-copy-'), 'elsewhere', 'deeper');
    copyDir(project, copy);
    const overrides = { [`${project}/*`]: `${copy}/*` };
    const local = new SourceMapResolver({ reader: readerRefusing(project), pathOverrides: overrides });
    const toCopy = (f: string): string => path.join(copy, path.relative(project, f));
    await assertMatchesOracle(local, frames, oracle, rooted, toCopy);
    local.dispose();
  });

  test('ESM-style file:// URLs in frames', async () => {
    const { dist } = tsApp();
    const main = path.join(dist, 'main.js');
    const asUrls = crashFrames(main).map((f) => (f.file?.startsWith('/') ? { ...f, file: pathToFileURL(f.file).href } : f));
    const resolved = await resolver.resolveAll(asUrls);
    const oracle = crashFrames(main, true);
    resolved.forEach((frame, i) => {
      if (!frame.file?.startsWith('file:')) return;
      assert.deepStrictEqual(frame.original && [frame.original.file, frame.original.line, frame.original.column], [oracle[i]?.file, oracle[i]?.line, oracle[i]?.column]);
      assert.strictEqual(frame.file, asUrls[i]?.file, 'the recorded file is kept');
    });
    assert.ok(resolved.filter((f) => f.original).length === 4);
  });
});
