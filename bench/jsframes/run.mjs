#!/usr/bin/env node
// The crash lab: real npm libraries (lab-deps/), warmed until V8 optimizes and inlines them, made
// to throw deep inside at seeded points, crashed under --abort-on-uncaught-exception by the official
// Node binaries under each tier they offer. Every core's JS frames are compared with the stack Node
// printed as it aborted; a frame misnamed after an ELF symbol (_fini) or left undecoded is a miss
// too. Prints version × library → exact frames / frames and exact cores / cores, the tiers the
// frames ran in, and every miss with the command to reproduce it. Each core is deleted once read.
//
// Usage: npm run bench:jsframes [-- --versions 20,22,24,26 --tiers default,maglev --libs zod,acorn
//        --seeds 4 --first-seed 1 --json results.json]
import { writeFileSync } from 'fs';
import { createRequire } from 'module';

const require = createRequire(import.meta.url);
const { LAB_LIBRARIES, labModules, runLabCase } = require('../../out/test/support/crashLab.js');
const { tiersOf } = require('../../out/test/support/nodeTiers.js');

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}
const versions = option('versions', '20,22,24,26').split(',').map(Number);
const libraries = option('libs', LAB_LIBRARIES.join(',')).split(',');
const tierFilter = option('tiers', undefined)?.split(',');
const seeds = Number(option('seeds', '4'));
const firstSeed = Number(option('first-seed', '1'));
const jsonOut = option('json', undefined);

const modules = labModules();
const cases = [];
for (const major of versions)
  for (const tier of tiersOf(major).filter((t) => tierFilter === undefined || tierFilter.includes(t)))
    for (const library of libraries) for (let seed = firstSeed; seed < firstSeed + seeds; seed++) cases.push({ major, tier, library, seed });

const results = [];
const started = Date.now();
for (const [i, c] of cases.entries()) {
  const result = await runLabCase(c, modules);
  results.push({ ...c, ...result });
  const mark = result.misses.length === 0 ? 'exact' : `${result.misses.length} miss(es)`;
  process.stderr.write(`[${i + 1}/${cases.length}] Node ${c.major} ${c.tier} ${c.library} seed ${c.seed}: ${result.exact}/${result.frames} frames, ${mark} (${result.seconds.toFixed(1)} s)\n`);
}

const sum = (list, f) => list.reduce((s, r) => s + f(r), 0);
function cell(list) {
  if (list.length === 0) return '—';
  const exactCores = list.filter((r) => r.misses.length === 0).length;
  return `${sum(list, (r) => r.exact)}/${sum(list, (r) => r.frames)} · ${exactCores}/${list.length}`;
}
console.log(`| library | ${versions.map((v) => `Node ${v}`).join(' | ')} | all |`);
console.log(`|---|${versions.map(() => ':-:').join('|')}|:-:|`);
for (const library of libraries) {
  const row = results.filter((r) => r.library === library);
  console.log(`| ${library} | ${versions.map((v) => cell(row.filter((r) => r.major === v))).join(' | ')} | ${cell(row)} |`);
}
console.log(`| all | ${versions.map((v) => cell(results.filter((r) => r.major === v))).join(' | ')} | ${cell(results)} |`);
console.log('\ncells: exact frames/frames · exact cores/cores');
const tierCounts = new Map();
for (const r of results) for (const t of r.tiers) tierCounts.set(t, (tierCounts.get(t) ?? 0) + 1);
console.log(`cores with frames of each tier: ${[...tierCounts].map(([t, n]) => `${t} ${n}`).join(', ')}`);
const exactCores = results.filter((r) => r.misses.length === 0).length;
console.log(`${exactCores} of ${results.length} cores exact, ${sum(results, (r) => r.exact)} of ${sum(results, (r) => r.frames)} frames, in ${((Date.now() - started) / 1000).toFixed(0)} s`);
for (const r of results.filter((x) => x.misses.length > 0)) {
  console.log(`\nmiss: Node ${r.major} ${r.tier} ${r.library} seed ${r.seed} (npm run bench:jsframes -- --versions ${r.major} --tiers ${r.tier} --libs ${r.library} --first-seed ${r.seed} --seeds 1)`);
  for (const m of r.misses) console.log(`  ${m}`);
}
if (jsonOut !== undefined) writeFileSync(jsonOut, JSON.stringify(results, null, 2));
process.exit(exactCores === results.length ? 0 : 1);
