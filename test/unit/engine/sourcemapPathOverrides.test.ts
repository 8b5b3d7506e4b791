import * as assert from 'assert';
import { pathToFileURL } from 'url';
import { applyPathOverrides, fileUrlToPathOrSelf } from '../../../src/engine/sourcemap/pathOverrides';

suite('sourcemap: applyPathOverrides', () => {
  const overrides: Record<string, string> = {
    '/app/*': '/home/me/proj/*',
    '/app/node_modules/*': '/home/me/deps/*',
    '/srv/exact.js': '/home/me/exact.js',
    '/opt/*/index.js': '/home/me/opt/*/main.js',
    'webpack:///./*': '/home/me/proj/*',
    '/bad/*/two/*': '/never/*',
    'C:\\build\\*': 'D:\\src\\*',
    '/dollar/*': '/x/$&/*',
  };

  const table: [string, string, string][] = [
    ['wildcard prefix', '/app/dist/main.js', '/home/me/proj/dist/main.js'],
    ['longest key wins', '/app/node_modules/lib/index.js', '/home/me/deps/lib/index.js'],
    ['no match is unchanged', '/other/main.js', '/other/main.js'],
    ['prefix must match at the start', '/x/app/main.js', '/x/app/main.js'],
    ['key without * matches exactly', '/srv/exact.js', '/home/me/exact.js'],
    ['key without * does not match a longer path', '/srv/exact.js.map', '/srv/exact.js.map'],
    ['wildcard in the middle', '/opt/tool/index.js', '/home/me/opt/tool/main.js'],
    ['wildcard in the middle needs the suffix', '/opt/tool/other.js', '/opt/tool/other.js'],
    ['URL keys', 'webpack:///./src/a.ts', '/home/me/proj/src/a.ts'],
    ['keys with two * are ignored', '/bad/a/two/b', '/bad/a/two/b'],
    ['Windows paths ignore case', 'c:\\Build\\app.js', 'D:\\src\\app.js'],
    ['$ in values is literal', '/dollar/a.js', '/x/$&/a.js'],
    ['file URLs become paths first', pathToFileURL('/app/dist/esm.mjs').href, '/home/me/proj/dist/esm.mjs'],
    ['the * may match nothing', '/app/', '/home/me/proj/'],
  ];
  for (const [name, input, expected] of table) {
    test(name, () => assert.strictEqual(applyPathOverrides(input, overrides), expected));
  }

  test('POSIX paths are case-sensitive', () => {
    assert.strictEqual(applyPathOverrides('/App/main.js', { '/app/*': '/x/*' }), '/App/main.js');
  });

  test('no overrides only converts file URLs', () => {
    assert.strictEqual(applyPathOverrides('/a/b.js', {}), '/a/b.js');
    assert.strictEqual(applyPathOverrides('file:///a/b%20c.js', undefined), '/a/b c.js');
  });

  test('a value without * replaces the whole path', () => {
    assert.strictEqual(applyPathOverrides('/app/x.js', { '/app/*': '/fixed.js' }), '/fixed.js');
  });
});

suite('sourcemap: fileUrlToPathOrSelf', () => {
  test('converts file URLs, decoding escapes', () => {
    assert.strictEqual(fileUrlToPathOrSelf('file:///tmp/a%20b/c.js'), '/tmp/a b/c.js');
  });

  test('leaves paths and other URLs alone', () => {
    assert.strictEqual(fileUrlToPathOrSelf('/tmp/c.js'), '/tmp/c.js');
    assert.strictEqual(fileUrlToPathOrSelf('node:internal/timers'), 'node:internal/timers');
    assert.strictEqual(fileUrlToPathOrSelf('webpack:///src/a.ts'), 'webpack:///src/a.ts');
  });

  test('keeps a file URL it cannot convert', () => {
    assert.strictEqual(fileUrlToPathOrSelf('file://remote-host/share/a.js'), 'file://remote-host/share/a.js');
  });
});
