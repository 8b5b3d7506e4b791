// One benchmark run of one tool on one snapshot, in a process of its own so its time and peak
// memory are its own: `node child.mjs <salvage|memlab|vscode> <file>`. Prints one JSON line:
// {"ms": wall time inside the process, "cpuMs": CPU time of all its threads, "maxRssKb": peak resident
// set, "nodes": what it found}.
// Each tool does the work Salvage's `heap` verb does or its nearest equivalent: parse, dominators,
// retained sizes, and (where the tool has one) the class summary.

import { readFileSync } from 'fs';
import { createRequire } from 'module';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';

const require = createRequire(import.meta.url);
const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const [tool, file] = process.argv.slice(2);

const runs = {
  /** The shipped CLI's `salvage heap --json` path: parse, every analysis pass, the summary. */
  async salvage() {
    const { main } = require(join(repo, 'dist', 'cli.js'));
    let json = '';
    const out = { line: () => undefined, json: (v) => (json = v), error: (e) => process.stderr.write(`${e}\n`) };
    const code = await main(['heap', file, '--json', '--top', '20'], out);
    if (code !== 0) throw new Error(`salvage exited ${code}`);
    return json.nodeCount;
  },
  /** @memlab/core: its parser, then its Lengauer–Tarjan dominators and retained sizes. */
  async memlab() {
    const core = require('@memlab/core');
    const memlabDir = dirname(require.resolve('@memlab/core'));
    const TraceFinder = require(join(memlabDir, 'paths', 'TraceFinder.js')).default;
    const snapshot = await core.utils.getSnapshotFromFile(file, {});
    new TraceFinder().calculateAllNodesRetainedSizes(snapshot);
    return snapshot.nodes.length;
  },
  /** @vscode/v8-heap-parser (WebAssembly): decode, then class groups with retained sizes. */
  async vscode() {
    const parser = require('@vscode/v8-heap-parser');
    const graph = parser.decode_bytes(readFileSync(file));
    const groups = graph.get_class_groups(0, 20, false);
    return groups.reduce((sum, g) => sum + g.children_len, 0);
  },
};

const started = process.hrtime.bigint();
const nodes = await runs[tool]();
const ms = Number(process.hrtime.bigint() - started) / 1e6;
const usage = process.resourceUsage();
const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
process.stdout.write(`${JSON.stringify({ ms, cpuMs, maxRssKb: usage.maxRSS, nodes })}\n`);
