// Big real heap snapshots for the tests of loading at size (progress, cancellation, a 600 MB open in
// the VS Code host): written by test/fixtures/heap/bulkyCache.js in a child process, without
// blocking the caller (an extension host must keep running while it waits). Oracles: the record
// count the fixture made, and the counts V8 wrote into the file's header, read with a plain regexp.

import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { promisify } from 'util';
import { REPO_ROOT } from './repoPaths';

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'heap', 'bulkyCache.js');

/** Writes a snapshot holding `records` BulkyRecords (each with a 400-character payload) to `file`. */
export async function writeBulkySnapshot(file: string, records: number): Promise<{ records: number }> {
  const { stdout } = await promisify(execFile)(process.execPath, [FIXTURE, file, String(records)], { encoding: 'utf8', timeout: 120_000 });
  return JSON.parse(stdout) as { records: number };
}

/** node_count and edge_count as V8 wrote them in the header (the file's first bytes). */
export function headerCounts(file: string): { nodeCount: number; edgeCount: number } {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(4096);
    const length = fs.readSync(fd, head, 0, head.length, 0);
    const match = /"node_count":(\d+),"edge_count":(\d+)/.exec(head.subarray(0, length).toString('latin1'));
    if (match === null) throw new Error(`${file}: no node_count/edge_count in its first ${length} bytes`);
    return { nodeCount: Number(match[1]), edgeCount: Number(match[2]) };
  } finally {
    fs.closeSync(fd);
  }
}
