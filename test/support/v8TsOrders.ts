// The TypeScript fixture of the JS-frame tests (test/fixtures/js-frames/ts-orders), compiled once
// per run with inline source maps into a temp project, and the oracle for its original positions:
// Node's own source-map implementation (module.SourceMap) applied to the map inside the compiled
// script — code that shares nothing with Salvage's resolver.

import * as fs from 'fs';
import * as path from 'path';
import { compileTs } from './compileTs';
import { makeTempDir } from './crashNode';
import { nodeOriginalOf } from './nodeSourceMap';
import { JS_FIXTURES } from './v8Cores';

export interface TsOrders {
  project: string;
  /** The compiled script (dist/orders.js) the crashes run. */
  script: string;
  /** The TypeScript source it was compiled from. */
  tsFile: string;
  /** The source map inside the compiled script, as JSON. */
  map: object;
}

let built: TsOrders | undefined;

export function tsOrders(): TsOrders {
  if (built !== undefined) return built;
  const project = path.join(makeTempDir('salvage-tsorders-'), 'orders');
  fs.cpSync(path.join(JS_FIXTURES, 'ts-orders'), project, { recursive: true });
  compileTs(project, path.join(project, 'dist'));
  const script = path.join(project, 'dist', 'orders.js');
  const base64 = /sourceMappingURL=data:application\/json;base64,(.*)$/m.exec(fs.readFileSync(script, 'utf8'))?.[1];
  if (base64 === undefined) throw new Error(`${script} has no inline source map`);
  built = { project, script, tsFile: path.join(project, 'src', 'orders.ts'), map: JSON.parse(Buffer.from(base64, 'base64').toString('utf8')) as object };
  return built;
}

/** Node's answer for a 1-based generated position: the 1-based TypeScript line and column. */
export function nodeOriginalPosition(app: TsOrders, line: number, column: number): { file: string; line: number; column: number } | undefined {
  const original = nodeOriginalOf(app.map, line, column);
  return original === undefined ? undefined : { file: path.resolve(path.dirname(app.script), original.source), line: original.line, column: original.column };
}
