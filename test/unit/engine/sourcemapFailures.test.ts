// What the resolver does off the happy path: missing and broken maps, the many spellings of inline
// maps, caching, positions without an exact mapping, and frames it must not even try to read.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { Frame } from '../../../src/engine/crash';
import { decodeDataUrl } from '../../../src/engine/sourcemap/dataUrl';
import { SourceMapResolver } from '../../../src/engine/sourcemap/sourceMapResolver';
import { findSourceMappingUrl } from '../../../src/engine/sourcemap/sourceMappingUrl';
import type { TextFileReader } from '../../../src/engine/sourcemap/textFileReader';
import { localFiles } from '../../../src/sources/local/localFiles';
import { makeTempDir } from '../../support/crashNode';
import { copyDir, crashFrames, isUnder, tsApp } from './sourcemapFixture.test';

/** Counts reads per path, delegating to `inner`. */
class CountingReader implements TextFileReader {
  readonly counts = new Map<string, number>();
  constructor(private readonly inner: TextFileReader = localFiles) {}
  readText(p: string): Promise<string | undefined> {
    this.counts.set(p, (this.counts.get(p) ?? 0) + 1);
    return this.inner.readText(p);
  }
}

/** Serves `files` from memory; anything else is missing. */
function memoryReader(files: Record<string, string>): TextFileReader {
  return { readText: (p) => Promise.resolve(files[p]) };
}

/** The app's frames from a real crash of `dir/main.js`, plus Node's mapped ones at the same index. */
function appFrames(dir: string): { frames: Frame[]; oracle: Frame[] } {
  const { dist } = tsApp();
  const all = crashFrames(path.join(dir, 'main.js'));
  const oracle = crashFrames(path.join(dist, 'main.js'), true);
  const keep = all.map((f) => isUnder(f.file, dir));
  return { frames: all.filter((_, i) => keep[i]), oracle: oracle.filter((_, i) => keep[i]) };
}

function positionOf(frame: Frame): string | undefined {
  return frame.original && `${frame.original.file}:${frame.original.line}:${frame.original.column}`;
}

function fileOf(frame: Frame): string | undefined {
  return frame.file && `${frame.file}:${frame.line ?? 0}:${frame.column ?? 0}`;
}

