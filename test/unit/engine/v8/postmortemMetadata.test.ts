// V8's postmortem metadata read from the official binaries of Node 18, 20, 22 and 24 (the file
// alone: no process, so every value comes from the binary's sections). Oracles: the V8 version the
// binary reports when it runs, nm's list of v8dbg_ symbols, and gdb's value of a few of them.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { ElfFile } from '../../../../src/engine/elf/elfFile';
import { PagedReader } from '../../../../src/engine/elf/pagedReader';
import { ProcessMemory } from '../../../../src/engine/v8/heap/processMemory';
import { BinarySymbols } from '../../../../src/engine/v8/metadata/binarySymbols';
import { PostmortemMetadata } from '../../../../src/engine/v8/metadata/postmortemMetadata';
import { buildLayout, LayoutError } from '../../../../src/engine/v8/metadata/v8Layout';
import { formatVersion, readV8Version } from '../../../../src/engine/v8/metadata/v8Version';
import { FileByteSource } from '../../../../src/sources/local/fileByteSource';
import { NODE_MAJORS, officialNode } from '../../../support/nodeBinaries';

/** A process with no memory at all: every read falls back to the binary's file. */
const NO_MEMORY = { read: async () => ({ bytes: new Uint8Array(0) }) };

const GDB_CHECKED = ['v8dbg_off_fp_function', 'v8dbg_class_SharedFunctionInfo__flags__int', 'v8dbg_type_JSFunction__JS_FUNCTION_TYPE', 'v8dbg_frametype_InterpretedFrame', 'v8dbg_prop_kind_Data', 'v8dbg_CodeKindBaseline'];

function gdbValues(binary: string, names: string[]): Map<string, number> {
  const out = spawnSync('gdb', ['-batch', '-nx', ...names.flatMap((n) => ['-ex', `p (int)${n}`]), binary], { encoding: 'utf8' }).stdout;
  const values = [...out.matchAll(/^\$(\d+) = (-?\d+)$/gm)];
  return new Map(values.map((m) => [names[Number(m[1]) - 1], Number(m[2])]));
}

suite('V8 postmortem metadata of the official Node binaries', function () {
  this.timeout(60_000);
  for (const major of NODE_MAJORS) {
    test(`Node ${major}: version, every v8dbg_ symbol, values as gdb reads them, a complete layout`, async () => {
      const binary = officialNode(major);
      const source = await FileByteSource.open(binary);
      try {
        const elf = await ElfFile.open(new PagedReader(source));
        const symbols = await BinarySymbols.load(elf, 0, new ProcessMemory(NO_MEMORY));
        const metadata = await PostmortemMetadata.read(symbols);
        const version = await readV8Version(symbols);
        assert.ok(version);
        const reported = spawnSync(binary, ['-p', 'process.versions.v8'], { encoding: 'utf8' }).stdout.trim();
        assert.strictEqual(formatVersion(version), reported.replace(/-node\.\d+$/, ''));
        const nm = spawnSync('nm', [binary], { encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 }).stdout;
        assert.strictEqual(metadata.size, nm.split('\n').filter((l) => / v8dbg_/.test(l)).length);
        const fromGdb = gdbValues(binary, GDB_CHECKED);
        assert.strictEqual(fromGdb.size, GDB_CHECKED.length, 'gdb printed every value');
        for (const [name, value] of fromGdb) assert.strictEqual(metadata.constant(name.slice('v8dbg_'.length)), value, name);
        const layout = buildLayout(metadata, version);
        assert.deepStrictEqual([layout.fallback.branch.major, layout.fallback.branch.minor, layout.fallback.branch.node], [version.major, version.minor, major]);
        // A branch Salvage was not checked on is refused in one line, not read with a neighbour's layouts.
        const unknown = { ...version, minor: version.minor + 1 };
        assert.throws(
          () => buildLayout(metadata, unknown),
          (e: unknown) => e instanceof LayoutError && e.message === `V8 ${formatVersion(unknown)} is not recognised: Salvage knows the layouts of V8 10.2 (Node 18), 11.3 (Node 20), 12.4 (Node 22), 13.6 (Node 24), 14.6 (Node 26)`,
        );
      } finally {
        await source.close();
      }
    });
  }
});
