// Benchmark: decompressing the benchmarks' >= 1 GiB core (bench/bigCore.mjs), compressed once by
// the real tools, side by side with each tool's own decompressor in the same run: `salvage info`
// on the compressed core (into a fresh dump store each run: checksum, decode, write, fsync) against
// `zstd -d` / `lz4 -d` / `xz -d` writing the same bytes to a file. Salvage runs on this Node and,
// when the cache has it, on Node 24, whose zlib decodes zstd natively (this Node may use fzstd).
// Prints medians and ratios. Usage: npm run build && npm run bench:decompress [-- --runs N]

import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { fileURLToPath } from 'url';
import { bigCore } from '../bigCore.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(repo, 'dist', 'cli.js');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const node24 = join(repo, '.cache', 'node-binaries', '24', 'package', 'bin', 'node');
const FORMATS = [
  { tool: 'zstd', ext: 'zst', compress: ['-q', '-T2', '-f'] },
  { tool: 'lz4', ext: 'lz4', compress: ['-q', '-f'] },
  { tool: 'xz', ext: 'xz', compress: ['-0', '-T2', '-f', '-k'] },
];

function run(command, args, env = process.env) {
  const start = process.hrtime.bigint();
  const r = spawnSync(command, args, { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function compressed(core, { tool, ext, compress }) {
  const file = `${core}.${ext}`;
  if (!existsSync(file)) {
    console.log(`compressing the core with ${tool} (once) ...`);
    run('/bin/sh', ['-c', `${tool} ${compress.join(' ')} -c "${core}" > "${file}"`]);
  }
  return file;
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mib = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

if (!existsSync(cli)) throw new Error(`${cli} is missing: run "npm run build" first`);
const core = bigCore();
const nodes = [[`node ${process.version}`, process.execPath], ...(existsSync(node24) ? [['node 24', node24]] : [])];
console.log(`core: ${core} (${mib(statSync(core).size)}), ${runs} runs each, medians of whole-process wall time`);
for (const format of FORMATS) {
  const file = compressed(core, format);
  const scratch = mkdtempSync(join(tmpdir(), 'salvage-bench-decompress-'));
  try {
    const theirs = [];
    const ours = new Map(nodes.map(([label]) => [label, []]));
    for (let i = 0; i < runs; i++) {
      theirs.push(run('/bin/sh', ['-c', `${format.tool} -d -q -c "${file}" > "${join(scratch, 'out')}"`]));
      for (const [label, binary] of nodes) {
        const store = join(scratch, `store-${i}-${label.replace(/\W/g, '')}`);
        ours.get(label).push(run(binary, [cli, 'info', file], { ...process.env, SALVAGE_DUMP_STORE: store }));
        rmSync(store, { recursive: true, force: true });
      }
    }
    const t = median(theirs);
    console.log(`  ${format.tool} (${mib(statSync(file).size)} compressed)`);
    console.log(`    ${format.tool} -d to a file              ${t.toFixed(2)} s`);
    for (const [label, times] of ours) console.log(`    salvage info, ${label.padEnd(14)}  ${median(times).toFixed(2)} s   ratio ${(median(times) / t).toFixed(2)}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
