// Reading a Node core through the product path (openCoreTarget: the native walk with Salvage's JS
// frame namer plugged in), and putting its JS frames in the words Node printed, for comparison with
// the oracle. Node prints two styles: V8's call-site form after `FROM` (and in Error.stack), and —
// for process.abort() on Node 20+ — node's own "JavaScript stack trace", which names functions by
// their plain debug name.

import type { Frame } from '../../src/engine/crash';
import type { CoreTarget } from '../../src/engine/core/coreTarget';
import { openCoreTarget } from '../../src/engine/core/coreTarget';
import { formatStackLine } from '../../src/engine/report/stackLine';
import { FileByteSource } from '../../src/sources/local/fileByteSource';
import { localFiles } from '../../src/sources/local/localFiles';
import type { JsCrash } from './v8Cores';

/** Opens a core with its binary, as `salvage stack --binary` does. */
export async function openJsCore(crash: JsCrash, warnings: string[] = []): Promise<CoreTarget> {
  if (crash.core === undefined) throw new Error(`no core was written in ${crash.dir}:\n${crash.stderr}`);
  const source = await FileByteSource.open(crash.core);
  try {
    return await openCoreTarget(source, {
      binary: crash.binary,
      files: localFiles,
      onWarning: (w) => warnings.push(w),
    });
  } finally {
    await source.close();
  }
}

/** The JS frames of the crashing thread. */
export function crashingJsFrames(target: CoreTarget): Frame[] {
  const thread = target.analysis.threads.find((t) => t.id === target.analysis.crashingThreadId);
  return (thread?.frames ?? []).filter((f) => f.kind === 'js');
}

/** Node's "JavaScript stack trace" style: `name (file:line:col)`, or `file:line:col` unnamed. */
export async function plainStyleLines(target: CoreTarget): Promise<string[]> {
  const js = target.javascript;
  if (js === undefined) return [];
  const out: string[] = [];
  for (const frame of crashingJsFrames(target)) {
    const facts = js.namer.factsOf(frame);
    const name = facts === undefined ? '' : await js.namer.v8.functions.debugName(facts.sfi);
    const location = `${frame.file}:${frame.line}:${frame.column}`;
    out.push(name === '' ? location : `${name} (${location})`);
  }
  return out;
}

/** The JS frames in the style of the oracle `crash` printed. */
export async function framesAsNodePrinted(target: CoreTarget, crash: JsCrash): Promise<string[]> {
  if (crash.oracleStyle === 'plain') return plainStyleLines(target);
  return crashingJsFrames(target).map(formatStackLine);
}

/** The tiers the JS frames of the crashing thread ran in (interpreted, baseline, turbofan, ...). */
export function tiersSeen(target: CoreTarget): Set<string> {
  const tiers = new Set<string>();
  for (const frame of crashingJsFrames(target)) {
    const facts = target.javascript?.namer.factsOf(frame);
    if (facts !== undefined) tiers.add(facts.tier);
  }
  return tiers;
}
