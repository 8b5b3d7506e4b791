// docker:// URIs (checked against the WHATWG URL parser, which must read the same container and
// path out of what we format), atomic writes (checked with sha256sum and a directory listing), and
// the store's layout.

import * as assert from 'assert';
import { createHash } from 'crypto';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { PARTIAL_SUFFIX, writeAtomically } from '../../../src/sources/atomicFile';
import { storePathFor } from '../../../src/sources/dumpStore';
import { formatDockerUri, isDockerUri, parseDockerUri } from '../../../src/sources/dumpUri';
import { removeScratch, scratchDir } from '../../support/dockerSandbox';

suite('docker:// URIs', () => {
  test('parse the container, the path and an optional context', () => {
    assert.deepStrictEqual(parseDockerUri('docker://api-1/app/core'), { container: 'api-1', path: '/app/core' });
    assert.deepStrictEqual(parseDockerUri('docker://3f2a9c/tmp//x/./report.json?context=prod'), { container: '3f2a9c', path: '/tmp/x/report.json', context: 'prod' });
    assert.deepStrictEqual(parseDockerUri('DOCKER://c/a%20b/%3Fodd%25'), { container: 'c', path: '/a b/?odd%' });
    assert.ok(isDockerUri('docker://c/x') && !isDockerUri('/tmp/docker://c/x') && !isDockerUri('core'));
  });

  test('what we format, the WHATWG URL parser reads back as the same container and path', () => {
    for (const p of ['/work/core', '/tmp/a b/report #1.json', '/dumps/heap?.heapsnapshot', '/x/100%/ü', '/var/crash/node:core@1']) {
      const uri = formatDockerUri({ container: 'svc_1.web', path: p });
      const url = new URL(uri);
      assert.strictEqual(url.protocol, 'docker:');
      assert.strictEqual(url.host, 'svc_1.web');
      assert.strictEqual(decodeURIComponent(url.pathname), p, uri);
      assert.deepStrictEqual(parseDockerUri(uri), { container: 'svc_1.web', path: p });
    }
    assert.strictEqual(new URL(formatDockerUri({ container: 'c', path: '/core', context: 'my ctx' })).searchParams.get('context'), 'my ctx');
  });

  test('refuses what is not a container and an absolute path inside it', () => {
    for (const bad of ['docker://', 'docker://c', 'docker:///core', 'docker://-x/core', 'docker://c/../etc/shadow', 'docker://c/a/../../b', 'docker://c/', 'docker://c/%E0%A4%A', 'docker://c/x?user=me', 'docker://c/x%00y']) {
      assert.throws(() => parseDockerUri(bad), Error, bad);
    }
  });
});

suite('atomic writes and the store layout', () => {
  suiteTeardown(removeScratch);
  test('a committed file has the bytes written, as sha256sum reads them', async () => {
    const dir = scratchDir();
    const dest = path.join(dir, 'core');
    const data = Buffer.alloc(300_000, 7);
    const written = await writeAtomically(dest, async (out) => {
      await out.write(data.subarray(0, 1000));
      await out.write(data.subarray(1000));
    });
    assert.ok(fs.readFileSync(dest).equals(data));
    assert.strictEqual(spawnSync('sha256sum', [dest], { encoding: 'utf8' }).stdout.split(' ')[0], createHash('sha256').update(data).digest('hex'));
    assert.strictEqual(written.size, data.length);
    assert.deepStrictEqual(fs.readdirSync(dir), ['core']);
  });

  test('skipped zeros are holes: the file reads as written, and the disk holds only the data (du)', async () => {
    const dir = scratchDir();
    const dest = path.join(dir, 'sparse');
    const data = Buffer.alloc(64 * 1024, 9);
    const hole = 8 * 1024 * 1024;
    await writeAtomically(dest, async (out) => {
      await out.write(data);
      out.skip(hole);
      await out.write(data);
      out.skip(hole);
    });
    const expected = Buffer.concat([data, Buffer.alloc(hole), data, Buffer.alloc(hole)]);
    assert.ok(fs.readFileSync(dest).equals(expected));
    const kib = Number(spawnSync('du', ['-k', dest], { encoding: 'utf8' }).stdout.split('\t')[0]);
    assert.ok(kib < 1024, `${kib} KiB on disk for ${expected.length} bytes`);
  });

  test('a failure or an abort part-way leaves no file, temporary or final', async () => {
    const dir = scratchDir();
    const dest = path.join(dir, 'core');
    let partial = '';
    await assert.rejects(
      writeAtomically(dest, async (out) => {
        await out.write(Buffer.alloc(10_000));
        partial = fs.readdirSync(dir).join(',');
        throw new Error('stream broke');
      }),
      /stream broke/,
    );
    assert.ok(partial.endsWith(PARTIAL_SUFFIX), `while writing, only a temporary name exists: ${partial}`);
    const controller = new AbortController();
    await assert.rejects(
      writeAtomically(
        dest,
        async (out) => {
          await out.write(Buffer.alloc(10));
          controller.abort();
        },
        controller.signal,
      ),
    );
    assert.deepStrictEqual(fs.readdirSync(dir), []);
  });

  test('store paths mirror the container path below one folder per container, and cannot climb out', () => {
    const store = '/store';
    assert.strictEqual(storePathFor(store, { id: 'a'.repeat(64), name: 'api' }, '/work/core'), path.join('/store/docker', `api-${'a'.repeat(12)}`, 'work', 'core'));
    const hostile = storePathFor(store, { id: 'b'.repeat(64), name: '../../etc' }, '/../../x/..');
    assert.ok(hostile.startsWith(path.join(store, 'docker') + path.sep) && !hostile.split(path.sep).includes('..'), hostile);
    assert.strictEqual(path.resolve(hostile), hostile);
  });
});
