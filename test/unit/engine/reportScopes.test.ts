// The scopes a real report shows, checked against the raw JSON Node wrote (the report itself is the
// oracle here: every shown value must be the recorded one, rendered).

import * as assert from 'assert';
import * as fs from 'fs';
import { formatBytes } from '../../../src/engine/format';
import type { Inspectable, InspectableScope } from '../../../src/engine/inspectable';
import { parseReport } from '../../../src/engine/report/parseReport';
import type { DiagnosticReport } from '../../../src/engine/report/reportModel';
import { reportScopes } from '../../../src/engine/report/reportScopes';
import { withFile } from '../../../src/sources/local/fileByteSource';
import { crashNodeSource, type Crash } from '../../support/crashNode';

/** An fs error (own properties), a listening TCP server and a pending interval (libuv handles). */
const FIXTURE = `setInterval(() => {}, 60000);
require('net').createServer().listen(0, '127.0.0.1', function onListening() {
  require('fs').readFileSync('/nonexistent/salvage-scopes');
});
`;

interface RawReport {
  header: { processId: number; commandLine: string[]; cwd: string };
  resourceUsage: { rss: number; maxRss: number; userCpuSeconds: number };
  javascriptHeap: { usedMemory: number; totalMemory: number; memoryLimit: number };
  libuv: Array<Record<string, unknown>>;
}

async function variablesOf(scopes: InspectableScope[], name: string): Promise<Inspectable[]> {
  const scope = scopes.find((s) => s.name === name);
  assert.ok(scope, `no scope ${name}`);
  return scope.variables();
}

function named(variables: Inspectable[], name: string): Inspectable {
  const found = variables.find((v) => v.name === name);
  assert.ok(found, `no ${name} in ${variables.map((v) => v.name).join(', ')}`);
  return found;
}

async function childrenOf(variable: Inspectable): Promise<Inspectable[]> {
  assert.ok(variable.children, `${variable.name} is not expandable`);
  return variable.children();
}

