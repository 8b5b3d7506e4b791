// Bad input: every problem with a report's content is a DumpError naming the file, what is wrong and,
// when known, the byte offset. Most inputs are real reports, damaged the way files get damaged.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { ByteSource } from '../../../src/engine/bytes/byteSource';
import { DumpError } from '../../../src/engine/dumpError';
import { parseReport } from '../../../src/engine/report/parseReport';
import type { DiagnosticReport } from '../../../src/engine/report/reportModel';
import { withFile } from '../../../src/sources/local/fileByteSource';
import { crashNodeSource, makeTempDir } from '../../support/crashNode';

class MemorySource implements ByteSource {
  reads = 0;
  constructor(
    readonly name: string,
    private readonly bytes: Uint8Array,
    readonly size = bytes.length,
  ) {}
  async read(offset: number, length: number): Promise<Uint8Array> {
    this.reads++;
    return this.bytes.subarray(offset, offset + length);
  }
  async close(): Promise<void> {}
}

let realReport: Buffer;
let dir: string;

function writeFixture(name: string, content: string | Uint8Array): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

function parseFile(file: string): Promise<DiagnosticReport> {
  return withFile(file, (s) => parseReport(s, {}));
}

/** The real report with `edit` applied to its parsed JSON. */
function edited(name: string, edit: (json: Record<string, Record<string, unknown>>) => void): string {
  const json = JSON.parse(realReport.toString('utf8')) as Record<string, Record<string, unknown>>;
  edit(json);
  return writeFixture(name, JSON.stringify(json));
}

async function rejection(promise: Promise<unknown>): Promise<DumpError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof DumpError, `not a DumpError: ${String(e)}`);
    return e;
  }
  assert.fail('parsed without error');
}

