// A Node.js diagnostic report (JSON written by --report-uncaught-exception, --report-on-fatalerror,
// --report-on-signal or process.report.writeReport) to the DiagnosticReport model. Only the header is
// mandatory: it is what tells a report apart from any other JSON object. Every other section may be
// missing, depending on the Node version and on what the process was doing when the report was written.

import { DumpError } from '../dumpError';
import type { ByteSource } from '../bytes/byteSource';
import { JsonFields } from './jsonFields';
import { readJavascriptStack } from './javascriptStack';
import { readReportJson } from './readReportJson';
import type { DiagnosticReport, ReportHeader, ReportParseOptions } from './reportModel';
import { readHandles, readNativeFrames, readResources } from './reportSections';
import { maskEnvironment } from './secrets';

export async function parseReport(source: ByteSource, options: ReportParseOptions): Promise<DiagnosticReport> {
  const json = await readReportJson(source);
  const report = JsonFields.of(source.name, '', json);
  const header = readHeader(source.name, report);
  const stack = readJavascriptStack(report.object('javascriptStack'), header.trigger);
  return {
    source: source.name,
    header,
    exception: stack.exception,
    jsFrames: stack.frames,
    nativeFrames: readNativeFrames(report),
    handles: readHandles(report),
    resources: readResources(report),
    environment: maskEnvironment(readEnvironment(report), options),
    sharedObjects: report.stringArray('sharedObjects') ?? [],
  };
}

function readHeader(file: string, report: JsonFields): ReportHeader {
  const header = report.object('header');
  if (header === undefined || header.raw('reportVersion') === undefined) {
    throw new DumpError(file, 'not a Node.js diagnostic report (no header.reportVersion)');
  }
  // Fields every report version has are required; the rest default to "not recorded".
  return {
    reportVersion: header.requiredNumber('reportVersion'),
    event: header.requiredString('event'),
    trigger: header.requiredString('trigger'),
    time: header.string('dumpEventTime') ?? '',
    pid: header.requiredNumber('processId'),
    threadId: header.number('threadId'),
    nodeVersion: header.requiredString('nodejsVersion'),
    cwd: header.string('cwd') ?? '',
    commandLine: header.stringArray('commandLine') ?? [],
    platform: header.string('platform') ?? '',
    arch: header.string('arch') ?? '',
    host: header.string('host') ?? '',
    filename: header.string('filename'),
    raw: header.value,
  };
}

function readEnvironment(report: JsonFields): Record<string, string> {
  const section = report.object('environmentVariables');
  const variables: Record<string, string> = {};
  for (const name of Object.keys(section?.value ?? {})) {
    variables[name] = section?.string(name) ?? '';
  }
  return variables;
}
