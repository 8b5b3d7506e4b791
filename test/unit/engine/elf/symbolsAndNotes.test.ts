// Symbol lookup on real binaries (oracle: readelf's symbol table) and note parsing on synthesised
// bytes, including the malformed cases.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { DumpError } from '../../../../src/engine/dumpError';
import { ElfFile } from '../../../../src/engine/elf/elfFile';
import { parseNotes } from '../../../../src/engine/elf/elfNotes';
import { type ElfSymbol, SymbolTable } from '../../../../src/engine/elf/elfSymbols';
import { PagedReader } from '../../../../src/engine/elf/pagedReader';
import { withFile } from '../../../../src/sources/local/fileByteSource';

interface ReadelfSymbol {
  address: number;
  size: number;
  name: string;
}

/** FUNC symbols of the .symtab as readelf prints them. */
function readelfFunctions(file: string): ReadelfSymbol[] {
  const out = spawnSync('readelf', ['-sW', '--syms', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }).stdout;
  const symtab = out.slice(out.indexOf("Symbol table '.symtab'"));
  return [...symtab.matchAll(/^\s*\d+: ([0-9a-f]+)\s+(\d+) FUNC\s+\w+\s+\w+\s+\d+ (\S+)$/gm)].map((m) => ({ address: parseInt(m[1], 16), size: Number(m[2]), name: m[3] }));
}

function note(name: string, type: number, desc: Buffer, align: number): Buffer {
  const pad = (n: number): number => Math.ceil(n / align) * align;
  const nameBytes = Buffer.from(`${name}\0`);
  const head = Buffer.alloc(12);
  head.writeUInt32LE(nameBytes.length, 0);
  head.writeUInt32LE(desc.length, 4);
  head.writeUInt32LE(type, 8);
  const nameEnd = pad(12 + nameBytes.length);
  const out = Buffer.alloc(pad(nameEnd + desc.length));
  head.copy(out, 0);
  nameBytes.copy(out, 12);
  desc.copy(out, nameEnd);
  return out;
}

suite('ELF symbols and notes', () => {
  let nodeFunctions: ReadelfSymbol[];

  suiteSetup(() => {
    nodeFunctions = readelfFunctions(process.execPath);
  });

  test('the symbol holding the middle of 300 node functions is the one readelf lists there', async () => {
    const functions = nodeFunctions.filter((f) => f.size > 16);
    const byAddress = new Map<number, Set<string>>();
    for (const f of functions) byAddress.set(f.address, (byAddress.get(f.address) ?? new Set()).add(f.name.replace(/@.*$/, '')));
    await withFile(process.execPath, async (source) => {
      const table = await SymbolTable.load(await ElfFile.open(new PagedReader(source)));
      assert.ok(table);
      for (let i = 0; i < 300; i++) {
        const f = functions[(i * 7919) % functions.length];
        const found: ElfSymbol | undefined = await table.lookup(f.address + Math.floor(f.size / 2));
        assert.strictEqual(found?.address, f.address, f.name);
        assert.ok(byAddress.get(f.address)?.has(found?.name ?? ''), `${found?.name} is one of ${[...(byAddress.get(f.address) ?? [])].join(', ')}`);
      }
    });
  });

  test('past the end of a sized symbol there is no symbol (gdb shows ??)', async () => {
    const functions = [...nodeFunctions].sort((a, b) => a.address - b.address);
    // A gap: a function whose end is well before the next function's start.
    const gap = functions.find((f, i) => f.size > 0 && functions[i + 1] !== undefined && functions[i + 1].address > f.address + f.size + 64);
    assert.ok(gap);
    await withFile(process.execPath, async (source) => {
      const table = await SymbolTable.load(await ElfFile.open(new PagedReader(source)));
      assert.strictEqual(await table?.lookup(gap.address + gap.size + 32), undefined);
    });
  });

  test('an address past the last code section is not named after its last label (_fini)', async () => {
    // readelf: the executable sections and the zero-sized labels in them (node's _fini ends .fini).
    const sections = spawnSync('readelf', ['-SW', process.execPath], { encoding: 'utf8' }).stdout;
    const code = [...sections.matchAll(/\]\s+(\S+)\s+PROGBITS\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)\s+\S+\s+A?X/g)].map((m) => ({ name: m[1], end: parseInt(m[2], 16) + parseInt(m[3], 16) }));
    const lastEnd = Math.max(...code.map((c) => c.end));
    const fini = nodeFunctions.find((f) => f.name === '_fini');
    assert.ok(fini !== undefined && fini.size === 0 && fini.address < lastEnd, `readelf lists a zero-sized _fini inside the code (${code.map((c) => c.name).join(', ')})`);
    await withFile(process.execPath, async (source) => {
      const table = await SymbolTable.load(await ElfFile.open(new PagedReader(source)));
      assert.strictEqual((await table?.lookup(fini.address))?.name, '_fini');
      for (const past of [lastEnd, lastEnd + 0x1000, lastEnd + 0x7f00_0000_0000]) assert.strictEqual(await table?.lookup(past), undefined, `0x${past.toString(16)}`);
    });
  });

  test('notes with 4- and 8-byte alignment', () => {
    for (const align of [4, 8]) {
      const bytes = Buffer.concat([note('GNU', 3, Buffer.from('0123456789abcdef0123', 'hex'), align), note('CORE', 1, Buffer.alloc(5, 7), align)]);
      const notes = parseNotes(bytes, 'f', 100, align);
      assert.deepStrictEqual(
        notes.map((n) => [n.name, n.type, n.desc.length]),
        [
          ['GNU', 3, 10],
          ['CORE', 1, 5],
        ],
      );
      assert.strictEqual(Buffer.from(notes[0].desc).toString('hex'), '0123456789abcdef0123');
    }
  });

  test('a note whose descriptor runs past the segment is a DumpError at its offset', () => {
    const bytes = note('CORE', 1, Buffer.alloc(40), 4);
    bytes.writeUInt32LE(400, 4);
    assert.throws(
      () => parseNotes(bytes, 'core', 1000),
      (e: unknown) => e instanceof DumpError && /note: truncated \(needs 400 more bytes/.test(e.message) && e.offset === 1000 + 20,
    );
  });
});