suite('report errors', () => {
  suiteSetup(() => {
    const crash = crashNodeSource("throw new Error('to be damaged');\n");
    assert.ok(crash.reportPath, crash.stderr);
    realReport = fs.readFileSync(crash.reportPath);
    dir = makeTempDir('salvage-bad-');
  });

  suite('report errors: damaged JSON', () => {
    test('truncated at half its size: names the file and the offset', async () => {
      const file = writeFixture('truncated.json', realReport.subarray(0, Math.floor(realReport.length / 2)));
      const error = await rejection(parseFile(file));
      assert.strictEqual(error.file, file);
      assert.ok(error.message.includes(file), error.message);
      assert.ok(error.message.includes('offset'), error.message);
      const size = fs.statSync(file).size;
      assert.ok(error.offset !== undefined && error.offset <= size && error.offset >= size - 64, `offset ${error.offset} of ${size}`);
      // Where the parser gave up at the very end, the file was cut: said so, with its size.
      if (error.offset === size) assert.strictEqual(error.message, `${file}: the report ends early: the file is truncated (at byte offset ${size} of ${size})`);
      else assert.ok(error.problem.startsWith('malformed JSON: '), error.problem);
    });

    test('truncated right after a structural character: "end of JSON input" at the file size', async () => {
      const cut = realReport.indexOf('"javascriptStack"') + '"javascriptStack":'.length;
      const file = writeFixture('cut.json', realReport.subarray(0, cut + 1));
      const error = await rejection(parseFile(file));
      const size = fs.statSync(file).size;
      assert.strictEqual(error.message, `${file}: the report ends early: the file is truncated (at byte offset ${size} of ${size})`);
    });

    test('offset counts bytes, not characters', async () => {
      const text = '{"header": {"event": "ünïcödé", "reportVersion": 4,, "x": 1}}';
      const file = writeFixture('multibyte.json', text);
      const error = await rejection(parseFile(file));
      assert.strictEqual(error.offset, Buffer.from(text).indexOf(',,') + 1);
    });

    test('0-byte file', async () => {
      const error = await rejection(parseFile(writeFixture('empty.json', '')));
      assert.strictEqual(error.problem, 'empty file (0 bytes)');
    });

    test('whitespace-only file', async () => {
      const error = await rejection(parseFile(writeFixture('blank.json', ' \n\t\n')));
      assert.match(error.problem, /only whitespace/);
    });

    test('binary garbage', async () => {
      const garbage = Uint8Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256);
      const file = writeFixture('garbage.json', garbage);
      const error = await rejection(parseFile(file));
      assert.ok(error.message.startsWith(`${file}: not a Node.js diagnostic report`), error.message);
      assert.strictEqual(error.offset, 0);
    });

    test('garbage after an opening brace is malformed JSON, control bytes escaped', async () => {
      const file = writeFixture('brace-garbage.json', Buffer.from([0x7b, 0x01, 0x02, 0xff, 0x00]));
      const error = await rejection(parseFile(file));
      assert.ok(error.problem.startsWith('malformed JSON'), error.problem);
      assert.ok(!/[\u0000-\u001f]/.test(error.message), JSON.stringify(error.message));
    });

    test('over 256 MiB: refused without reading', async () => {
      const source = new MemorySource('huge.json', new Uint8Array(0), 300 * 1024 * 1024);
      const error = await rejection(parseReport(source, {}));
      assert.match(error.problem, /^report too large/);
      assert.strictEqual(source.reads, 0);
    });
  });

  suite('report errors: JSON that is not a report', () => {
    test('an object without header', async () => {
      const error = await rejection(parseFile(writeFixture('foo.json', '{"foo":1}')));
      assert.strictEqual(error.problem, 'not a Node.js diagnostic report (no header.reportVersion)');
    });

    test('a JSON array', async () => {
      const error = await rejection(parseFile(writeFixture('array.json', '[1, 2]')));
      assert.match(error.problem, /^not a Node.js diagnostic report/);
    });

    test('a header without reportVersion', async () => {
      const file = edited('no-version.json', (json) => delete json.header.reportVersion);
      const error = await rejection(parseFile(file));
      assert.strictEqual(error.problem, 'not a Node.js diagnostic report (no header.reportVersion)');
    });
  });

  suite('report errors: wrong field types name the field', () => {
    const cases: Array<[string, (json: Record<string, Record<string, unknown>>) => void, string]> = [
      ['pid', (j) => (j.header.processId = '1234'), 'header.processId is not a number'],
      ['version', (j) => (j.header.reportVersion = 'four'), 'header.reportVersion is not a number'],
      ['event', (j) => (j.header.event = 7), 'header.event is not a string'],
      ['commandLine', (j) => (j.header.commandLine = 'node x.js'), 'header.commandLine is not an array'],
      ['commandLine item', (j) => (j.header.commandLine = ['node', 3]), 'header.commandLine[1] is not a string'],
      ['stack', (j) => (j.javascriptStack.stack = 'at x'), 'javascriptStack.stack is not an array'],
      ['native symbol', (j) => ((j.nativeStack as unknown as Array<Record<string, unknown>>)[2].symbol = 5), 'nativeStack[2].symbol is not a string'],
      ['libuv', (j) => ((j as Record<string, unknown>).libuv = {}), 'libuv is not an array'],
      ['rss', (j) => (j.resourceUsage.rss = true), 'resourceUsage.rss is not a number'],
      ['env', (j) => (j.environmentVariables.HOME = 1), 'environmentVariables.HOME is not a string'],
      ['missing pid', (j) => delete j.header.processId, 'header.processId is missing'],
    ];
    for (const [name, edit, problem] of cases) {
      test(problem, async () => {
        const file = edited(`wrong-${name.replace(/ /g, '-')}.json`, edit);
        const error = await rejection(parseFile(file));
        assert.strictEqual(error.problem, problem);
        assert.ok(error.message.startsWith(`${file}: `), error.message);
      });
    }
  });

  suite('report errors: what may be absent', () => {
    test('optional sections missing read as empty', async () => {
      const file = edited('minimal.json', (json) => {
        for (const section of ['javascriptStack', 'nativeStack', 'libuv', 'environmentVariables', 'resourceUsage', 'javascriptHeap', 'sharedObjects']) {
          delete json[section];
        }
      });
      const report = await parseFile(file);
      assert.deepStrictEqual([report.jsFrames, report.nativeFrames, report.handles, report.environment, report.sharedObjects], [[], [], [], [], []]);
      assert.strictEqual(report.exception, undefined);
      assert.strictEqual(report.resources.rssBytes, undefined);
      assert.strictEqual(report.resources.heapLimitBytes, undefined);
    });

    test('memory sizes written as decimal strings (older report versions) are read', async () => {
      const file = edited('string-sizes.json', (json) => (json.resourceUsage.rss = '35766272'));
      assert.strictEqual((await parseFile(file)).resources.rssBytes, 35766272);
    });

    test('a UTF-8 byte order mark is skipped', async () => {
      const file = writeFixture('bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), realReport]));
      assert.strictEqual((await parseFile(file)).exception?.message, 'to be damaged');
    });

    test('the undamaged report parses', async () => {
      const report = await parseFile(writeFixture('intact.json', realReport));
      assert.strictEqual(report.exception?.message, 'to be damaged');
      assert.strictEqual(report.header.nodeVersion, process.version);
    });
  });
});
