// A container can plant anything where a dump should be: a FIFO named `core` made every verb wait
// forever for a writer, /dev/zero would be read forever. The bundled CLI (dist/cli.js) on a real
// FIFO (mkfifo), a character device and a directory: each verb refuses at once, in one line that
// names the file and says what it is, and the dump listing skips them without opening them.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { findDumps } from '../../../src/sources/local/findDumps';
import { makeTempDir } from '../../support/crashNode';
import { CLI } from '../../support/repoPaths';

const VERBS = ['info', 'stack', 'heap', 'report', 'objects'];

suite('dumps that are not regular files', () => {
  let dir: string;
  let fifo: string;

  suiteSetup(() => {
    dir = makeTempDir('salvage-fifo-');
    fifo = path.join(dir, 'core');
    const made = spawnSync('mkfifo', [fifo]);
    assert.strictEqual(made.status, 0, String(made.stderr));
  });

  suiteTeardown(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const [what, file, described] of [
    ['a FIFO named core', () => fifo, 'a FIFO'],
    ['/dev/zero', () => '/dev/zero', 'a character device'],
    ['a directory', () => dir, 'a directory'],
  ] as const) {
    test(`every verb refuses ${what} at once, in one line`, () => {
      for (const verb of VERBS) {
        const started = Date.now();
        const r = spawnSync(process.execPath, [CLI, verb, file()], { encoding: 'utf8', timeout: 10_000 });
        const elapsed = Date.now() - started;
        assert.strictEqual(r.signal, null, `${verb} was still running after 10 s`);
        assert.ok(elapsed < 5000, `${verb} took ${elapsed} ms`);
        assert.notStrictEqual(r.status, 0, verb);
        assert.strictEqual(r.stderr.trim(), `salvage: ${file()}: not a regular file (${described}): only regular files are read`, verb);
      }
    });
  }

  test('the dump listing passes over the FIFO without blocking', async () => {
    const found = await findDumps(dir, { depth: 1 });
    assert.deepStrictEqual(found, []);
  });
});
