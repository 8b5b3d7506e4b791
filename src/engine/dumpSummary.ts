// The few facts that identify a dump at a glance — for `salvage info`, tree tooltips and
// descriptions. Cheap: a report is parsed (it is small), a core's headers and notes are read (no
// binary is opened), a heap snapshot's header is read; other kinds only have their kind sniffed.

import type { ByteSource } from './bytes/byteSource';
import type { DumpKind } from './crash';
import { summarizeCore } from './core/coreSummary';
import { DUMP_KIND_LABELS, sniffDumpKind } from './dumpKind';
import { heapSnapshotFacts } from './snapshot/heapSnapshotFacts';
import { parseReport } from './report/parseReport';
import { reportAnalysis } from './report/reportAnalysis';

export interface DumpSummary {
  kind: DumpKind;
  kindLabel: string;
  size: number;
  /** Ordered key facts, label → value ("Node.js" → "v20.20.2"). */
  facts: Record<string, string>;
  /** One line naming what happened, when known ("Uncaught TypeError: ..."). */
  headline?: string;
}

export async function summarizeDump(source: ByteSource): Promise<DumpSummary> {
  const kind = source.size === 0 ? 'unknown' : await sniffDumpKind(source);
  const summary: DumpSummary = { kind, kindLabel: DUMP_KIND_LABELS[kind], size: source.size, facts: {} };
  if (kind === 'core') return { ...summary, ...(await summarizeCore(source)) };
  if (kind === 'heapsnapshot') return { ...summary, facts: await heapSnapshotFacts(source) };
  if (kind !== 'report') return summary;
  const report = await parseReport(source, {});
  const h = report.header;
  summary.facts = {
    event: h.event,
    trigger: h.trigger,
    time: h.time,
    pid: String(h.pid),
    nodeVersion: h.nodeVersion,
    cwd: h.cwd,
    commandLine: h.commandLine.join(' '),
  };
  summary.headline = reportAnalysis(report).description;
  return summary;
}