suite('report scopes: on a real report', () => {
  let crash: Crash;
  let report: DiagnosticReport;
  let raw: RawReport;
  let scopes: InspectableScope[];

  suiteSetup(async () => {
    crash = crashNodeSource(FIXTURE);
    assert.ok(crash.reportPath, crash.stderr);
    report = await withFile(crash.reportPath, (s) => parseReport(s, {}));
    raw = JSON.parse(fs.readFileSync(crash.reportPath, 'utf8')) as RawReport;
    scopes = reportScopes(report);
  });

  test('scope names, in order', () => {
    assert.deepStrictEqual(
      scopes.map((s) => s.name),
      ['Exception', 'Process', 'Environment', 'Resources', 'Handles'],
    );
    assert.deepStrictEqual(
      scopes.map((s) => s.expensive),
      [false, false, true, false, false],
    );
  });

  test('Exception: type, message and every error property', async () => {
    const variables = await variablesOf(scopes, 'Exception');
    assert.deepStrictEqual(
      variables.map((v) => v.name),
      ['type', 'message', 'errno', 'code', 'syscall', 'path'],
    );
    assert.strictEqual(named(variables, 'type').value, 'Error');
    assert.strictEqual(named(variables, 'message').value, JSON.stringify("ENOENT: no such file or directory, open '/nonexistent/salvage-scopes'"));
    assert.strictEqual(named(variables, 'code').value, 'ENOENT');
    assert.strictEqual(named(variables, 'path').value, '/nonexistent/salvage-scopes');
  });

  test('Process: the recorded header, command line expandable', async () => {
    const variables = await variablesOf(scopes, 'Process');
    assert.strictEqual(named(variables, 'pid').value, String(raw.header.processId));
    assert.strictEqual(named(variables, 'nodeVersion').value, process.version);
    assert.strictEqual(named(variables, 'event').value, 'Exception');
    assert.strictEqual(named(variables, 'trigger').value, 'Exception');
    assert.match(named(variables, 'time').value, /^\d{4}-\d\d-\d\dT/);
    assert.strictEqual(named(variables, 'cwd').value, fs.realpathSync(crash.dir));
    assert.strictEqual(named(variables, 'platform').value, `${process.platform}/${process.arch}`);
    const args = await childrenOf(named(variables, 'commandLine'));
    assert.deepStrictEqual(
      args.map((a) => a.value),
      raw.header.commandLine.map((a) => JSON.stringify(a)),
    );
    const header = await childrenOf(named(variables, 'header'));
    assert.ok(
      header.some((h) => h.name === 'componentVersions' && h.children),
      'raw header expandable',
    );
  });

  test('Resources: human units with the exact bytes alongside', async () => {
    const variables = await variablesOf(scopes, 'Resources');
    const expectBytes = (name: string, bytes: number): void => {
      const v = named(variables, name);
      assert.deepStrictEqual({ value: v.value, type: v.type }, { value: formatBytes(bytes), type: `${bytes} bytes` }, name);
    };
    expectBytes('rss', raw.resourceUsage.rss);
    expectBytes('maxRss', raw.resourceUsage.maxRss);
    expectBytes('heapUsed', raw.javascriptHeap.usedMemory);
    expectBytes('heapTotal', raw.javascriptHeap.totalMemory);
    expectBytes('heapLimit', raw.javascriptHeap.memoryLimit);
    assert.match(named(variables, 'rss').value, /^\d+\.\d MiB$/);
    assert.strictEqual(named(variables, 'userCpu').type, `${raw.resourceUsage.userCpuSeconds} seconds`);
    const usage = await childrenOf(named(variables, 'resourceUsage'));
    assert.strictEqual(named(usage, 'rss').value, String(raw.resourceUsage.rss));
    assert.ok(named(variables, 'javascriptHeap').children);
    assert.ok((await childrenOf(named(variables, 'sharedObjects'))).length > 0);
  });

  test('Handles: every libuv handle, expandable to its details', async () => {
    const variables = await variablesOf(scopes, 'Handles');
    assert.strictEqual(variables.length, raw.libuv.length);
    const tcpIndex = raw.libuv.findIndex((h) => h.type === 'tcp');
    assert.ok(tcpIndex >= 0, 'no tcp handle recorded');
    const tcp = variables[tcpIndex];
    const recorded = raw.libuv[tcpIndex] as { fd: number; localEndpoint: { port: number } };
    assert.strictEqual(tcp.name, `[${tcpIndex}] tcp`);
    assert.ok(tcp.value.includes(`fd ${recorded.fd}`), tcp.value);
    assert.ok(tcp.value.includes(`local 127.0.0.1:${recorded.localEndpoint.port}`), tcp.value);
    const details = await childrenOf(tcp);
    assert.strictEqual(named(details, 'isActive').value, 'true');
    assert.strictEqual(named(details, 'fd').value, String(recorded.fd));
    const endpoint = await childrenOf(named(details, 'localEndpoint'));
    assert.strictEqual(named(endpoint, 'port').value, String(recorded.localEndpoint.port));
    assert.ok(
      variables.some((v) => v.type === 'timer'),
      'no timer handle',
    );
  });
});

suite('report scopes: without an exception', () => {
  test('no Exception scope for a writeReport() report', async () => {
    const crash = crashNodeSource('process.report.writeReport();\n', { report: false });
    assert.ok(crash.reportPath, crash.stderr);
    const report = await withFile(crash.reportPath, (s) => parseReport(s, {}));
    assert.deepStrictEqual(
      reportScopes(report).map((s) => s.name),
      ['Process', 'Environment', 'Resources', 'Handles'],
    );
  });
});

suite('formatBytes', () => {
  const cases: Array<[number, string]> = [
    [0, '0 B'],
    [1023, '1023 B'],
    [1024, '1.0 KiB'],
    [1536, '1.5 KiB'],
    [43_200_000, '41.2 MiB'],
    [4_345_298_944, '4.0 GiB'],
  ];
  for (const [bytes, text] of cases) test(`${bytes} → ${text}`, () => assert.strictEqual(formatBytes(bytes), text));
});
