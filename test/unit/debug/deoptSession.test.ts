// The debug session on the usual shape of a production crash — hot code, then a deopt — drives the
// real, bundled adapter (dist/adapter.js) over stdio DAP on cores of every official Node. Oracle:
// the stack Node printed as it died. The Call Stack must show every JavaScript frame Node printed,
// in order, at the printed line and column, with nothing left undecoded (no "important" output).

import * as assert from 'assert';
import { DebugClient } from '@vscode/debugadapter-testsupport';
import type { DebugProtocol } from '@vscode/debugprotocol';
import { NODE_MAJORS } from '../../support/nodeBinaries';
import { ADAPTER } from '../../support/repoPaths';
import { crashFixture } from '../../support/v8Cores';

/** `name (file:line:col)` → its parts; internal frames print `node:…` files. */
function parsePrinted(line: string): { name: string; file: string; line: number; column: number } | undefined {
  const m = /^(.*) \((.*):(\d+):(\d+)\)$/.exec(line);
  return m === null ? undefined : { name: m[1], file: m[2], line: Number(m[3]), column: Number(m[4]) };
}

suite('debug session on a deoptimized crash (every Node version)', function () {
  this.timeout(120_000);
  for (const major of NODE_MAJORS) {
    test(`Node ${major}: the Call Stack holds the frames Node printed, the resumed ones too`, async () => {
      const crash = crashFixture(major, 'deoptEager.js');
      const dc = new DebugClient(process.execPath, ADAPTER, 'salvage');
      const important: string[] = [];
      dc.on('output', (e: DebugProtocol.OutputEvent) => {
        if (e.body.category === 'important') important.push(e.body.output);
      });
      await dc.start();
      try {
        const [, , stopped] = await Promise.all([dc.configurationSequence(), dc.launch({ dump: crash.core, binary: crash.binary }), dc.waitForEvent('stopped')]);
        const frames = (await dc.stackTraceRequest({ threadId: (stopped as DebugProtocol.StoppedEvent).body.threadId ?? 0 })).body.stackFrames;
        const inScript = frames.filter((f) => f.source?.path === crash.script).map((f) => ({ name: f.name, file: f.source?.path, line: f.line, column: f.column }));
        const printed = crash.oracle.map(parsePrinted).filter((p) => p?.file === crash.script);
        assert.ok(printed.length >= 4, `Node printed the script's frames:\n${crash.stderr}`);
        assert.deepStrictEqual(inScript, printed);
        assert.deepStrictEqual(important, []);
      } finally {
        await dc.stop();
        crash.cleanup();
      }
    });
  }
});
