// The capture report as Markdown: printed by `salvage doctor` (it reads as plain text in a
// terminal) and shown by Check Crash Capture in VS Code's Markdown preview, so both say the same.

import type { CaptureCheck } from './captureChecks';
import type { CaptureFix } from './captureFix';
import type { CaptureReport, ContainerCapture } from './checkCrashCapture';
import type { HostCapture } from './hostCapture';

const MARKS: Record<CaptureCheck['status'], string> = { ok: '✓', warn: '!', missing: '✗' };
const TITLES: Record<CaptureCheck['check'], string> = {
  'core-destination': 'core goes to',
  'core-limit': 'core limit',
  'core-on-uncaught': 'uncaught exception',
  report: 'diagnostic report',
  'heap-snapshot': 'heap snapshot',
  'diagnostics-folder': 'reports and snapshots',
};

function hostSection(host: HostCapture): string[] {
  const lines = [`## ${host.host === 'this host' ? 'This host' : `Host ${host.host}`}`, ''];
  if (host.pattern !== undefined) lines.push(`- core_pattern \`${host.pattern.pattern}\`: ${host.pattern.meaning}`);
  lines.push(...host.problems.map((p) => `- ! ${p}`), '');
  return lines;
}

function fence(language: string, body: string): string[] {
  return [`\`\`\`${language}`, body, '```'];
}

function fixSection(fix: CaptureFix): string[] {
  const lines = ['', 'To capture the next crash (Salvage changes nothing itself):', ''];
  if (fix.run.length > 0 || fix.drop.length > 0) {
    const drop = fix.drop.length === 0 ? '' : ` take off \`${fix.drop.join(' ')}\`${fix.run.length > 0 ? ', and' : ''}`;
    lines.push(`- \`docker run\`:${drop}${fix.run.length > 0 ? ' add' : ''}`, '', ...(fix.run.length > 0 ? [...fence('sh', fix.run.join(' ')), ''] : []));
  }
  if (fix.run.length > 0) lines.push('- compose:', '', ...fence('yaml', fix.compose), '');
  if (fix.dockerfile.length > 0) lines.push('- Dockerfile:', '', ...fence('dockerfile', fix.dockerfile.join('\n')), '');
  lines.push(...fix.notes.map((n) => `- ${n}`));
  return lines;
}

function containerSection(c: ContainerCapture): string[] {
  const width = Math.max(...c.checks.map((k) => TITLES[k.check].length));
  const lines = [`## Container ${c.container.name} (${c.container.image}, ${c.container.state}, context ${c.context})`, ''];
  lines.push(...c.checks.map((k) => `- ${MARKS[k.status]} ${TITLES[k.check].padEnd(width)}  ${k.says}`));
  if (c.fix !== undefined) lines.push(...fixSection(c.fix));
  return [...lines, ''];
}

export function captureMarkdown(report: CaptureReport): string {
  const lines = ['# Will the next crash leave a dump?', '', ...report.hosts.flatMap(hostSection), ...report.containers.flatMap(containerSection)];
  if (report.skipped.length > 0) lines.push(`Not checked (no Node in them; name one to check it): ${report.skipped.map((s) => s.name).join(', ')}`, '');
  lines.push(...report.problems.map((p) => `! ${p}`));
  return `${lines.join('\n').trimEnd()}\n`;
}
