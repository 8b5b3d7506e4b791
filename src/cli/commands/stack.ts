// `salvage stack <core> [--binary PATH] [--search DIR]... [--json]`: every thread of a core, unwound
// and symbolised by Salvage itself (no gdb), the thread that received the signal first.

import * as path from 'path';
import { CoreTarget } from '../../engine/core/coreTarget';
import { type Frame, isJavaScriptFrame } from '../../engine/crash';
import { atOriginalPosition } from '../../engine/frameText';
import { crashSignature } from '../../engine/signature/crashSignature';
import { formatStackLine } from '../../engine/report/stackLine';
import { openTarget, type TargetOptions } from '../../sources/openTarget';
import { parseArgs, UsageError } from '../args';
import { terminalProgress } from '../downloadProgress';
import { OpeningNotices } from '../openingNotices';
import type { Output } from '../output';

const USAGE = 'usage: salvage stack <core> [--binary PATH] [--search DIR]... [--json] [--stats]';

/** Opens a core for the core verbs (stack, objects): a docker:// one gets its container's binaries. */
export async function openCore(location: string, options: Omit<TargetOptions, 'expect'>): Promise<CoreTarget> {
  const target = await openTarget(location, { ...options, expect: ['core'] });
  if (target instanceof CoreTarget) return target;
  await target.dispose();
  throw new Error(`${location}: opened as a ${target.kind}, not a core`);
}

/** The stable JSON contract of `salvage stack --json` (documented in the README). */
export function stackJson(target: CoreTarget): unknown {
  const signal = target.analysis.signal;
  return {
    signal: {
      number: signal.number,
      name: signal.name,
      code: signal.code,
      codeName: signal.codeName ?? null,
      faultAddress: signal.faultAddress === undefined ? null : `0x${signal.faultAddress.toString(16)}`,
      reason: signal.reason,
    },
    signature: crashSignature(target.analysis),
    crashingThread: target.analysis.crashingThreadId,
    threads: target.analysis.threads.map((t) => ({ tid: t.id, name: t.name, warnings: t.warnings ?? [], frames: t.frames })),
  };
}

function renderNative(frame: Frame, index: number): string {
  if (frame.kind === 'marker') return `      ── ${frame.function} ──`;
  // JS frames as Node prints them, at their source-mapped (TypeScript) position when there is one.
  if (isJavaScriptFrame(frame)) return `  #${String(index).padEnd(3)} ${(frame.pc ?? '').padStart(18)}  ${formatStackLine(atOriginalPosition(frame))}`;
  const where = frame.file === undefined ? '' : ` at ${frame.file}${frame.line === undefined ? '' : `:${frame.line}`}`;
  const module = frame.module === undefined ? '' : `  [${path.basename(frame.module)}]`;
  return `  #${String(index).padEnd(3)} ${(frame.pc ?? '').padStart(18)}  ${frame.function}${where}${module}`;
}

function printStacks(target: CoreTarget, out: Output): void {
  const { signal, process } = target.analysis;
  out.line(`${target.analysis.description}: ${signal.description}, ${signal.reason}`);
  if (process !== undefined) out.line(`  process ${process.pid}: ${process.commandLine}`);
  out.line(`  signature: ${crashSignature(target.analysis).text}`);
  for (const thread of target.analysis.threads) {
    out.line('');
    out.line(thread.name);
    for (const w of thread.warnings ?? []) out.line(`  warning: ${w}`);
    let index = 0;
    for (const frame of thread.frames) out.line(renderNative(frame, frame.kind === 'marker' ? index : index++));
  }
}

export async function stackCommand(argv: string[], out: Output): Promise<number> {
  const args = parseArgs(argv, { flags: ['json', 'stats'], options: ['binary', 'search'] });
  if (args.positionals.length !== 1) throw new UsageError(USAGE);
  const file = args.positionals[0];
  const binaries = args.options.get('binary') ?? [];
  if (binaries.length > 1) throw new UsageError('--binary may be given once');
  const notices = new OpeningNotices();
  const target = await openCore(file, {
    binary: binaries[0],
    searchPaths: args.options.get('search'),
    onWarning: notices.onWarning,
    onNote: notices.onNote,
    onDownload: terminalProgress(`copying ${file}`),
  });
  try {
    if (args.flags.has('json')) out.json(stackJson(target));
    else printStacks(target, out);
    notices.print(out);
    if (args.flags.has('stats')) {
      // For the benchmark: how little of a big core a stack needs.
      const read = target.image.bytesRead();
      out.error(`stats: read ${read.core} bytes of the core (${target.image.coreReader.size} bytes), ${read.files} bytes of binaries and debug files`);
    }
    return 0;
  } finally {
    await target.dispose();
  }
}
