// The CFI state machine against binutils: for every FDE of libc and of the C fixture, the unwind row
// at each location readelf's `--debug-dump=frames-interp` table lists must be the same (CFA rule and
// every register rule). The FDE is found through .eh_frame_hdr's binary search, so that is checked
// for every function too.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import { ElfFile } from '../../../../src/engine/elf/elfFile';
import { PagedReader } from '../../../../src/engine/elf/pagedReader';
import { CfiContext, Rule, type UnwindRow } from '../../../../src/engine/unwind/cfiProgram';
import { CfiTable } from '../../../../src/engine/unwind/cfiTable';
import { DWARF_REGISTER_NAMES } from '../../../../src/engine/unwind/registers';
import { withFile } from '../../../../src/sources/local/fileByteSource';
import { threadsCore } from '../../../support/coreFixtures';

interface ReadelfFde {
  start: number;
  columns: string[];
  rows: Array<{ loc: number; cells: string[] }>;
}

/** The interpreted tables of readelf, one per FDE that has rows. */
function readelfTables(file: string): ReadelfFde[] {
  const out = spawnSync('readelf', ['--debug-dump=frames-interp', file], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }).stdout;
  const tables: ReadelfFde[] = [];
  for (const block of out.split(/\n\n/)) {
    const fde = /FDE cie=\S+ pc=([0-9a-f]+)\.\./.exec(block);
    const header = /^\s+LOC\s+(.*)$/m.exec(block);
    if (fde === null || header === null) continue;
    const columns = header[1].trim().split(/\s+/);
    // A register-in-register cell reads "r9 (r9)": one cell with a space inside.
    const rows = [...block.matchAll(/^([0-9a-f]{16}) (.*)$/gm)].map((m) => ({ loc: parseInt(m[1], 16), cells: m[2].match(/r\d+ \(\w+\)|\S+/g) ?? [] }));
    tables.push({ start: parseInt(fde[1], 16), columns, rows });
  }
  return tables;
}

function cell(row: UnwindRow, column: string, returnRegister: number): string | undefined {
  if (column === 'CFA') return row.cfaExpression !== undefined ? 'exp' : `${DWARF_REGISTER_NAMES[row.cfaRegister]}${row.cfaOffset >= 0 ? '+' : ''}${row.cfaOffset}`;
  const reg = column === 'ra' ? returnRegister : DWARF_REGISTER_NAMES.indexOf(column);
  if (reg < 0) return undefined; // xmm and other untracked columns
  const operand = row.operands[reg];
  switch (row.rules[reg] as Rule) {
    case Rule.Unspecified:
    case Rule.Undefined:
      return 'u';
    case Rule.SameValue:
      return 's';
    case Rule.Offset:
      return `c${operand >= 0 ? '+' : ''}${operand}`;
    case Rule.ValOffset:
      return `v${operand >= 0 ? '+' : ''}${operand}`;
    case Rule.Register:
      return `r${operand} (${DWARF_REGISTER_NAMES[operand]})`;
    case Rule.Expression:
      return 'exp';
    case Rule.ValExpression:
      return 'vexp';
  }
}

async function compareWithReadelf(file: string): Promise<number> {
  const tables = readelfTables(file);
  assert.ok(tables.length > 0, `readelf lists FDEs of ${file}`);
  let rows = 0;
  await withFile(file, async (source) => {
    const [table] = await CfiTable.forElf(await ElfFile.open(new PagedReader(source)));
    const context = new CfiContext();
    for (const expected of tables) {
      for (const row of expected.rows) {
        const fde = await table.find(row.loc);
        assert.strictEqual(fde?.pcBegin, expected.start, `FDE for 0x${row.loc.toString(16)}`);
        const ours = context.rowFor(fde, row.loc, (c) => table.addressOf(c));
        expected.columns.forEach((column, i) => {
          const got = cell(ours, column, fde.cie.returnRegister);
          if (got !== undefined) assert.strictEqual(got, row.cells[i], `${file} at 0x${row.loc.toString(16)}, column ${column}`);
        });
        rows++;
      }
    }
  });
  return rows;
}

suite('CFI rows against readelf --debug-dump=frames-interp', () => {
  test('every row of every FDE of libc', async function () {
    this.timeout(120_000);
    assert.ok((await compareWithReadelf('/lib/x86_64-linux-gnu/libc.so.6')) > 5000);
  });

  test('every row of every FDE of the -O2 fixture', async () => {
    assert.ok((await compareWithReadelf(threadsCore('O2').binary)) > 10);
  });
});
