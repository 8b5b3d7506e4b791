// The local source's watch: a real report copied into a watched folder (and into a subfolder made
// after the watch began) appears in the next listing it hands over, and goes when deleted; a
// dependency folder is not watched. Oracle: the files this test wrote, and their kind Node made.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { SourceListing } from '../../../src/sources/dump';
import { dumpsOf } from '../../../src/sources/dump';
import { localSource } from '../../../src/sources/local/localSource';
import { crashNodeSource, makeTempDir } from '../../support/crashNode';

function nextListing(changes: SourceListing[], test: (l: SourceListing) => boolean, timeoutMs = 5000): Promise<SourceListing> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      const found = changes.find(test);
      if (found !== undefined || Date.now() - started > timeoutMs) {
        clearInterval(poll);
        if (found === undefined) reject(new Error(`no such listing within ${timeoutMs} ms`));
        else resolve(found);
      }
    }, 20);
  });
}

const locations = (l: SourceListing) => dumpsOf(l.places).map((d) => d.location);

suite('local folders, listed and watched', () => {
  test('a dump written after the listing arrives through the watch, and leaves when deleted', async () => {
    const crash = crashNodeSource('null.boom();\n');
    assert.ok(crash.reportPath);
    const folder = makeTempDir('salvage-watch-');
    fs.mkdirSync(path.join(folder, 'node_modules'));
    const lister = localSource.lister({ folders: [{ folder, label: 'crashes' }], depth: 2, docker: 'off', storeDir: folder });
    assert.ok(lister?.watch !== undefined, 'the local source follows its folders');
    const first = await lister.list();
    assert.deepStrictEqual(locations(first), []);
    const changes: SourceListing[] = [];
    const problems: string[] = [];
    const watch = lister.watch(
      (l) => changes.push(l),
      (m) => problems.push(m),
    );
    try {
      await new Promise((r) => setTimeout(r, 200));
      const fresh = path.join(folder, 'latest');
      fs.copyFileSync(crash.reportPath, fresh);
      const added = await nextListing(changes, (l) => locations(l).includes(fresh));
      assert.strictEqual(dumpsOf(added.places)[0].kind, 'report');
      // A subfolder made after the watch began is watched too.
      fs.mkdirSync(path.join(folder, 'later'));
      await new Promise((r) => setTimeout(r, 600));
      const deeper = path.join(folder, 'later', 'again');
      fs.copyFileSync(crash.reportPath, deeper);
      await nextListing(changes, (l) => locations(l).includes(deeper));
      // Dependency folders are neither scanned nor watched: nothing changes for a dump put there.
      const count = changes.length;
      fs.copyFileSync(crash.reportPath, path.join(folder, 'node_modules', 'hidden'));
      await new Promise((r) => setTimeout(r, 800));
      assert.strictEqual(changes.length, count);
      fs.rmSync(fresh);
      await nextListing(changes, (l) => !locations(l).includes(fresh) && locations(l).includes(deeper));
      assert.deepStrictEqual(problems, []);
    } finally {
      watch.dispose();
    }
  });
});
