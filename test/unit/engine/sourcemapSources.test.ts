// How `sources` entries become local paths, and maps in the sectioned (index map) format.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Frame } from '../../../src/engine/crash';
import { SourceMapResolver } from '../../../src/engine/sourcemap/sourceMapResolver';
import { resolveSourcePath } from '../../../src/engine/sourcemap/sourcePaths';
import { crashFrames, isUnder, tsApp } from './sourcemapFixture.test';

suite('sourcemap: resolveSourcePath', () => {
  const overrides = { '/app/*': '/home/me/proj/*', 'webpack:///./*': '/home/me/proj/*' };
  const table: [string, string, string | undefined, string, string][] = [
    ['relative to the map file', '../src/a.ts', undefined, '/w/dist/a.js.map', '/w/src/a.ts'],
    ['relative with a relative sourceRoot', 'a.ts', '../src/', '/w/dist/a.js.map', '/w/src/a.ts'],
    ['sourceRoot without a trailing slash', 'a.ts', '../src', '/w/dist/a.js.map', '/w/src/a.ts'],
    ['percent escapes are decoded', '../src/my%20file.ts', undefined, '/w/dist/a.js.map', '/w/src/my file.ts'],
    ['spaces are kept', '../src/my file.ts', undefined, '/w/dist/a.js.map', '/w/src/my file.ts'],
    ['backslashes count as slashes', '..\\src\\a.ts', undefined, '/w/dist/a.js.map', '/w/src/a.ts'],
    ['inline maps resolve against the script', '../src/a.ts', '', '/w/dist/a.js', '/w/src/a.ts'],
    ['absolute dump-side paths are overridden', '/app/src/a.ts', undefined, '/w/dist/a.js.map', '/home/me/proj/src/a.ts'],
    ['absolute sourceRoot is overridden', 'a.ts', '/app/src/', '/w/dist/a.js.map', '/home/me/proj/src/a.ts'],
    ['file URLs are overridden', 'file:///app/src/a.ts', undefined, '/w/dist/a.js.map', '/home/me/proj/src/a.ts'],
    ['other URLs through overrides', 'webpack:///./src/a.ts', undefined, '/w/dist/a.js.map', '/home/me/proj/src/a.ts'],
    ['unmapped URLs are kept', 'webpack:///lib/x.js', undefined, '/w/dist/a.js.map', 'webpack:///lib/x.js'],
    ['absolute local paths stay', '/w/src/a.ts', undefined, '/w/dist/a.js.map', '/w/src/a.ts'],
    ['relative results are not overridden', '../../app/src/a.ts', undefined, '/w/dist/a.js.map', '/app/src/a.ts'],
  ];
  for (const [name, source, root, mapLocation, expected] of table) {
    test(name, () => assert.strictEqual(resolveSourcePath(source, root, mapLocation, overrides), expected));
  }
});

suite('sourcemap: index maps', () => {
  test('a sectioned map resolves like the plain map it wraps', async () => {
    const { dist } = tsApp();
    const all = crashFrames(path.join(dist, 'main.js'));
    const oracle = crashFrames(path.join(dist, 'main.js'), true);
    const formatJs = path.join(dist, 'format.js');
    const inner: unknown = JSON.parse(fs.readFileSync(`${formatJs}.map`, 'utf8'));
    // A second section far below, with its own source, so keys of both sections share one table.
    const other = { version: 3, sources: ['../src/other.ts'], names: [], mappings: 'AAAA' };
    const index = {
      version: 3,
      sections: [
        { offset: { line: 0, column: 0 }, map: inner },
        { offset: { line: 1000, column: 0 }, map: other },
      ],
    };
    const script = fs.readFileSync(formatJs, 'utf8').replace(/sourceMappingURL=.*$/m, 'sourceMappingURL=index.map');
    const files: Record<string, string> = { [formatJs]: script, [path.join(dist, 'index.map')]: JSON.stringify(index) };
    const warnings: string[] = [];
    const reader = { readText: (p: string) => Promise.resolve(files[p]) };
    const resolver = new SourceMapResolver({ reader, onWarning: (m) => warnings.push(m) });
    const picked = all.map((f, i): [Frame, Frame | undefined] => [f, oracle[i]]).filter(([f]) => f.file === formatJs);
    assert.strictEqual(picked.length, 2);
    for (const [frame, node] of picked) {
      const resolved = await resolver.resolve(frame);
      assert.deepStrictEqual(resolved.original, { file: node?.file, line: node?.line, column: node?.column });
      assert.ok(isUnder(resolved.original?.file, path.dirname(dist)));
    }
    const below = await resolver.resolve({ ...(picked[0]?.[0] ?? { kind: 'js', function: '' }), line: 1001, column: 1 });
    assert.deepStrictEqual(below.original, { file: path.join(path.dirname(dist), 'src', 'other.ts'), line: 1, column: 1 });
    assert.deepStrictEqual(warnings, []);
    resolver.dispose();
  });
});
