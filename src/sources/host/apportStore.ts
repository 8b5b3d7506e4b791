// Ubuntu's apport, as a host store (read from apport 2.28's own source, data/apport and
// apport/fileutils.py): a crash of a packaged program becomes a report, `/var/crash/<exe with '/'
// as '_'>.<uid>.crash`, its core inside (apportReport.ts opens it); a program of no package gets
// only its core, when its core limit allows, as `/var/lib/apport/coredump/core.<exe with '/' and
// '.' as '_'>.<uid>.<boot id>.<pid>.<start time>`. A container's crash is not apport's: it hands
// it to the apport inside the container, and without one there it keeps nothing. So every core
// here is of a host process, and none names a container.

import * as path from 'path';
import type { HostAccess, HostFile } from './hostAccess';
import type { HostCore, HostCoreStore } from './hostCore';

export const APPORT = 'apport';
export const APPORT_REPORT_DIR = '/var/crash';
export const APPORT_CORE_DIR = '/var/lib/apport/coredump';

/** The text fields come first and CoreDump last; ProcMaps of a big process runs to a few hundred KiB. */
const REPORT_HEAD = 1024 * 1024;
const CORE_NAME = /^core\.(.+)\.(\d+)\.([0-9a-f-]{32,36})\.(\d+|unknown)\.(\d+|unknown)$/;

/** The report's fields in `head`: `Key: value`, continued by lines that start with a space. */
function reportFields(head: string): Map<string, string> {
  const fields = new Map<string, string>();
  let key: string | undefined;
  let value: string[] = [];
  for (const line of head.split('\n')) {
    if (line.startsWith(' ')) {
      value.push(line.slice(1));
      continue;
    }
    // A new key ends the field before it; the last one may go on past the head, so it is left out.
    if (key !== undefined) fields.set(key, value.join('\n'));
    const colon = line.indexOf(':');
    key = colon > 0 ? line.slice(0, colon) : undefined;
    value = colon > 0 && line.length > colon + 2 ? [line.slice(colon + 2)] : [];
  }
  return fields;
}

/** One `Name:\tvalue` line of the ProcStatus field. */
function statusLine(status: string | undefined, name: string): string | undefined {
  return status
    ?.split('\n')
    .find((l) => l.startsWith(`${name}:`))
    ?.slice(name.length + 1)
    .trim();
}

function wholeNumber(text: string | undefined): number | undefined {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

async function reportCore(access: HostAccess, file: HostFile, signal?: AbortSignal): Promise<HostCore | undefined> {
  const head = await access.readText(file.path, signal, REPORT_HEAD);
  if (head === undefined || !head.startsWith('ProblemType: ')) return undefined;
  const fields = reportFields(head);
  const status = fields.get('ProcStatus');
  const exe = fields.get('ExecutablePath');
  const core: HostCore = {
    path: file.path,
    size: file.size,
    mtimeMs: file.mtimeMs,
    handler: APPORT,
    comm: statusLine(status, 'Name') ?? (exe === undefined ? path.posix.basename(file.path) : path.posix.basename(exe)),
    // apport writes the report as the process dies.
    timeMs: file.mtimeMs,
    compression: 'apport',
  };
  const pid = wholeNumber(statusLine(status, 'Pid'));
  const uid = wholeNumber(statusLine(status, 'Uid')?.split(/\s+/)[0]);
  const signalNumber = wholeNumber(fields.get('Signal'));
  return { ...core, ...(pid === undefined ? {} : { pid }), ...(uid === undefined ? {} : { uid }), ...(signalNumber === undefined ? {} : { signal: signalNumber }), ...(exe === undefined ? {} : { exe }) };
}

function plainCore(file: HostFile): HostCore | undefined {
  const m = CORE_NAME.exec(path.posix.basename(file.path));
  if (m === null) return undefined;
  const pid = wholeNumber(m[4]);
  // The exe's '/' and '.' became '_': its last part is the best name left.
  return { path: file.path, size: file.size, mtimeMs: file.mtimeMs, handler: APPORT, comm: m[1].replace(/^_+/, '').split('_').pop() || m[1], uid: Number(m[2]), bootId: m[3].replaceAll('-', ''), timeMs: file.mtimeMs, ...(pid === undefined ? {} : { pid }) };
}

export const apportStore: HostCoreStore = {
  where: `${APPORT_REPORT_DIR}, ${APPORT_CORE_DIR}`,

  async list(access: HostAccess, signal?: AbortSignal): Promise<HostCore[]> {
    const reports = (await access.listFiles(APPORT_REPORT_DIR, signal)).filter((f) => f.path.endsWith('.crash'));
    const fromReports = await Promise.all(reports.map((f) => reportCore(access, f, signal)));
    const cores = (await access.listFiles(APPORT_CORE_DIR, signal)).flatMap((f) => plainCore(f) ?? []);
    return [...fromReports.flatMap((c) => c ?? []), ...cores];
  },

  async read(access: HostAccess, file: string, signal?: AbortSignal): Promise<HostCore | undefined> {
    const dir = path.posix.dirname(file);
    if (dir !== APPORT_REPORT_DIR && dir !== APPORT_CORE_DIR) return undefined;
    const stat = await access.stat(file, signal);
    if (stat === undefined) return undefined;
    return dir === APPORT_CORE_DIR ? plainCore(stat) : reportCore(access, stat, signal);
  },
};
