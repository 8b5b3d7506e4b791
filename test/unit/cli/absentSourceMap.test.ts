// A script whose `sourceMappingURL` names a map that is not there: a real Node crash of such a
// script, read by the bundled CLI (dist/cli.js). The stack is Node's (no TypeScript to map to), and
// the absent map costs one quiet `note:` line on stderr, never a warning.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as path from 'path';
import { CLI } from '../../support/repoPaths';
import { crashFixture, type JsCrash } from '../../support/v8Cores';

suite('a source map a script names but that is absent', function () {
  this.timeout(120_000);
  let crash: JsCrash;

  suiteSetup(() => {
    crash = crashFixture(22, 'absentMap.js');
    assert.ok(crash.core, crash.stderr);
  });

  suiteTeardown(() => crash?.cleanup());

  test('salvage stack: the frames Node printed, one note and no warning about the map', () => {
    const r = spawnSync(process.execPath, [CLI, 'stack', crash.core ?? '', '--binary', crash.binary], { encoding: 'utf8' });
    assert.strictEqual(r.status, 0, r.stderr);
    assert.ok(r.stdout.includes(`compile (${crash.script}:5:`), `top frame of ${crash.oracle[0]}:\n${r.stdout}`);
    const lines = r.stderr.trim().split('\n');
    const map = path.join(path.dirname(crash.script), 'absentMap.js.map');
    assert.deepStrictEqual(
      lines.filter((l) => l.includes('absentMap.js.map')),
      [`salvage: note: ${crash.script} names the source map ${map}, which is not there`],
    );
    assert.deepStrictEqual(
      lines.filter((l) => l.startsWith('salvage: warning:')),
      [],
    );
  });
});
