// The CLI's argument parser: typos are errors, options repeat, `--` ends options.

import * as assert from 'assert';
import { parseArgs, pathOverrides, UsageError } from '../../../src/cli/args';

suite('CLI arguments', () => {
  const spec = { flags: ['json'], options: ['search', 'path-override'] };

  test('positionals, flags, repeated and inline options', () => {
    const args = parseArgs(['core', '--json', '--search', '/a', '--search=/b', '--', '--not-a-flag'], spec);
    assert.deepStrictEqual(args.positionals, ['core', '--not-a-flag']);
    assert.ok(args.flags.has('json'));
    assert.deepStrictEqual(args.options.get('search'), ['/a', '/b']);
  });

  test('unknown options and missing values are usage errors', () => {
    assert.throws(() => parseArgs(['--jsno'], spec), UsageError);
    assert.throws(() => parseArgs(['--search'], spec), /needs a value/);
    assert.throws(() => parseArgs(['--json=yes'], spec), UsageError);
  });

  test('path overrides are FROM=TO pairs', () => {
    assert.deepStrictEqual(pathOverrides(['/app/*=/home/me/app/*', 'a=b=c']), { '/app/*': '/home/me/app/*', a: 'b=c' });
    assert.throws(() => pathOverrides(['=x']), /FROM=TO/);
    assert.deepStrictEqual(pathOverrides(undefined), {});
  });
});
