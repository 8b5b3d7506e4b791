// Compressed cores, made by the real `zstd`, `lz4` and `xz` tools from a real Node core, open as the
// raw core does. Oracles: the raw core's own bytes (SHA-256 by Node's crypto) for every decompressed
// copy, and the JavaScript stack Node printed as it died for the frames read from it; the tools'
// own output for the truncated inputs' sizes.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { CoreTarget } from '../../../src/engine/core/coreTarget';
import { DECOMPRESSED_FOLDER } from '../../../src/sources/compressed/decompressedCopy';
import { openDumpSource } from '../../../src/sources/openDumpSource';
import { openTarget } from '../../../src/sources/openTarget';
import { makeTempDir } from '../../support/crashNode';
import { officialNode } from '../../support/nodeBinaries';
import { CLI } from '../../support/repoPaths';
import { crashFixture, type JsCrash } from '../../support/v8Cores';
import { framesAsNodePrinted } from '../../support/v8Stacks';

/** Each way of compressing the core, as the tool is run (systemd's own choices and the tools' variants). */
const VARIANTS: Array<{ file: string; tool: string; args: string[] }> = [
  { file: 'core.zst', tool: 'zstd', args: ['-q', '-T1'] },
  { file: 'core.lz4', tool: 'lz4', args: ['-q'] },
  { file: 'linked.lz4', tool: 'lz4', args: ['-q', '-BD', '-BX', '--content-size', '-B4'] },
  { file: 'core.xz', tool: 'xz', args: ['-0', '-T1'] },
  { file: 'blocks.xz', tool: 'xz', args: ['-0', '-T2', '--block-size=4MiB'] },
];

function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function compress(core: string, dir: string, variant: (typeof VARIANTS)[number]): string {
  const out = path.join(dir, variant.file);
  const r = spawnSync(variant.tool, [...variant.args, '-c', core], { maxBuffer: 1 << 30 });
  assert.strictEqual(r.status, 0, `${variant.tool}: ${String(r.stderr)}`);
  fs.writeFileSync(out, r.stdout);
  return out;
}

function salvage(node: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(node, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, SALVAGE_DUMP_STORE: store } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let store = '';

suite('compressed cores (zstd, LZ4, xz) open as the raw core does', function () {
  this.timeout(300_000);
  let crash: JsCrash;
  let dir: string;
  const compressed = new Map<string, string>();

  suiteSetup(() => {
    crash = crashFixture(22, 'callbacks.js');
    assert.ok(crash.core, crash.stderr);
    assert.ok(crash.oracle.length > 0, `Node printed no stack:\n${crash.stderr}`);
    dir = makeTempDir('salvage-compressed-');
    store = makeTempDir('salvage-store-');
    for (const variant of VARIANTS) compressed.set(variant.file, compress(crash.core, dir, variant));
  });

  suiteTeardown(() => crash?.cleanup());

  test('each decompressed copy is the raw core byte for byte, and its JS frames are the ones Node printed', async () => {
    const raw = sha256(crash.core ?? '');
    for (const [name, file] of compressed) {
      const opened = await openDumpSource(file, { storeDir: store });
      await opened.source.close();
      assert.strictEqual(sha256(opened.localPath), raw, name);
      assert.strictEqual(path.dirname(opened.localPath), path.join(store, DECOMPRESSED_FOLDER));
      const target = await openTarget(file, { storeDir: store, binary: crash.binary, expect: ['core'] });
      try {
        assert.ok(target instanceof CoreTarget);
        assert.strictEqual(target.name, file, 'messages name the file the user gave');
        assert.deepStrictEqual(await framesAsNodePrinted(target, crash), crash.oracle, name);
      } finally {
        await target.dispose();
      }
    }
  });

  test('salvage stack on the .zst prints what it prints on the raw core, with zlib (Node 24) and with fzstd (Node 20)', () => {
    const rawJson = salvage(process.execPath, 'stack', crash.core ?? '', '--binary', crash.binary, '--json');
    assert.strictEqual(rawJson.code, 0, rawJson.stderr);
    for (const node of [process.execPath, officialNode(24)]) {
      const r = salvage(node, 'stack', compressed.get('core.zst') ?? '', '--binary', crash.binary, '--json');
      assert.strictEqual(r.code, 0, r.stderr);
      assert.deepStrictEqual(JSON.parse(r.stdout), JSON.parse(rawJson.stdout));
    }
  });

  test('a second open decodes nothing: the copy is found by the checksum of the compressed bytes', async () => {
    const file = compressed.get('core.xz') ?? '';
    const again = path.join(dir, 'renamed-copy.xz');
    fs.copyFileSync(file, again);
    let progress = 0;
    const first = await openDumpSource(file, { storeDir: store });
    await first.source.close();
    const mtime = fs.statSync(first.localPath).mtimeMs;
    const second = await openDumpSource(again, { storeDir: store, onProgress: () => progress++ });
    await second.source.close();
    assert.strictEqual(progress, 0);
    assert.strictEqual(fs.statSync(first.localPath).mtimeMs, mtime);
  });

  test('cancelling a decompression leaves nothing in the store', async () => {
    const cancelStore = makeTempDir('salvage-store-');
    const abort = new AbortController();
    await assert.rejects(openDumpSource(compressed.get('core.lz4') ?? '', { storeDir: cancelStore, signal: abort.signal, onProgress: () => abort.abort() }), (error: Error) => error.name === 'AbortError');
    assert.deepStrictEqual(fs.readdirSync(path.join(cancelStore, DECOMPRESSED_FOLDER)), []);
  });

  test('a truncated .zst, .lz4 or .xz: one line naming the file and where it ends, exit 1', () => {
    for (const name of ['core.zst', 'core.lz4', 'core.xz']) {
      const whole = fs.readFileSync(compressed.get(name) ?? '');
      const cut = path.join(dir, `cut-${name}`);
      fs.writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
      const size = fs.statSync(cut).size;
      const r = salvage(process.execPath, 'stack', cut, '--binary', crash.binary);
      assert.strictEqual(r.code, 1, r.stdout);
      const lines = r.stderr.trim().split('\n');
      assert.strictEqual(lines.length, 1, r.stderr);
      assert.ok(lines[0].includes(cut) && lines[0].includes(`the file is truncated (at byte offset ${size} of ${size})`), lines[0]);
    }
    assert.deepStrictEqual(
      fs.readdirSync(path.join(store, DECOMPRESSED_FOLDER)).filter((f) => f.includes('partial')),
      [],
    );
  });

  test('salvage ls lists a compressed core as a core, saying how it is compressed', () => {
    const r = salvage(process.execPath, 'ls', dir, '--json');
    assert.strictEqual(r.code, 0, r.stderr);
    const dumps = (JSON.parse(r.stdout) as { dumps: Array<{ location: string; kind: string; compression?: string }> }).dumps;
    for (const [name, label] of [
      ['core.zst', 'zstd'],
      ['core.lz4', 'LZ4'],
      ['blocks.xz', 'xz'],
    ]) {
      const entry = dumps.find((d) => d.location === path.join(dir, name));
      assert.deepStrictEqual({ kind: entry?.kind, compression: entry?.compression }, { kind: 'core', compression: label }, r.stdout);
    }
  });
});
