// WeakMap entries in a V8 snapshot (V8 V8HeapExplorer::ExtractEphemeronHashTableReferences): for
// each entry the table *and* the key get an internal edge to the value, both named
// "<n> / part of key (K @k) -> value (V @v) pair in WeakMap (table @t)". The value lives only
// while the key does, so DevTools treats the table's copy as non-retaining and lets the key retain
// the value. This recognises those names — by string index, each string tested once.

import type { StringTable } from '../strings/stringTable';

const EPHEMERON_NAME = /^\d+ \/ part of key \(.*? @\d+\) -> value \(.*? @\d+\) pair in WeakMap \(table @(\d+)\)$/s;
/** Shorter raw strings cannot match the pattern; skipping them avoids decoding most names. */
const MIN_EPHEMERON_NAME_BYTES = 60;
const CLOSE_PAREN = 0x29;

const NOT_EPHEMERON = 1;
const EPHEMERON = 2;

export class EphemeronNames {
  private readonly state: Uint8Array;
  private readonly tableIds = new Map<number, number>();

  constructor(private readonly strings: StringTable) {
    this.state = new Uint8Array(strings.count);
  }

  /** The id of the WeakMap table named by string `index`, or -1 when it is not an ephemeron name. */
  tableId(index: number): number {
    const state = this.state[index];
    if (state === NOT_EPHEMERON) return -1;
    if (state === EPHEMERON) return this.tableIds.get(index) ?? -1;
    return this.classify(index);
  }

  private classify(index: number): number {
    const strings = this.strings;
    const length = strings.rawLength(index);
    if (length < MIN_EPHEMERON_NAME_BYTES || !this.endsWithParen(index, length)) {
      this.state[index] = NOT_EPHEMERON;
      return -1;
    }
    const match = EPHEMERON_NAME.exec(strings.get(index));
    if (match === null) {
      this.state[index] = NOT_EPHEMERON;
      return -1;
    }
    const id = Number(match[1]);
    this.state[index] = EPHEMERON;
    this.tableIds.set(index, id);
    return id;
  }

  private endsWithParen(index: number, length: number): boolean {
    return this.strings.byteAt(index, length - 1) === CLOSE_PAREN;
  }
}
