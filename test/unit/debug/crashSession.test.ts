// One crash, one session: the core, the diagnostic report and the heap snapshot one real process
// left as it died, opened together by the bundled adapter over DAP. Oracles: the pid the OS gave
// the process, the error it threw (as Node printed it), the objects it built (its own count), the
// node ids JSON.parse finds in the snapshot file.

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { makeTempDir } from '../../support/crashNode';
import { readRawSnapshot } from '../../support/heapSnapshots';
import { ADAPTER } from '../../support/repoPaths';

const LINES = 3000;
// Writes a snapshot and a report of the error, then lets it go uncaught: --abort-on-uncaught-exception makes the core.
const SCRIPT = `class OrderLine { constructor(i) { this.sku = 'sku-' + i; } }
const lines = []; for (let i = 0; i < ${LINES}; i++) lines.push(new OrderLine(i));
function settle(order) {
  try { return order.total.cents; } catch (error) {
    require('v8').writeHeapSnapshot();
    process.report.writeReport(error);
    throw error;
  }
}
settle({ lines });
`;

interface Death {
  pid: number;
  stderr: string;
  core: string;
  report: string;
  snapshot: string;
}

function dieWithThreeDumps(): Death {
  const dir = makeTempDir('salvage-crash-session-');
  fs.writeFileSync(path.join(dir, 'service.js'), SCRIPT);
  const run = spawnSync('/bin/sh', ['-c', `ulimit -c unlimited && exec "${process.execPath}" --report-directory=. --abort-on-uncaught-exception service.js`], { cwd: dir, encoding: 'utf8' });
  const named = (pattern: RegExp) => {
    const name = fs.readdirSync(dir).find((f) => pattern.test(f));
    assert.ok(name !== undefined, `no ${pattern.source} in ${dir}: ${run.stderr}`);
    return path.join(dir, name);
  };
  return { pid: run.pid, stderr: run.stderr, core: named(/^core$/), report: named(/^report\..*\.json$/), snapshot: named(/\.heapsnapshot$/) };
}

suite('debug adapter: one session for all the dumps of one crash', function () {
  this.timeout(120_000);
  let death: Death;
  let dc: DebugClient;
  const output: string[] = [];

  suiteSetup(async () => {
    death = dieWithThreeDumps();
    dc = new DebugClient(process.execPath, ADAPTER, 'salvage');
    await dc.start();
    dc.on('output', (e: DebugProtocol.OutputEvent) => output.push(e.body.output));
    await Promise.all([dc.configurationSequence(), dc.launch({ dump: death.report, dumps: [death.snapshot, death.core] }), dc.waitForEvent('stopped', 90_000)]);
  });

  suiteTeardown(() => dc.stop());

  async function children(reference: number): Promise<DebugProtocol.Variable[]> {
    return (await dc.variablesRequest({ variablesReference: reference })).body.variables;
  }

  async function crashingFrameScopes(): Promise<DebugProtocol.Scope[]> {
    const threads = (await dc.threadsRequest()).body.threads;
    const frames = (await dc.stackTraceRequest({ threadId: threads[0].id })).body.stackFrames;
    return (await dc.scopesRequest({ frameId: frames[0].id })).body.scopes;
  }

  test('the core leads: its threads and its JavaScript frames, the error Node printed', async () => {
    const threads = (await dc.threadsRequest()).body.threads;
    assert.ok(threads.length > 1, `a Node process has several threads, got ${threads.length}`);
    const frames = (await dc.stackTraceRequest({ threadId: threads[0].id })).body.stackFrames;
    assert.ok(
      frames.some((f) => f.name.startsWith('settle')),
      frames.map((f) => f.name).join('\n'),
    );
    const info = await dc.exceptionInfoRequest({ threadId: threads[0].id });
    assert.ok(death.stderr.includes(`TypeError: ${info.body.details?.message ?? '?'}`), `${info.body.details?.message} in:\n${death.stderr}`);
    assert.ok(output.join('').includes(`this crash's dumps, in one session:\n  ELF core: ${death.core}\n`), output.join(''));
  });

  test("the report's sections are a scope of the frame: its pid is the process's", async () => {
    const scopes = await crashingFrameScopes();
    const report = scopes.find((s) => s.name === `Node.js diagnostic report: ${path.basename(death.report)}`);
    assert.ok(report, scopes.map((s) => s.name).join(', '));
    const sections = await children(report.variablesReference);
    assert.deepStrictEqual(
      sections.slice(0, 2).map((s) => s.name),
      ['Exception', 'Process'],
    );
    const processFacts = await children(sections[1].variablesReference);
    assert.strictEqual(processFacts.find((v) => v.name === 'pid')?.value, String(death.pid));
  });

  test("the snapshot's heap is a scope too, and @id finds its objects from the same console", async () => {
    const scopes = await crashingFrameScopes();
    const heap = scopes.find((s) => s.name === `V8 heap snapshot: ${path.basename(death.snapshot)}`);
    assert.ok(heap, scopes.map((s) => s.name).join(', '));
    const [summary] = await children(heap.variablesReference);
    assert.strictEqual(summary.name, 'Summary');
    const classes = await children(summary.variablesReference);
    const lines = classes.find((c) => c.name === 'OrderLine');
    assert.match(lines?.value ?? '', new RegExp(`^×${LINES.toLocaleString('en-US')} `));
    // An object id from the file itself, asked in the console of a session led by the core.
    const raw = readRawSnapshot(death.snapshot);
    const fields = raw.snapshot.meta.node_fields;
    const names = raw.strings;
    const width = fields.length;
    let id = -1;
    for (let i = 0; i < raw.nodes.length; i += width) {
      if (names[raw.nodes[i + fields.indexOf('name')]] === 'OrderLine' && raw.snapshot.meta.node_types[0][raw.nodes[i + fields.indexOf('type')]] === 'object') {
        id = raw.nodes[i + fields.indexOf('id')];
        break;
      }
    }
    const found = await dc.evaluateRequest({ expression: `@${id}`, context: 'repl' });
    assert.match(found.body.result, /OrderLine/);
    // And the core's own heap census answers in the same console.
    const census = await dc.evaluateRequest({ expression: 'objects OrderLine', context: 'repl' });
    assert.match(census.body.result, new RegExp(LINES.toLocaleString('en-US')));
  });
});
