// The seam every front end reaches dumps through: a source registered only here (a "vault://"
// folder of real dumps) is listed by `salvage ls`, opened by `salvage report` and the engine's
// openTarget, and refused once it is gone — with no change to the CLI, the adapter or the URI
// code. Oracle: what the crashed Node process printed, and the files it wrote.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { lsCommand } from '../../../src/cli/commands/ls';
import { reportCommand } from '../../../src/cli/commands/report';
import type { Output } from '../../../src/cli/output';
import { DumpError } from '../../../src/engine/dumpError';
import type { DumpPlace } from '../../../src/sources/dump';
import type { DumpSource } from '../../../src/sources/dumpSource';
import { registerDumpSource } from '../../../src/sources/dumpSources';
import { FileByteSource } from '../../../src/sources/local/fileByteSource';
import { localFiles } from '../../../src/sources/local/localFiles';
import { openTarget } from '../../../src/sources/openTarget';
import { crashNodeSource, makeTempDir, stderrErrorLine } from '../../support/crashNode';

const SCHEME = 'vault://';

/** A source whose dumps are the files of one folder, named vault://<file>. */
function vaultSource(folder: string): DumpSource {
  const fileOf = (location: string) => path.join(folder, path.basename(location.slice(SCHEME.length)));
  return {
    name: 'vault',
    scheme: SCHEME,
    owns: (location) => location.startsWith(SCHEME),
    open: async (location) => ({ source: await FileByteSource.open(fileOf(location), location), localPath: fileOf(location), searchPaths: [], warnings: [], files: async () => localFiles }),
    lister: () => ({
      list: async () => {
        const dumps = fs.readdirSync(folder).map((name) => {
          const stat = fs.statSync(path.join(folder, name));
          return { kind: 'report' as const, size: stat.size, mtimeMs: stat.mtimeMs, location: `${SCHEME}${name}`, source: 'vault', label: name, facts: { shelf: 7 } };
        });
        const place: DumpPlace = { id: 'vault', role: 'vault', label: 'The vault', expanded: true, dumps, places: [] };
        return { source: 'vault', places: [place], errors: [] };
      },
    }),
  };
}

function captured(): Output & { lines: string[]; values: unknown[]; errors: string[] } {
  const lines: string[] = [];
  const values: unknown[] = [];
  const errors: string[] = [];
  return { lines, values, errors, line: (t) => lines.push(t), json: (v) => values.push(v), error: (t) => errors.push(t) };
}

suite('the DumpSource seam, with a source registered only in this test', () => {
  let vault: string;
  let errorLine: string;
  let registration: { dispose(): void } | undefined;

  suiteSetup(() => {
    const crash = crashNodeSource('function price(order) { return order.items.length; }\nprice({});\n');
    assert.ok(crash.reportPath, 'Node wrote a report');
    errorLine = stderrErrorLine(crash.stderr);
    vault = makeTempDir('salvage-vault-');
    fs.copyFileSync(crash.reportPath, path.join(vault, 'night.json'));
    registration = registerDumpSource(vaultSource(vault));
  });

  suiteTeardown(() => registration?.dispose());

  test('salvage ls lists its dumps beside the local folders, with its facts under its name', async () => {
    const empty = makeTempDir('salvage-empty-');
    const json = captured();
    assert.strictEqual(await lsCommand([empty, '--json'], json), 0, json.errors.join('\n'));
    const { dumps } = json.values[0] as { dumps: Array<Record<string, unknown>> };
    const stat = fs.statSync(path.join(vault, 'night.json'));
    const { mtime, ...rest } = dumps[0] ?? {};
    assert.strictEqual(dumps.length, 1);
    assert.deepStrictEqual(rest, { location: 'vault://night.json', source: 'vault', kind: 'report', size: stat.size, vault: { shelf: 7 } });
    assert.ok(Math.abs(Date.parse(String(mtime)) - stat.mtimeMs) < 1, `${String(mtime)} is the file's time`);
    const text = captured();
    await lsCommand([empty], text);
    assert.deepStrictEqual(text.lines[0], `${empty}: no dumps`);
    assert.strictEqual(text.lines[1], 'The vault');
    assert.match(text.lines[2], /^ {4}report .* vault:\/\/night\.json$/);
  });

  test('salvage report and openTarget open its locations like any other', async () => {
    const out = captured();
    assert.strictEqual(await reportCommand(['vault://night.json', '--json'], out), 0, out.errors.join('\n'));
    assert.strictEqual((out.values[0] as { description: string }).description, `Uncaught ${errorLine}`);
    await assert.rejects(openTarget('vault://night.json', { expect: ['core'] }), (e: unknown) => e instanceof DumpError && /^vault:\/\/night\.json: .*not an ELF core/.test(e.message));
  });

  test('a scheme no source owns is refused in one line naming the known ones', async () => {
    await assert.rejects(openTarget('tape://night.json'), /tape:\/\/night\.json: no dump source reads tape:\/\/ locations \(known: a path, file:, docker:\/\/, host:\/\/, vault:\/\/\)/);
    const gone = vaultSource(vault);
    registration?.dispose();
    registration = undefined;
    await assert.rejects(openTarget('vault://night.json'), /no dump source reads vault:\/\//);
    registration = registerDumpSource(gone);
  });
});
