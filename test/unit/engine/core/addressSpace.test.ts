// The stacked memory of a core on hand-made regions: a later layer wins where layers overlap (the
// core's bytes over the mapped file's), a read stops at the first gap and says how long the gap is.

import * as assert from 'assert';
import { AddressSpace, type Region } from '../../../../src/engine/core/addressSpace';

/** A region whose every byte is `fill`. */
function region(start: number, end: number, fill: number): Region {
  return { start, end, offset: 0, read: async (_offset, length) => new Uint8Array(length).fill(fill) };
}

suite('core address space', () => {
  test('the later layer wins where layers overlap, the earlier one shows elsewhere', async () => {
    const space = new AddressSpace();
    space.addLayer([region(0x1000, 0x3000, 0xf1)]);
    space.addLayer([region(0x2000, 0x2100, 0xc0)]);
    const read = await space.read(0x1ffe, 4);
    assert.deepStrictEqual([...read.bytes], [0xf1, 0xf1, 0xc0, 0xc0]);
    assert.strictEqual(read.unreadable, 0);
  });

  test('a read stops at a gap and reports the bytes up to the next readable one', async () => {
    const space = new AddressSpace();
    space.addLayer([region(0x1000, 0x1010, 1), region(0x1100, 0x1200, 2)]);
    const read = await space.read(0x1008, 0x200);
    assert.strictEqual(read.bytes.length, 8);
    assert.strictEqual(read.unreadable, 0x1100 - 0x1010);
    const inGap = await space.read(0x1050, 16);
    assert.deepStrictEqual([inGap.bytes.length, inGap.unreadable], [0, 16]);
  });

  test('exact reads and 64-bit words: undefined when any byte is missing', async () => {
    const space = new AddressSpace();
    space.addLayer([region(0x1000, 0x1008, 0x11)]);
    assert.strictEqual(await space.readU64(0x1000n), 0x1111111111111111n);
    assert.strictEqual(await space.readU64(0x1001n), undefined);
    assert.strictEqual(await space.readU64(0xffffffffffffffffn), undefined);
  });
});