suite('sourcemap: missing and broken maps', () => {
  test('a map the comment names but that is missing: no original, one quiet note per map and no warning, no throw', async () => {
    const dir = path.join(makeTempDir(), 'dist');
    copyDir(tsApp().dist, dir);
    for (const n of fs.readdirSync(dir).filter((x) => x.endsWith('.map'))) fs.rmSync(path.join(dir, n));
    const warnings: string[] = [];
    const notes: string[] = [];
    const resolver = new SourceMapResolver({ reader: localFiles, onWarning: (m) => warnings.push(m), onNote: (m) => notes.push(m) });
    const { frames } = appFrames(dir);
    const resolved = await resolver.resolveAll([...frames, ...frames]);
    assert.deepStrictEqual(resolved, [...frames, ...frames]);
    const expected = ['format', 'main', 'service'].map((n) => `${dir}/${n}.js names the source map ${dir}/${n}.js.map, which is not there`);
    assert.deepStrictEqual(notes.sort(), expected);
    assert.deepStrictEqual(warnings, []);
    resolver.dispose();
  });

  test('plain JavaScript without comment or sibling map: no original and no warning', async () => {
    const warnings: string[] = [];
    const resolver = new SourceMapResolver({
      reader: memoryReader({ '/app/plain.js': 'function f() {\n  throw new Error("x");\n}\n' }),
      onWarning: (m) => warnings.push(m),
    });
    const frame: Frame = { kind: 'js', function: 'f', file: '/app/plain.js', line: 2, column: 3 };
    assert.deepStrictEqual(await resolver.resolve(frame), frame);
    assert.deepStrictEqual(warnings, []);
  });

  test('a script that cannot be read is reported once, suggesting pathOverrides', async () => {
    const warnings: string[] = [];
    const resolver = new SourceMapResolver({ reader: memoryReader({}), onWarning: (m) => warnings.push(m) });
    const frame: Frame = { kind: 'js', function: 'f', file: '/app/dist/gone.js', line: 2, column: 3 };
    assert.deepStrictEqual(await resolver.resolveAll([frame, frame]), [frame, frame]);
    assert.strictEqual(warnings.length, 1);
    assert.match(warnings[0] ?? '', /\/app\/dist\/gone\.js.*sourceMapPathOverrides/);
  });

  const corruptions: [string, string][] = [
    ['invalid JSON', '{ "version": 3, "sources": ['],
    ['not an object', '[1, 2, 3]'],
    ['an unsupported version', '{"version": 2, "sources": [], "mappings": ""}'],
    ['mappings that are not a string', '{"version": 3, "sources": ["a.ts"], "mappings": 7}'],
    ['malformed VLQ mappings', '{"version": 3, "sources": ["a.ts"], "names": [], "mappings": "AAAA;!!!!"}'],
  ];
  for (const [what, text] of corruptions) {
    test(`a map with ${what}: no original, onWarning told`, async () => {
      const dir = path.join(makeTempDir(), 'dist');
      copyDir(tsApp().dist, dir);
      fs.writeFileSync(path.join(dir, 'format.js.map'), text);
      const warnings: string[] = [];
      const resolver = new SourceMapResolver({ reader: localFiles, onWarning: (m) => warnings.push(m) });
      const resolved = await resolver.resolveAll(appFrames(dir).frames);
      const inFormat = resolved.filter((f) => f.file?.endsWith('format.js'));
      assert.strictEqual(inFormat.length, 2);
      assert.ok(inFormat.every((f) => f.original === undefined));
      assert.ok(resolved.filter((f) => !f.file?.endsWith('format.js')).every((f) => f.original !== undefined));
      assert.strictEqual(warnings.length, 1, warnings.join('\n'));
      assert.ok(warnings[0]?.startsWith(`Ignoring ${dir}/format.js.map: `), warnings[0]);
      resolver.dispose();
    });
  }

  test('an inline map that does not decode: no original, onWarning told', async () => {
    const warnings: string[] = [];
    const script = 'f();\n//# sourceMappingURL=data:application/json;base64,@@not*base64@@\n';
    const reader = memoryReader({ '/a.js': script });
    const resolver = new SourceMapResolver({ reader, onWarning: (m) => warnings.push(m) });
    const frame: Frame = { kind: 'js', function: 'f', file: '/a.js', line: 1, column: 1 };
    assert.deepStrictEqual(await resolver.resolve(frame), frame);
    assert.deepStrictEqual(warnings, ['No source map for /a.js: its inline source map does not decode.']);
  });

  test('a reader that throws does not make resolve throw', async () => {
    const warnings: string[] = [];
    const reader: TextFileReader = { readText: () => Promise.reject(new Error('EIO')) };
    const resolver = new SourceMapResolver({ reader, onWarning: (m) => warnings.push(m) });
    const frame: Frame = { kind: 'js', function: 'f', file: '/a.js', line: 1, column: 1 };
    assert.deepStrictEqual(await resolver.resolve(frame), frame);
    assert.match(warnings.join(), /EIO/);
  });
});

suite('sourcemap: inline map spellings', () => {
  // The same real map, re-embedded the ways different tools write it.
  const spellings: [string, (json: string) => string][] = [
    ['base64', (j) => `data:application/json;base64,${Buffer.from(j).toString('base64')}`],
    ['charset=utf-8;base64', (j) => `data:application/json;charset=utf-8;base64,${Buffer.from(j).toString('base64')}`],
    ['charset=utf8;base64', (j) => `data:application/json;charset=utf8;base64,${Buffer.from(j).toString('base64')}`],
    ['percent-encoded', (j) => `data:application/json,${encodeURIComponent(j)}`],
    ['percent-encoded with charset', (j) => `data:application/json;charset=utf-8,${encodeURIComponent(j)}`],
  ];
  for (const [name, embed] of spellings) {
    test(name, async () => {
      const { dist } = tsApp();
      const { frames, oracle } = appFrames(dist);
      const files: Record<string, string> = {};
      for (const n of ['main', 'service', 'format']) {
        const js = fs.readFileSync(path.join(dist, `${n}.js`), 'utf8');
        const map = fs.readFileSync(path.join(dist, `${n}.js.map`), 'utf8');
        files[path.join(dist, `${n}.js`)] = js.replace(/sourceMappingURL=.*$/m, `sourceMappingURL=${embed(map)}`);
      }
      const reader = new CountingReader(memoryReader(files));
      const resolver = new SourceMapResolver({ reader });
      const resolved = await resolver.resolveAll(frames);
      assert.deepStrictEqual(resolved.map(positionOf), oracle.map(fileOf));
      assert.ok(
        [...reader.counts.keys()].every((p) => p.endsWith('.js')),
        'no .map file was read',
      );
      resolver.dispose();
    });
  }

  test('decodeDataUrl rejects what is not a data URL', () => {
    assert.strictEqual(decodeDataUrl('file:///x.map'), undefined);
    assert.strictEqual(decodeDataUrl('data:application/json,%E0%A4%A'), undefined);
    assert.strictEqual(decodeDataUrl('data:application/json;base64,e30='), '{}');
  });
});

