// `docker logs --tail N` as the oracle for the log lines Salvage shows: the CLI writes a container's
// stdout lines to its stdout and its stderr lines to its stderr, so our lines are compared per stream,
// put back together as the stream's bytes.

import * as assert from 'assert';
import { docker } from './dockerSandbox';

export interface LogLineJson {
  stream: 'stdout' | 'stderr';
  time: string;
  text: string;
}

/** What `docker logs --tail N` wrote on each stream. */
export function dockerLogs(name: string, tail: number): { stdout: string; stderr: string } {
  const r = docker(['logs', '--tail', String(tail), name]);
  assert.strictEqual(r.status, 0, r.stderr);
  return { stdout: r.stdout, stderr: r.stderr };
}

/** Our lines of one stream, put back together as the stream's bytes. */
export function joinedStream(lines: readonly LogLineJson[], stream: 'stdout' | 'stderr', endsWithNewline: boolean): string {
  const text = lines.filter((l) => l.stream === stream).map((l) => l.text);
  return text.length === 0 ? '' : text.join('\n') + (endsWithNewline ? '\n' : '');
}

/** Asserts that `lines` are the container's last `tail` lines, byte for byte on each stream. */
export function assertSameAsDockerLogs(name: string, tail: number, lines: readonly LogLineJson[]): void {
  const expected = dockerLogs(name, tail);
  assert.strictEqual(joinedStream(lines, 'stderr', true), expected.stderr);
  // docker logs ends a line without a newline with one: so does the engine.
  assert.strictEqual(joinedStream(lines, 'stdout', expected.stdout.endsWith('\n')), expected.stdout);
}
