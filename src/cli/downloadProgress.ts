// Progress of a dump being copied out of a container, for people watching a terminal: one line on
// stderr, rewritten in place, only when stderr is a TTY (scripts and tests see nothing).

import { formatBytes } from '../engine/format';

/** An onProgress callback for a download, or undefined when nobody is watching. */
export function terminalProgress(what: string, stream: NodeJS.WriteStream = process.stderr): ((p: { bytes: number; total?: number }) => void) | undefined {
  if (!stream.isTTY) return undefined;
  let last = 0;
  return ({ bytes, total }) => {
    const now = Date.now();
    if (now - last < 100 && bytes !== total) return;
    last = now;
    const of = total === undefined ? '' : ` of ${formatBytes(total)}`;
    stream.write(`\r${what}: ${formatBytes(bytes)}${of}\u001b[K${bytes === total ? '\n' : ''}`);
  };
}
