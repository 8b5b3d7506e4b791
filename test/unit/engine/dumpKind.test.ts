// Detection by content on real dumps, renamed so that names could not help. Oracles: readelf for
// ELF types, and how each file was made (a report by --report-uncaught-exception, a snapshot by
// v8.writeHeapSnapshot()).

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { detectDumpKind, sniffDumpKind } from '../../../src/engine/dumpKind';
import { withFile } from '../../../src/sources/local/fileByteSource';
import { crashNodeSource, makeTempDir } from '../../support/crashNode';
import { readelfType, writeCore, writeHeapSnapshot } from '../../support/realDumps';

function renamed(file: string, name: string): string {
  const target = path.join(makeTempDir(), name);
  fs.copyFileSync(file, target);
  return target;
}

suite('dump kind detection', () => {
  test('a real report is a report, whatever it is called', async () => {
    const crash = crashNodeSource('null.x;');
    assert.ok(crash.reportPath);
    assert.strictEqual(await withFile(renamed(crash.reportPath, 'core'), sniffDumpKind), 'report');
  });

  test('a real heap snapshot is a heap snapshot, whatever it is called', async () => {
    assert.strictEqual(await withFile(renamed(writeHeapSnapshot(), 'report.json'), sniffDumpKind), 'heapsnapshot');
  });

  test('a real core is a core; an ELF executable is not a dump', async () => {
    const core = writeCore();
    assert.ok(core, 'this machine wrote no core (core_pattern must be a plain file name, ulimit -c raisable)');
    assert.strictEqual(readelfType(core), 'CORE');
    assert.strictEqual(await withFile(core, sniffDumpKind), 'core');
    assert.notStrictEqual(readelfType(process.execPath), 'CORE');
    assert.strictEqual(await withFile(process.execPath, sniffDumpKind), 'unknown');
  });

  test('other JSON, text and short files are unknown', () => {
    const bytes = (s: string) => new Uint8Array(Buffer.from(s));
    assert.strictEqual(detectDumpKind(bytes('{"name":"salvage","version":"1.0.0"}')), 'unknown');
    assert.strictEqual(detectDumpKind(bytes('{"header":{"title":"not a report"}}')), 'unknown');
    assert.strictEqual(detectDumpKind(bytes('\x7fEL')), 'unknown');
    assert.strictEqual(detectDumpKind(bytes('')), 'unknown');
    assert.strictEqual(detectDumpKind(bytes('\uFEFF  {"snapshot":{"meta":{}}}')), 'heapsnapshot');
  });
});
