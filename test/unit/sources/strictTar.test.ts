// The strict tar reader. Valid archives are made by GNU tar (the oracle: what it packed must come
// out byte for byte, in every format and whatever the chunking); hostile ones are synthesised byte
// by byte, one broken thing each, and must be refused with a DumpError naming the offset.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { DumpError } from '../../../src/engine/dumpError';
import { extractSingleFile, readSingleFileHead } from '../../../src/sources/tar/singleFileTar';
import { TAR_LIMITS } from '../../../src/sources/tar/tarParser';
import { removeScratch, scratchDir } from '../../support/dockerSandbox';
import { archive, chunks, END, entry, gnuLongName, header, paxHeader } from './tarBytes';

async function extract(bytes: Uint8Array, expected: string, chunkSize = 4096): Promise<Buffer> {
  const parts: Buffer[] = [];
  await extractSingleFile(chunks(bytes, chunkSize), 'test.tar', expected, async (b) => {
    parts.push(Buffer.from(b));
  });
  return Buffer.concat(parts);
}

async function refused(bytes: Uint8Array, expected: string, message: RegExp): Promise<void> {
  for (const size of [1, 512, 1 << 16]) {
    await assert.rejects(extract(bytes, expected, size), (error: unknown) => {
      assert.ok(error instanceof DumpError, `a DumpError, got ${String(error)}`);
      assert.match(error.message, message);
      assert.match(error.message, /^test\.tar: .*\(at byte offset \d+\)$/);
      return true;
    });
  }
}

function gnuTar(format: string, dir: string, name: string): Buffer {
  const out = path.join(scratchDir('salvage-tar-'), 'a.tar');
  const r = spawnSync('tar', [`--format=${format}`, '-cf', out, '-C', dir, name], { encoding: 'utf8' });
  assert.strictEqual(r.status, 0, r.stderr);
  return fs.readFileSync(out);
}

