// `salvage report <report.json> [--json] [--native] [--path-override FROM=TO]... [--local-root DIR]...
// [--reveal-secrets]`:
// a diagnostic report's exception, stacks (source-mapped) and process facts.

import { isJavaScriptFrame } from '../../engine/crash';
import { ReportTarget } from '../../engine/report/reportTarget';
import { crashSignature } from '../../engine/signature/crashSignature';
import { openTarget } from '../../sources/openTarget';
import { parseArgs, pathOverrides, UsageError } from '../args';
import { terminalProgress } from '../downloadProgress';
import { OpeningNotices } from '../openingNotices';
import type { Output } from '../output';
import { renderFrame } from '../renderFrames';

/** The stable JSON contract of `salvage report --json` (documented in the README). */
export function reportJson(target: ReportTarget): unknown {
  const report = target.report;
  const frames = target.analysis.threads[0]?.frames ?? [];
  // The header as recorded stays in `salvage report`'s text and the debug session, not in the JSON contract.
  const { raw, ...header } = report.header;
  return {
    file: target.name,
    description: target.analysis.description,
    signature: crashSignature(target.analysis),
    header,
    exception: report.exception ?? null,
    frames: frames.filter(isJavaScriptFrame),
    nativeFrames: frames.filter((f) => f.kind === 'native'),
    handles: report.handles,
    resources: report.resources,
    environment: report.environment,
  };
}

function printReport(target: ReportTarget, out: Output, showNative: boolean): void {
  const report = target.report;
  const h = report.header;
  out.line(target.analysis.description);
  out.line(`  process ${h.pid}, Node.js ${h.nodeVersion} on ${h.platform}/${h.arch}, ${h.time}`);
  out.line(`  command: ${h.commandLine.join(' ')}`);
  out.line(`  cwd: ${h.cwd}`);
  out.line(`  signature: ${crashSignature(target.analysis).text}`);
  for (const [name, value] of Object.entries(report.exception?.properties ?? {})) out.line(`  error.${name}: ${value}`);
  out.line('');
  const frames = target.analysis.threads[0]?.frames ?? [];
  const native = frames.filter((f) => f.kind === 'native').length;
  for (const frame of frames) {
    if (showNative || (frame.kind !== 'native' && frame.kind !== 'marker')) out.line(renderFrame(frame));
  }
  // Native frames of a report are Node's own report-writing machinery: useful rarely, long always.
  if (!showNative && native > 0) out.line(`  (${native} native frames: --native shows them)`);
}

export async function reportCommand(argv: string[], out: Output): Promise<number> {
  const args = parseArgs(argv, { flags: ['json', 'reveal-secrets', 'native'], options: ['path-override', 'local-root'] });
  if (args.positionals.length !== 1) throw new UsageError('usage: salvage report <report.json> [--json] [--native] [--path-override FROM=TO]... [--local-root DIR]... [--reveal-secrets]');
  const file = args.positionals[0];
  const notices = new OpeningNotices();
  const target = await openTarget(file, {
    expect: ['report'],
    sourceMapPathOverrides: pathOverrides(args.options.get('path-override')),
    localRoots: args.options.get('local-root') ?? [process.cwd()],
    revealSecrets: args.flags.has('reveal-secrets'),
    onWarning: notices.onWarning,
    onNote: notices.onNote,
    onDownload: terminalProgress(`copying ${file}`),
  });
  try {
    if (!(target instanceof ReportTarget)) throw new Error(`${file}: opened as a ${target.kind}, not a report`);
    if (args.flags.has('json')) out.json(reportJson(target));
    else printReport(target, out, args.flags.has('native'));
    notices.print(out);
    return 0;
  } finally {
    await target.dispose();
  }
}
