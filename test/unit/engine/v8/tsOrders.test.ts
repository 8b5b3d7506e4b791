// A TypeScript program compiled with inline source maps, crashed by each official Node version,
// read back with the compiled script deleted (as from a container that is gone): the JS frames must
// equal the stack Node printed, their TypeScript positions must equal what Node's own source-map
// implementation gives for those JS positions (the map comes from the heap's copy of the script),
// the stop must read as Node's "Uncaught ..." line, and the top frame must show its arguments,
// receiver and closure variables with the values Node's message reports.

import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import type { CoreTarget } from '../../../../src/engine/core/coreTarget';
import type { Inspectable } from '../../../../src/engine/inspectable';
import { makeTempDir } from '../../../support/crashNode';
import { NODE_MAJORS } from '../../../support/nodeBinaries';
import { crashFixture, type JsCrash } from '../../../support/v8Cores';
import { crashingJsFrames, openJsCore } from '../../../support/v8Stacks';
import { nodeOriginalPosition, type TsOrders, tsOrders } from '../../../support/v8TsOrders';
import { formatStackLine } from '../../../../src/engine/report/stackLine';

/** A private copy of the built app, so deleting its script after the crash leaves the build intact. */
function copyOfApp(): TsOrders {
  const app = tsOrders();
  const project = path.join(makeTempDir('salvage-tsorders-copy-'), 'orders');
  fs.cpSync(app.project, project, { recursive: true });
  return { ...app, project, script: path.join(project, 'dist', 'orders.js'), tsFile: path.join(project, 'src', 'orders.ts') };
}

async function expand(item: Inspectable | undefined): Promise<Inspectable[]> {
  return item?.children === undefined ? [] : item.children();
}

async function variables(target: CoreTarget, frameIndex: number, scope: string): Promise<Inspectable[]> {
  const found = target.scopes(target.analysis.crashingThreadId, frameIndex).find((s) => s.name === scope);
  assert.ok(found, `scope ${scope} exists`);
  return found.variables();
}

suite('a TypeScript program crashed by Node, read from its core', function () {
  this.timeout(120_000);
  for (const major of NODE_MAJORS) {
    suite(`Node ${major}`, () => {
      let app: TsOrders;
      let crash: JsCrash;
      let target: CoreTarget;

      suiteSetup(async () => {
        app = copyOfApp();
        crash = crashFixture(major, app.script, { inPlace: true });
        fs.rmSync(app.script);
        target = await openJsCore(crash);
      });

      suiteTeardown(async () => {
        await target?.dispose();
        crash?.cleanup();
        fs.rmSync(path.dirname(app.project), { recursive: true, force: true });
      });

      test('the JS frames are the ones Node printed', () => {
        assert.deepStrictEqual(crashingJsFrames(target).map(formatStackLine), crash.oracle);
      });

      test('each frame of the program is at the TypeScript position Node maps its JS position to', () => {
        const ours = crashingJsFrames(target).filter((f) => f.file === app.script);
        assert.ok(ours.length >= 4, `frames of the program: ${ours.length}`);
        for (const frame of ours) {
          const expected = nodeOriginalPosition(app, frame.line ?? 0, frame.column ?? 0);
          assert.ok(expected, `Node maps ${frame.line}:${frame.column}`);
          assert.deepStrictEqual(frame.original && { file: frame.original.file, line: frame.original.line, column: frame.original.column }, expected, formatStackLine(frame));
        }
      });

      test('the stop reads as the uncaught exception Node reported', () => {
        const printed = crash.stderr.split('\n').find((l) => l.startsWith('Uncaught '));
        assert.ok(printed, crash.stderr);
        assert.strictEqual(target.analysis.description, printed);
        assert.strictEqual(`Uncaught ${target.analysis.exception?.typeName}: ${target.analysis.exception?.message}`, printed);
      });

      test('the top frame shows its argument, receiver and the values of the message', async () => {
        const frames = target.analysis.threads.find((t) => t.id === target.analysis.crashingThreadId)?.frames ?? [];
        const top = frames.findIndex((f) => f.kind === 'js');
        const [, wanted, limit] = /value (\d+) over (\d+)/.exec(crash.stderr) ?? [];
        const args = await variables(target, top, 'Arguments');
        assert.deepStrictEqual(
          args.map((a) => a.name),
          ['order'],
        );
        const order = await expand(args[0]);
        assert.strictEqual(order.find((p) => p.name === 'quantity')?.value, wanted);
        const receiver = await expand((await variables(target, top, 'Receiver'))[0]);
        assert.strictEqual(receiver.find((p) => p.name === 'limit')?.value, limit);
        const exception = (await variables(target, top, 'Exception'))[0];
        assert.strictEqual(exception.value, `RangeError: value ${wanted} over ${limit}`);
      });

      test('the callback frame sees the closure variables of processOrders', async () => {
        const frames = target.analysis.threads.find((t) => t.id === target.analysis.crashingThreadId)?.frames ?? [];
        const callback = frames.findIndex((f) => f.kind === 'js' && f.function === '<anonymous>' && f.file === app.script);
        const closure = await variables(target, callback, 'Closure');
        assert.deepStrictEqual(closure.map((v) => v.name).sort(), ['inventory', 'label']);
        assert.strictEqual(closure.find((v) => v.name === 'label')?.value, '"batch of 2"');
      });
    });
  }
});