suite('strict tar reader', () => {
  const content = randomBytes(70_000 + 123);
  suiteTeardown(removeScratch);

  test('what GNU tar packed comes out byte for byte: ustar, pax, gnu; any chunking', async () => {
    const dir = scratchDir('salvage-tar-');
    fs.writeFileSync(path.join(dir, 'core'), content);
    for (const format of ['ustar', 'pax', 'gnu', 'posix']) {
      const tar = gnuTar(format, dir, 'core');
      for (const size of [1, 7, 512, 513, 65536]) assert.ok((await extract(tar, 'core', size)).equals(content), `${format} in chunks of ${size}`);
    }
  });

  test('long names: ustar prefix, pax path and GNU long-name headers, as GNU tar writes them', async () => {
    const dir = scratchDir('salvage-tar-');
    const folder = 'd'.repeat(90);
    const name = `${folder}/${'n'.repeat(80)}.heapsnapshot`;
    fs.mkdirSync(path.join(dir, folder));
    fs.writeFileSync(path.join(dir, name), content);
    for (const format of ['ustar', 'pax', 'gnu']) assert.ok((await extract(gnuTar(format, dir, name), name, 100)).equals(content), format);
    // Packing the folder packs the folder entry first: the single-file policy refuses it.
    await assert.rejects(extract(gnuTar('pax', dir, folder), name), /is a directory; only regular files are read/);
    const longFile = 'f'.repeat(150);
    fs.writeFileSync(path.join(dir, longFile), content);
    for (const format of ['pax', 'gnu']) assert.ok((await extract(gnuTar(format, dir, longFile), longFile)).equals(content), format);
  });

  test('an empty file, a pax size override and a base-256 size field are read exactly', async () => {
    assert.strictEqual((await extract(archive(entry({ name: 'core' })), 'core')).length, 0);
    const small = Buffer.from('hello');
    assert.ok((await extract(archive(paxHeader({ size: '5' }), entry({ name: 'core', size: 0 }).subarray(0, 512), Buffer.concat([small, Buffer.alloc(507)])), 'core')).equals(small));
    const base256 = Buffer.alloc(12);
    base256[0] = 0x80;
    base256[11] = 5;
    assert.ok((await extract(archive(header({ name: 'core', size: base256 }), Buffer.concat([small, Buffer.alloc(507)])), 'core')).equals(small));
  });

  test('readSingleFileHead stops after the head', async () => {
    let pulled = 0;
    const tar = archive(entry({ name: 'core' }, content));
    async function* counting(): AsyncGenerator<Uint8Array> {
      for await (const c of chunks(tar, 1024)) {
        pulled += c.length;
        yield c;
      }
    }
    const { file, head } = await readSingleFileHead(counting(), 'test.tar', 'core', 4096);
    assert.strictEqual(file.size, content.length);
    assert.ok(Buffer.from(head).equals(content.subarray(0, 4096)));
    assert.ok(pulled <= 512 + 4096 + 1024, `read ${pulled} bytes`);
  });

  const hostile: Array<[string, Buffer, RegExp]> = [
    ['".." in the name', archive(entry({ name: '../core' }, Buffer.from('x'))), /climbs out/],
    ['".." in the middle', archive(entry({ name: 'a/../../core' }, Buffer.from('x'))), /climbs out/],
    ['an absolute name', archive(entry({ name: '/etc/passwd' }, Buffer.from('x'))), /is absolute/],
    ['".." in the ustar prefix', archive(entry({ name: 'core', prefix: '..' }, Buffer.from('x'))), /climbs out/],
    ['".." through a pax path', archive(paxHeader({ path: '../../root/.ssh/authorized_keys' }), entry({ name: 'core' }, Buffer.from('x'))), /climbs out/],
    ['an absolute pax path', archive(paxHeader({ path: '/etc/cron.d/x' }), entry({ name: 'core' }, Buffer.from('x'))), /is absolute/],
    ['".." through a GNU long name', archive(gnuLongName(`${'a/'.repeat(60)}../../../../x`), entry({ name: 'core' }, Buffer.from('x'))), /climbs out/],
    ['a backslash', archive(entry({ name: '..\\..\\core' }, Buffer.from('x'))), /backslash/],
    ['a NUL in a pax path', archive(paxHeader({ path: 'core\0.txt' }), entry({ name: 'core' }, Buffer.from('x'))), /NUL/],
    ['a symbolic link', archive(entry({ name: 'core', type: '2', linkName: '/etc/shadow' })), /symbolic link to "\/etc\/shadow"/],
    ['a hard link', archive(entry({ name: 'core', type: '1', linkName: 'etc/shadow' })), /hard link/],
    ['a character device', archive(entry({ name: 'core', type: '3' })), /character device/],
    ['a block device', archive(entry({ name: 'core', type: '4' })), /block device/],
    ['a FIFO', archive(entry({ name: 'core', type: '6' })), /FIFO/],
    ['a directory', archive(entry({ name: 'core/', type: '5' })), /directory/],
    ['a second entry', archive(entry({ name: 'core' }, Buffer.from('x')), entry({ name: 'core2' }, Buffer.from('y'))), /more than the one file/],
    ['the same name twice', archive(entry({ name: 'core' }, Buffer.from('x')), entry({ name: 'core' }, Buffer.from('y'))), /more than the one file/],
    ['another name', archive(entry({ name: 'passwd' }, Buffer.from('x'))), /not the file asked for/],
    ['a bad checksum', archive(entry({ name: 'core', checksum: '0000000\0' }, Buffer.from('x'))), /checksum mismatch/],
    ['no magic (v7 tar)', archive(entry({ name: 'core', magic: '\0\0\0\0\0\0\0\0' }, Buffer.from('x'))), /bad magic/],
    ['a size that is not octal', archive(entry({ name: 'core', size: Buffer.from('00000000x12\0') })), /not an octal number/],
    ['a negative base-256 size', archive(header({ name: 'core', size: Buffer.alloc(12, 0xff) })), /negative/],
    ['a base-256 size beyond 2^53', archive(header({ name: 'core', size: Buffer.from([0x80, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]) })), /too large/],
    ['an oversize pax header', archive(header({ name: 'x', type: 'x', size: TAR_LIMITS.maxPaxHeader + 1 })), /exceeds the limit/],
    ['an oversize GNU long name', archive(header({ name: '././@LongLink', type: 'L', size: TAR_LIMITS.maxLongName + 1, magic: 'ustar  \0' })), /exceeds the limit/],
    ['a pax record whose length lies', archive(entry({ name: 'x', type: 'x' }, Buffer.from('99 path=core\n')), entry({ name: 'core' })), /do not end where it says/],
    ['a pax record without a length', archive(entry({ name: 'x', type: 'x' }, Buffer.from('path=core\n')), entry({ name: 'core' })), /no valid length/],
    ['a pax size that is not a number', archive(paxHeader({ size: '-5' }), entry({ name: 'core' })), /pax size is not a number/],
    ['a global pax header', archive(paxHeader({ comment: 'hi' }, 'g'), entry({ name: 'core' })), /global pax headers/],
    ['a GNU sparse entry', archive(entry({ name: 'core', type: 'S' })), /unsupported entry type "S"/],
    ['pax sparse keys', archive(paxHeader({ 'GNU.sparse.major': '1' }), entry({ name: 'core' })), /sparse/],
    ['endless extended headers', archive(...Array.from({ length: TAR_LIMITS.maxExtendedPerEntry + 1 }, () => paxHeader({ comment: 'x' })), entry({ name: 'core' })), /extended headers before one entry/],
    ['an extended header and then the end', archive(paxHeader({ path: 'core' })), /not followed by an entry/],
    ['entries after the end marker', Buffer.concat([entry({ name: 'core' }, Buffer.from('x')), Buffer.alloc(512), entry({ name: 'evil' }, Buffer.from('y')), END]), /follow the end-of-archive marker/],
    ['a pax size larger than the data', archive(paxHeader({ size: '100000' }), entry({ name: 'core' }, Buffer.from('x'))), /archive ended early/],
  ];
  for (const [what, bytes, message] of hostile) {
    test(`refuses ${what}`, () => refused(bytes, 'core', message));
  }

  test('refuses archives cut short: in a header, in the content, before the end marker', async () => {
    const whole = archive(entry({ name: 'core' }, content));
    await refused(whole.subarray(0, 300), 'core', /archive ended early: cut off in the middle of a block/);
    await refused(whole.subarray(0, 512 + 1000), 'core', /archive ended early: cut off inside an entry's content \(\d+ bytes missing\)/);
    await refused(whole.subarray(0, whole.length - 1024), 'core', /without its end-of-archive marker/);
    await refused(new Uint8Array(0), 'core', /archive ended early/);
  });

  test('the checksum is checked against a header GNU tar wrote, with one byte flipped', async () => {
    const dir = scratchDir('salvage-tar-');
    fs.writeFileSync(path.join(dir, 'core'), content);
    const tar = gnuTar('ustar', dir, 'core');
    tar[2] ^= 0x01; // a byte of the name: the recorded checksum no longer matches
    await refused(tar, 'core', /checksum mismatch/);
  });
});
