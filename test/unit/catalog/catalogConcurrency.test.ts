// The catalog is shared: two VS Code windows (two indexers) on one store at once, and an indexer
// killed mid-way (SIGKILL, as a window that crashes), must lose nothing and count nothing twice.
// The dumps are real cores of real aborted processes; the oracle is the set of pids the OS gave
// them and the files on disk.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { catalogJson, type CrashesJson, startCatalogCli } from '../../support/catalogCli';
import { makeTempDir } from '../../support/crashNode';

const CORES = 10;

/** A store of `count` cores, each of its own aborted process; returns their pids. */
function storeOfCores(store: string, count: number): number[] {
  const pids: number[] = [];
  for (let i = 0; i < count; i++) {
    const dir = path.join(store, 'local', `crash-${i}`);
    fs.mkdirSync(dir, { recursive: true });
    const run = spawnSync('/bin/sh', ['-c', `ulimit -c unlimited && exec "${process.execPath}" -e "setTimeout(() => process.abort(), ${i})"`], { cwd: dir });
    assert.ok(fs.existsSync(path.join(dir, 'core')), `no core in ${dir} (core_pattern must be "core")`);
    pids.push(run.pid);
  }
  return pids;
}

/** The same files under a second store, hard-linked (no copy of the bytes). */
function linkedStore(from: string, to: string): void {
  for (const name of fs.readdirSync(path.join(from, 'local'))) {
    fs.mkdirSync(path.join(to, 'local', name), { recursive: true });
    fs.linkSync(path.join(from, 'local', name, 'core'), path.join(to, 'local', name, 'core'));
  }
}

function indexedPids(store: string): number[] {
  const listed = catalogJson<CrashesJson>(['crashes', '--store', store, '--cached']);
  assert.deepStrictEqual(listed.unreadable, []);
  return listed.crashes.map((c) => c.pid!).sort((a, b) => a - b);
}

suite('crash catalog: concurrent and killed indexers', function () {
  this.timeout(240_000);
  const cores = makeTempDir('salvage-catalog-cores-');
  let pids: number[] = [];

  suiteSetup(() => {
    pids = storeOfCores(cores, CORES).sort((a, b) => a - b);
  });

  test('two indexers on one store at once: every crash once, nothing left to index', async () => {
    const store = makeTempDir('salvage-catalog-two-');
    linkedStore(cores, store);
    const [a, b] = [startCatalogCli(['index', '--store', store, '--json']), startCatalogCli(['index', '--store', store, '--json'])];
    const [ra, rb] = await Promise.all([a.done, b.done]);
    assert.strictEqual(ra.status, 0, ra.stderr);
    assert.strictEqual(rb.status, 0, rb.stderr);
    assert.deepStrictEqual(indexedPids(store), pids);
    const again = catalogJson<{ indexed: number; unchanged: number }>(['index', '--store', store]);
    assert.deepStrictEqual([again.indexed, again.unchanged], [0, CORES]);
  });

  test('an indexer killed mid-way loses nothing: what it finished is kept, the next run does the rest', async () => {
    const store = makeTempDir('salvage-catalog-killed-');
    linkedStore(cores, store);
    const indexer = startCatalogCli(['index', '--store', store]);
    // Killed as soon as a first crash is in the catalog, with most cores still to go.
    let seen: number[] = [];
    while (seen.length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      seen = indexedPids(store);
    }
    indexer.child.kill('SIGKILL');
    const killed = await indexer.done;
    assert.strictEqual(killed.status, null, 'the indexer was killed, not finished');
    const kept = indexedPids(store);
    assert.ok(kept.length >= seen.length && kept.length < CORES, `killed mid-way: ${kept.length} of ${CORES} indexed`);
    const rest = catalogJson<{ indexed: number; unchanged: number; crashes: number }>(['index', '--store', store]);
    assert.strictEqual(rest.indexed + rest.unchanged, CORES);
    assert.strictEqual(rest.indexed, CORES - kept.length, 'only what was not finished is redone');
    assert.deepStrictEqual(indexedPids(store), pids);
  });
});
