// Drives the real, bundled debug adapter (dist/adapter.js) over stdio DAP on a real core of the
// TypeScript fixture crashed by official Node 22 and by Node 26 (the current LTS line). Oracles: what Node printed as it died (the
// "Uncaught" line and the stack after FROM), Node's own source-map implementation for the TypeScript
// positions, and — for the text of a Node internal module served from the heap — the source the
// same Node binary returns for it (process.binding('natives')).

import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { makeTempDir } from '../../../support/crashNode';
import { ADAPTER } from '../../../support/repoPaths';
import { crashFixture, type JsCrash } from '../../../support/v8Cores';
import { splitFrames } from '../../../support/v8Oracle';
import { nodeOriginalPosition, type TsOrders, tsOrders } from '../../../support/v8TsOrders';

/** The long-lived LTS line the session was first built on, and the newest. */
const MAJORS = [22, 26] as const;

for (const MAJOR of MAJORS)
  suite(`debug session on a Node core (TypeScript program, Node ${MAJOR})`, function () {
    this.timeout(120_000);
    let app: TsOrders;
    let crash: JsCrash;
    let dc: DebugClient;

    suiteSetup(() => {
      const built = tsOrders();
      const project = path.join(makeTempDir('salvage-session-'), 'orders');
      fs.cpSync(built.project, project, { recursive: true });
      app = { ...built, project, script: path.join(project, 'dist', 'orders.js'), tsFile: path.join(project, 'src', 'orders.ts') };
      crash = crashFixture(MAJOR, app.script, { inPlace: true });
      assert.ok(crash.core, crash.stderr);
    });

    suiteTeardown(() => {
      crash?.cleanup();
      fs.rmSync(path.dirname(app.project), { recursive: true, force: true });
    });

    setup(async () => {
      dc = new DebugClient(process.execPath, ADAPTER, 'salvage');
      await dc.start();
    });

    teardown(() => dc.stop());

    async function launchAndStop(): Promise<DebugProtocol.StoppedEvent> {
      const [, , stopped] = await Promise.all([dc.configurationSequence(), dc.launch({ dump: crash.core, binary: crash.binary }), dc.waitForEvent('stopped')]);
      return stopped as DebugProtocol.StoppedEvent;
    }

    async function frames(threadId: number): Promise<DebugProtocol.StackFrame[]> {
      return (await dc.stackTraceRequest({ threadId })).body.stackFrames;
    }

    test('stops on the uncaught exception Node reported', async () => {
      const stopped = await launchAndStop();
      const printed = crash.stderr.split('\n').find((l) => l.startsWith('Uncaught '));
      assert.strictEqual(stopped.body.reason, 'exception');
      assert.strictEqual(stopped.body.description, printed);
      assert.strictEqual(stopped.body.text, 'RangeError');
      const info = await dc.exceptionInfoRequest({ threadId: stopped.body.threadId ?? 0 });
      assert.strictEqual(`Uncaught ${info.body.exceptionId}: ${info.body.description}`, printed);
    });

    test('the top JS frame is in the TypeScript source, where Node maps the position it printed', async () => {
      const stopped = await launchAndStop();
      const all = await frames(stopped.body.threadId ?? 0);
      const top = all.find((f) => f.source?.path?.endsWith('.ts'));
      assert.ok(top, 'a frame in TypeScript');
      const printed = /\((.*):(\d+):(\d+)\)$/.exec(splitFrames(crash.stderr.slice(crash.stderr.indexOf('FROM') + 5))[0]);
      assert.ok(printed, 'Node printed the top frame');
      const expected = nodeOriginalPosition(app, Number(printed[2]), Number(printed[3]));
      assert.strictEqual(top.name, 'Inventory.reserve');
      assert.deepStrictEqual({ path: top.source?.path, line: top.line, column: top.column }, { path: expected?.file, line: expected?.line, column: expected?.column });
      assert.ok(fs.existsSync(top.source?.path ?? ''), 'the TypeScript file is the one in the workspace');
    });

    test('the top JS frame has its arguments, expandable', async () => {
      const stopped = await launchAndStop();
      const top = (await frames(stopped.body.threadId ?? 0)).find((f) => f.source?.path?.endsWith('.ts'));
      const scopes = (await dc.scopesRequest({ frameId: top?.id ?? 0 })).body.scopes;
      const args = scopes.find((s) => s.name === 'Arguments');
      assert.ok(args, `scopes: ${scopes.map((s) => s.name).join(', ')}`);
      const variables = (await dc.variablesRequest({ variablesReference: args.variablesReference })).body.variables;
      assert.deepStrictEqual(
        variables.map((v) => v.name),
        ['order'],
      );
      assert.ok(variables[0].variablesReference > 0, 'the argument expands');
      const fields = (await dc.variablesRequest({ variablesReference: variables[0].variablesReference })).body.variables;
      const wanted = /value (\d+) over/.exec(crash.stderr)?.[1];
      assert.strictEqual(fields.find((f) => f.name === 'quantity')?.value, wanted);
    });

    test("a Node internal frame's source is served from the heap, as the binary has it", async () => {
      const stopped = await launchAndStop();
      const internal = (await frames(stopped.body.threadId ?? 0)).find((f) => f.name === 'listOnTimeout');
      const reference = internal?.source?.sourceReference ?? 0;
      assert.ok(reference > 0, 'node:internal/timers has a sourceReference');
      const served = (await dc.sourceRequest({ sourceReference: reference, source: internal?.source })).body.content;
      const own = spawnSync(crash.binary, ['-e', "process.stdout.write(process.binding('natives')['internal/timers'])"], { encoding: 'utf8' }).stdout;
      assert.ok(own.length > 1000, 'the binary gave its timers source');
      assert.strictEqual(served, own);
    });
  });
