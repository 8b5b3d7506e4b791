// What a report shows in the Variables view (and `salvage` CLI's scopes): the exception, the process,
// its environment, its resources and its libuv handles. A report has no per-frame locals, so every
// frame shares these process-wide scopes. Raw sections stay expandable, so nothing recorded is hidden.

import { formatBytes, formatSeconds } from '../format';
import { inspectJson, type Inspectable, type InspectableScope } from '../inspectable';
import type { DiagnosticReport, EnvironmentVariable, LibuvHandle, ReportException, ReportHeader, ResourceUsage } from './reportModel';

export function reportScopes(report: DiagnosticReport): InspectableScope[] {
  const scopes: InspectableScope[] = [];
  const exception = report.exception;
  if (exception !== undefined) scopes.push({ name: 'Exception', expensive: false, variables: () => exceptionVariables(exception) });
  scopes.push(
    { name: 'Process', expensive: false, variables: () => processVariables(report.header) },
    // Hundreds of variables, and the place secrets live: collapsed until asked for.
    { name: 'Environment', expensive: true, variables: () => report.environment.map(environmentVariable) },
    { name: 'Resources', expensive: false, variables: () => resourceVariables(report.resources, report.sharedObjects) },
    { name: 'Handles', expensive: false, variables: () => report.handles.map(handleVariable) },
  );
  return scopes;
}

function exceptionVariables(exception: ReportException): Inspectable[] {
  return [
    { name: 'type', value: exception.typeName },
    { name: 'message', value: JSON.stringify(exception.message), type: 'string' },
    // Node already rendered each property to a string; showing it unquoted avoids implying "-2" was a string.
    ...Object.entries(exception.properties).map(([name, value]) => ({ name, value })),
  ];
}

function processVariables(header: ReportHeader): Inspectable[] {
  const variables: Inspectable[] = [
    { name: 'pid', value: String(header.pid), type: 'number' },
    { name: 'nodeVersion', value: header.nodeVersion },
    { name: 'event', value: header.event },
    { name: 'trigger', value: header.trigger },
    { name: 'time', value: header.time },
    { name: 'cwd', value: header.cwd },
    commandLineVariable(header.commandLine),
    { name: 'platform', value: [header.platform, header.arch].filter((p) => p !== '').join('/') },
    { name: 'host', value: header.host },
  ];
  if (header.threadId !== undefined) variables.push({ name: 'threadId', value: String(header.threadId), type: 'number' });
  if (header.filename !== undefined) variables.push({ name: 'reportFile', value: header.filename });
  variables.push({ name: 'reportVersion', value: String(header.reportVersion), type: 'number' });
  variables.push(inspectJson('header', header.raw));
  return variables;
}

function commandLineVariable(commandLine: string[]): Inspectable {
  return {
    name: 'commandLine',
    value: commandLine.join(' '),
    type: 'array',
    children: () => commandLine.map((arg, i) => ({ name: String(i), value: JSON.stringify(arg), type: 'string' })),
  };
}

function environmentVariable(variable: EnvironmentVariable): Inspectable {
  if (variable.masked) return { name: variable.name, value: variable.value, type: 'masked' };
  return { name: variable.name, value: JSON.stringify(variable.value), type: 'string' };
}

function resourceVariables(resources: ResourceUsage, sharedObjects: string[]): Inspectable[] {
  const variables: Inspectable[] = [];
  const bytes = (name: string, value: number | undefined): void => {
    if (value !== undefined) variables.push({ name, value: formatBytes(value), type: `${value} bytes` });
  };
  const seconds = (name: string, value: number | undefined): void => {
    if (value !== undefined) variables.push({ name, value: formatSeconds(value), type: `${value} seconds` });
  };
  bytes('rss', resources.rssBytes);
  bytes('maxRss', resources.maxRssBytes);
  bytes('heapUsed', resources.heapUsedBytes);
  bytes('heapTotal', resources.heapTotalBytes);
  bytes('heapLimit', resources.heapLimitBytes);
  seconds('userCpu', resources.userCpuSeconds);
  seconds('kernelCpu', resources.kernelCpuSeconds);
  for (const [section, value] of Object.entries(resources.raw)) variables.push(inspectJson(section, value));
  variables.push(inspectJson('sharedObjects', sharedObjects));
  return variables;
}

function handleVariable(handle: LibuvHandle, index: number): Inspectable {
  return {
    name: `[${index}] ${handle.type}`,
    value: handleSummary(handle),
    type: handle.type,
    children: () => [{ name: 'isActive', value: String(handle.isActive), type: 'boolean' }, { name: 'isReferenced', value: String(handle.isReferenced), type: 'boolean' }, { name: 'address', value: handle.address }, ...Object.entries(handle.details).map(([key, value]) => inspectJson(key, value))],
  };
}

/** "active, referenced, fd 23, local [::]:39959": what tells one handle from another at a glance. */
function handleSummary(handle: LibuvHandle): string {
  const parts = [handle.isActive ? 'active' : 'inactive', handle.isReferenced ? 'referenced' : 'unreferenced'];
  const d = handle.details;
  if (typeof d.fd === 'number' && d.fd >= 0) parts.push(`fd ${d.fd}`);
  if (typeof d.stdio === 'string') parts.push(d.stdio);
  const local = endpoint(d.localEndpoint);
  if (local !== undefined) parts.push(`local ${local}`);
  const remote = endpoint(d.remoteEndpoint);
  if (remote !== undefined) parts.push(`remote ${remote}`);
  if (typeof d.firesInMsFromNow === 'number' && handle.isActive) parts.push(`fires in ${d.firesInMsFromNow} ms`);
  if (typeof d.filename === 'string') parts.push(d.filename);
  return parts.join(', ');
}

/** The recorded address of an endpoint; the IP rather than the resolved name, which can be ambiguous. */
function endpoint(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  const { host, ip4, ip6, port } = value as Record<string, unknown>;
  const address = [ip4, ip6, host].find((a): a is string => typeof a === 'string');
  if (address === undefined || typeof port !== 'number') return undefined;
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}
