// The top level of a `.heapsnapshot` as a push parser: `{ "key": value, ... }`, fed chunk by chunk.
// Each member's value goes to the scanner for its section — the header is kept and JSON.parse'd,
// `nodes`/`edges` stream into typed columns, `strings` into a byte table, anything else is skipped —
// so the file is never held whole and sections may come in any order after the header.

import { DumpError } from '../../dumpError';
import { errorMessage } from '../../errorMessage';
import { readHeader, type SnapshotHeader } from '../snapshotHeader';
import { StringTableBuilder } from '../strings/stringTableBuilder';
import { CH, describeByte } from './bytes';
import { EdgeSink, NodeSink } from './graphColumns';
import { isSpace, JsonValueScanner } from './jsonValueScanner';
import { NumberArrayParser } from './numberArrayParser';
import { StringArrayParser } from './stringArrayParser';

/** The `snapshot` header is ~1 KiB in V8's output; anything near this is not a snapshot. */
const MAX_HEADER_BYTES = 4 * 1024 * 1024;
/** Longer keys are not ones we look for; only their first bytes are kept. */
const MAX_KEY_BYTES = 64;

interface ValueParser {
  done: boolean;
  feed(bytes: Uint8Array, pos: number, end: number, base: number): number;
}

const enum State {
  Start,
  BeforeKey,
  InKey,
  BeforeColon,
  Value,
  End,
}

export interface ParsedSections {
  header: SnapshotHeader;
  nodes: NodeSink;
  edges: EdgeSink;
  strings: StringTableBuilder;
}

export class SnapshotParser {
  private state = State.Start;
  private key = '';
  private keyBytes: number[] = [];
  private keyEscaped = false;
  private value: ValueParser | undefined;
  private afterValue: (() => void) | undefined;
  private headerOffset = 0;
  private header: SnapshotHeader | undefined;
  private nodes: NodeSink | undefined;
  private edges: EdgeSink | undefined;
  private strings: StringTableBuilder | undefined;
  private stopped = false;

  /** `headerOnly`: stop as soon as the header is read, allocating nothing for the sections. */
  constructor(
    private readonly file: string,
    private readonly fileSize: number,
    private readonly stringPageBytes?: number,
    private readonly headerOnly = false,
  ) {}

  /** The validated header, once it has been read. */
  get parsedHeader(): SnapshotHeader | undefined {
    return this.header;
  }

