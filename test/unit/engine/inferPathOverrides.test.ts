// Guessing where a container's paths live in the local checkout, on real folders.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { inferPathOverrides } from '../../../src/engine/sourcemap/inferPathOverrides';
import { localFiles } from '../../../src/sources/local/localFiles';
import { makeTempDir } from '../../support/crashNode';

const exists = (file: string): Promise<boolean> => localFiles.exists(file);

suite('inferring path overrides', () => {
  let checkout: string;

  suiteSetup(() => {
    checkout = makeTempDir('salvage-infer-');
    for (const file of ['dist/main.js', 'dist/lib/util.js', 'other/main.js']) {
      fs.mkdirSync(path.dirname(path.join(checkout, file)), { recursive: true });
      fs.writeFileSync(path.join(checkout, file), '');
    }
  });

  test('the longest existing tail gives the prefix to replace', async () => {
    const overrides = await inferPathOverrides(['/app/dist/main.js', '/app/dist/lib/util.js'], [checkout], exists);
    assert.deepStrictEqual(overrides, { '/app/*': `${checkout}/*` });
  });

  test('explicit overrides win, existing paths and unknown files add nothing', async () => {
    const explicit = { '/app/*': '/elsewhere/*' };
    assert.deepStrictEqual(await inferPathOverrides(['/app/dist/main.js'], [checkout], exists, explicit), { '/app/*': '/elsewhere/*' });
    const existing = path.join(checkout, 'dist', 'main.js');
    assert.deepStrictEqual(await inferPathOverrides([existing, '/srv/nothing/here.js', 'relative.js'], [checkout], exists), {});
  });
});
