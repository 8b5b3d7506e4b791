// The crashing thread's JavaScript frames in `salvage stack --json`'s output, each as Node prints a
// stack line: what tests compare with the stack the crashed process printed.

import type { Frame } from '../../src/engine/crash';
import { formatStackLine } from '../../src/engine/report/stackLine';

export function crashingJsFrames(stdout: string): string[] {
  const json = JSON.parse(stdout) as { crashingThread: number; threads: Array<{ tid: number; frames: Frame[] }> };
  return (json.threads.find((t) => t.tid === json.crashingThread)?.frames ?? []).filter((f) => f.kind === 'js').map(formatStackLine);
}