  /** Feeds the bytes found at file offset `base`. */
  feed(bytes: Uint8Array, base: number): void {
    let i = 0;
    const end = bytes.length;
    // A UTF-8 byte order mark is tolerated, as the kind sniffer tolerates it.
    if (base === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
    while (i < end && !this.stopped) i = this.step(bytes, i, end, base);
  }

  /** Called once every byte was fed; `end` is how many there were. */
  finish(end: number): ParsedSections {
    const { header, nodes, edges, strings } = this;
    if (this.state !== State.End) {
      const where = this.state === State.Value ? ` inside the "${this.key}" section` : '';
      this.fail(`the file ends${where} before the snapshot is complete (truncated?)`, end);
    }
    if (header === undefined) this.fail('no "snapshot" header', 0);
    if (nodes === undefined) this.fail('no "nodes" array', end);
    if (edges === undefined) this.fail('no "edges" array', end);
    if (strings === undefined) this.fail('no "strings" array', end);
    if (nodes.edgeCountSum !== header.edgeCount) {
      this.fail(`the nodes' edge counts add up to ${nodes.edgeCountSum}, but snapshot.edge_count is ${header.edgeCount}`, this.headerOffset);
    }
    return { header, nodes, edges, strings };
  }

  private step(bytes: Uint8Array, i: number, end: number, base: number): number {
    switch (this.state) {
      case State.Start:
        return this.expect(bytes, skipSpace(bytes, i, end), end, base, CH.openBrace, State.BeforeKey, "'{' to open the snapshot");
      case State.BeforeKey:
        return this.beforeKey(bytes, skipSpace(bytes, i, end), end, base);
      case State.InKey:
        return this.inKey(bytes, i, end);
      case State.BeforeColon:
        return this.expect(bytes, skipSpace(bytes, i, end), end, base, CH.colon, State.Value, `':' after "${this.key}"`, (at) => this.startValue(at));
      case State.Value:
        return this.inValue(bytes, i, end, base);
      case State.End: {
        const j = skipSpace(bytes, i, end);
        if (j < end) this.fail(`unexpected ${describeByte(bytes[j])} after the end of the snapshot`, base + j);
        return end;
      }
    }
  }

  /** Expects `byte` at `i`; `then` is told the file offset just after it. */
  private expect(bytes: Uint8Array, i: number, end: number, base: number, byte: number, next: State, what: string, then?: (after: number) => void): number {
    if (i === end) return end;
    if (bytes[i] !== byte) this.fail(`expected ${what}, found ${describeByte(bytes[i])}`, base + i);
    this.state = next;
    then?.(base + i + 1);
    return i + 1;
  }

  private beforeKey(bytes: Uint8Array, i: number, end: number, base: number): number {
    if (i === end) return end;
    const c = bytes[i];
    if (c === CH.comma) return i + 1;
    if (c === CH.closeBrace) {
      this.state = State.End;
      return i + 1;
    }
    if (c !== CH.quote) this.fail(`expected a section name, found ${describeByte(c)}`, base + i);
    this.keyBytes = [];
    this.keyEscaped = false;
    this.state = State.InKey;
    return i + 1;
  }

  private inKey(bytes: Uint8Array, i: number, end: number): number {
    for (; i < end; i++) {
      const c = bytes[i];
      if (this.keyEscaped) this.keyEscaped = false;
      else if (c === CH.backslash) this.keyEscaped = true;
      else if (c === CH.quote) {
        this.key = String.fromCharCode(...this.keyBytes);
        this.state = State.BeforeColon;
        return i + 1;
      }
      if (this.keyBytes.length < MAX_KEY_BYTES) this.keyBytes.push(c);
    }
    return end;
  }

  private inValue(bytes: Uint8Array, i: number, end: number, base: number): number {
    const value = this.value;
    if (value === undefined) return end;
    const next = value.feed(bytes, i, end, base);
    if (value.done) {
      this.afterValue?.();
      this.value = undefined;
      this.afterValue = undefined;
      this.state = State.BeforeKey;
    }
    return next;
  }

  /** Chooses the parser for the value of `this.key`, which starts at or after `offset`. */
  private startValue(offset: number): void {
    const key = this.key;
    if (key === 'snapshot') {
      const scanner = new JsonValueScanner(this.file, 'the "snapshot" header', MAX_HEADER_BYTES);
      this.headerOffset = offset;
      this.value = scanner;
      this.afterValue = () => this.readHeader(scanner.text());
      return;
    }
    if (key === 'nodes' || key === 'edges' || key === 'strings') {
      const header = this.header;
      if (header === undefined) this.fail(`the "${key}" section comes before the "snapshot" header`, offset);
      if (this[key] !== undefined) this.fail(`a second "${key}" section`, offset);
      if (key === 'strings') {
        const builder = new StringTableBuilder(this.file, this.stringPageBytes);
        this.strings = builder;
        this.value = new StringArrayParser(this.file, builder);
      } else {
        const sink = key === 'nodes' ? (this.nodes = new NodeSink(this.file, header)) : (this.edges = new EdgeSink(this.file, header));
        this.value = new NumberArrayParser(this.file, key, sink);
      }
      return;
    }
    this.value = new JsonValueScanner(this.file, `"${key}"`);
  }

  private readHeader(text: string): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      this.fail(`the "snapshot" header is not valid JSON (${errorMessage(error)})`, this.headerOffset);
    }
    this.header = readHeader(this.file, value, this.headerOffset, this.fileSize);
    this.stopped = this.headerOnly;
  }

  private fail(problem: string, offset: number): never {
    throw new DumpError(this.file, problem, offset);
  }
}

function skipSpace(bytes: Uint8Array, i: number, end: number): number {
  while (i < end && isSpace(bytes[i])) i++;
  return i;
}