suite('sourcemap: finding the sourceMappingURL comment', () => {
  const cases: [string, string, string | undefined][] = [
    ['the standard comment', 'x();\n//# sourceMappingURL=x.js.map\n', 'x.js.map'],
    ['the legacy //@ form', 'x();\n//@ sourceMappingURL=x.js.map', 'x.js.map'],
    ['the last of several', '//# sourceMappingURL=a.map\nx();\n//# sourceMappingURL=b.map\n', 'b.map'],
    ['after code on the same line', 'x();//# sourceMappingURL=min.map', 'min.map'],
    ['trailing spaces and CRLF', 'x();\r\n//# sourceMappingURL=x.map  \r\n', 'x.map'],
    ['none', 'x();\n', undefined],
    ['not inside a string', 'const s = "//# sourceMappingURL=fake.map";\n', undefined],
    ['a string after the real one', '//# sourceMappingURL=real.map\nconst s = "//# sourceMappingURL=" + u;\n', 'real.map'],
  ];
  for (const [name, text, expected] of cases) {
    test(name, () => assert.strictEqual(findSourceMappingUrl(text), expected));
  }
});

suite('sourcemap: caching, skipping and bias', () => {
  test('each script and map is read once across many frames and concurrent lookups', async () => {
    const { dist } = tsApp();
    const { frames, oracle } = appFrames(dist);
    const reader = new CountingReader();
    const resolver = new SourceMapResolver({ reader });
    const many = Array.from({ length: 25 }, () => frames).flat();
    const resolved = await Promise.all([resolver.resolveAll(many), resolver.resolveAll(many)]);
    const want = oracle.map(fileOf);
    for (const run of resolved)
      assert.deepStrictEqual(
        run.map(positionOf),
        many.map((_, i) => want[i % want.length]),
      );
    const expected = ['format.js', 'format.js.map', 'main.js', 'main.js.map', 'service.js', 'service.js.map'];
    assert.deepStrictEqual([...reader.counts.keys()].map((p) => path.relative(dist, p)).sort(), expected);
    assert.ok(
      [...reader.counts.values()].every((n) => n === 1),
      JSON.stringify([...reader.counts]),
    );
    resolver.dispose();
  });

  test('the "no map" answer is cached per script too', async () => {
    const reader = new CountingReader(memoryReader({ '/app/plain.js': 'f();\n' }));
    const resolver = new SourceMapResolver({ reader });
    const frame: Frame = { kind: 'js', function: 'f', file: '/app/plain.js', line: 1, column: 1 };
    await resolver.resolveAll([frame, frame, frame]);
    await resolver.resolve(frame);
    assert.deepStrictEqual(
      [...reader.counts],
      [
        ['/app/plain.js', 1],
        ['/app/plain.js.map', 1],
      ],
    );
  });

  test('internal, anonymous, lineless and relative frames are not read at all', async () => {
    const reader = new CountingReader(memoryReader({}));
    const resolver = new SourceMapResolver({ reader });
    const frames: Frame[] = [
      { kind: 'js', function: 'listOnTimeout', file: 'node:internal/timers', line: 581, column: 17 },
      { kind: 'js', function: 'Array.map', file: '<anonymous>' },
      { kind: 'js', function: 'eval', file: '<anonymous>', line: 1, column: 1 },
      { kind: 'js', function: 'f', file: '/app/x.js' },
      { kind: 'js', function: 'g', file: 'internal/process.js', line: 3, column: 1 },
      { kind: 'native', function: 'uv_run', module: 'node', pc: '0x1234' },
    ];
    assert.deepStrictEqual(await resolver.resolveAll(frames), frames);
    assert.strictEqual(reader.counts.size, 0);
  });

  test('a column without its own mapping uses the nearest mapping on the same line', async () => {
    const { dist } = tsApp();
    const { frames, oracle } = appFrames(dist);
    const first = frames[0];
    assert.ok(first?.line !== undefined && oracle[0]?.line !== undefined);
    const resolver = new SourceMapResolver({ reader: localFiles });
    // Column 1 is indentation (only a later mapping exists); column 500 is past the line's end.
    for (const column of [1, 500]) {
      const resolved = await resolver.resolve({ ...first, column });
      assert.strictEqual(resolved.original?.line, oracle[0].line, `column ${column}`);
      assert.strictEqual(resolved.original?.file, oracle[0].file);
    }
    resolver.dispose();
  });

  test('after dispose frames come back unchanged', async () => {
    const { dist } = tsApp();
    const { frames } = appFrames(dist);
    const resolver = new SourceMapResolver({ reader: localFiles });
    assert.ok((await resolver.resolveAll(frames)).every((f) => f.original !== undefined));
    resolver.dispose();
    resolver.dispose();
    assert.deepStrictEqual(await resolver.resolveAll(frames), frames);
  });
});
