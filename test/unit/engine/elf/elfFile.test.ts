// The ELF reader on real binaries (oracle: binutils' readelf) and on synthesised malformed headers,
// one test per malformation: each is a DumpError naming the file and the byte offset.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { ElfFile } from '../../../../src/engine/elf/elfFile';
import { PagedReader } from '../../../../src/engine/elf/pagedReader';
import { DumpError } from '../../../../src/engine/dumpError';
import { withFile } from '../../../../src/sources/local/fileByteSource';
import { BytesSource } from '../../../support/memorySource';

const LIBC = '/lib/x86_64-linux-gnu/libc.so.6';

function readelf(...args: string[]): string {
  return spawnSync('readelf', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout;
}

/** A minimal valid ELF64 little-endian x86-64 header; callers then break one field. */
function header(): Buffer {
  const b = Buffer.alloc(64);
  b.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1], 0);
  b.writeUInt16LE(2, 16); // ET_EXEC
  b.writeUInt16LE(62, 18); // EM_X86_64
  b.writeUInt16LE(56, 54);
  b.writeUInt16LE(64, 58);
  return b;
}

async function open(bytes: Buffer): Promise<ElfFile> {
  return ElfFile.open(new PagedReader(new BytesSource(bytes, 'bad.elf')));
}

async function rejects(bytes: Buffer, pattern: RegExp, offset: number): Promise<void> {
  await assert.rejects(open(bytes), (e: unknown) => e instanceof DumpError && pattern.test(e.message) && e.offset === offset);
}

suite('ELF reader', () => {
  for (const file of [process.execPath, LIBC]) {
    test(`${file}: sections, program headers and build-id are the ones readelf lists`, async () => {
      await withFile(file, async (source) => {
        const elf = await ElfFile.open(new PagedReader(source));
        const sections = [...readelf('-SW', file).matchAll(/^\s+\[\s*\d+\]\s+(\S+)\s+[A-Z_]+\s/gm)].map((m) => m[1]);
        assert.deepStrictEqual(
          elf.sections.slice(1).map((s) => s.name),
          sections.filter((n) => n !== 'NULL'),
        );
        const loads = (readelf('-lW', file).match(/^\s+LOAD\s/gm) ?? []).length;
        assert.strictEqual(elf.programHeaders.filter((p) => p.type === 1).length, loads);
        assert.strictEqual(await elf.buildId(), /Build ID: ([0-9a-f]+)/.exec(readelf('-n', file))?.[1]);
      });
    });
  }

  test('a compressed DWARF section inflates to the size readelf reports', async () => {
    const debug = readelf('-n', LIBC).match(/Build ID: ([0-9a-f]+)/)?.[1] ?? '';
    const file = `/usr/lib/debug/.build-id/${debug.slice(0, 2)}/${debug.slice(2)}.debug`;
    const expected = /\[ *\d+\] \.debug_line\s+PROGBITS\s+\S+\s+\S+\s+(\S+)\s+\S+\s+C/.exec(readelf('-SW', file));
    assert.ok(expected, 'libc6-dbg is installed with compressed sections');
    const decompressed = spawnSync('readelf', ['--decompress', '-x', '.debug_line', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }).stdout;
    const bytesShown = (decompressed.match(/^\s+0x[0-9a-f]+ ((?:[0-9a-f]{2,8} ){1,4})/gm) ?? []).reduce((n, l) => n + l.trim().split(/\s+/).slice(1, 5).join('').length / 2, 0);
    await withFile(file, async (source) => {
      const elf = await ElfFile.open(new PagedReader(source));
      const section = elf.section('.debug_line');
      assert.ok(section);
      assert.strictEqual((await elf.data(section)).length, bytesShown);
    });
  });

  test('bad magic', async () => {
    const b = header();
    b[1] = 0x46;
    await rejects(b, /^bad\.elf: ELF header: not an ELF file/, 0);
  });

  test('32-bit ELF', async () => {
    const b = header();
    b[4] = 1;
    await rejects(b, /class 1 is not supported/, 4);
  });

  test('big-endian ELF', async () => {
    const b = header();
    b[5] = 2;
    await rejects(b, /big-endian ELF is not supported/, 5);
  });

  test('another machine', async () => {
    const b = header();
    b.writeUInt16LE(183, 18);
    await rejects(b, /machine 183 is not supported/, 18);
  });

  test('a file shorter than the ELF header', async () => {
    await rejects(header().subarray(0, 30), /ELF header \(64 bytes\) lies outside the file \(30 bytes\): the file looks truncated/, 0);
  });

  test('a wrong program header entry size', async () => {
    const b = header();
    b.writeUInt16LE(1, 56);
    b.writeUInt16LE(40, 54);
    await rejects(b, /program header size is 40, expected 56/, 54);
  });

  test('program headers past the end of the file', async () => {
    const b = header();
    b.writeBigUInt64LE(64n, 32);
    b.writeUInt16LE(3, 56);
    await rejects(b, /3 program headers \(168 bytes\) lies outside the file \(64 bytes\)/, 64);
  });

  test('an offset too large to be exact', async () => {
    const b = header();
    b.writeBigUInt64LE(0xffffffffffffff00n, 32);
    await rejects(b, /value 0xffffffffffffff00 is too large/, 32);
  });

  test('section headers past the end of the file', async () => {
    const b = header();
    b.writeBigUInt64LE(4096n, 40);
    b.writeUInt16LE(5, 60);
    await rejects(b, /5 section headers \(320 bytes\) lies outside the file/, 4096);
  });
});
