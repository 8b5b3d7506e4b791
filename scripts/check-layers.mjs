// Enforces the layering of DESIGN.md: imports only point downwards. vscode only in src/extension,
// dockerode only in src/sources, the DAP packages only in src/debug, node:sqlite only in src/catalog, and the engine imports no
// other layer and no file system, process or network module: what a dump refers to reaches it only
// through the DumpFiles its caller gives. Exits non-zero listing every offending import.
import { readFileSync, readdirSync, statSync } from 'fs';
import { join, relative } from 'path';

const rules = [
  { module: /^vscode$/, allowedIn: ['src/extension/'] },
  { module: /^dockerode$/, allowedIn: ['src/sources/'] },
  { module: /^@vscode\/debug(adapter|protocol)/, allowedIn: ['src/debug/'] },
  { module: /^node:sqlite$/, allowedIn: ['src/catalog/'] },
];
// The catalog sits between the sources and the front ends: neither the engine nor a source reaches it.
const catalogIsAbove = /^src\/(engine|sources)\//;
const engineMayNotReach = /(^|\/)(extension|debug|cli|sources)\//;
const engineMayNotImport = /^(node:)?(fs|fs\/promises|child_process|net)$/;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (path.endsWith('.ts')) yield path;
  }
}

const problems = [];
for (const file of files('src')) {
  const rel = relative('.', file);
  const source = readFileSync(file, 'utf8');
  for (const [, spec] of source.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)) {
    for (const rule of rules) {
      if (rule.module.test(spec) && !rule.allowedIn.some((p) => rel.startsWith(p))) {
        problems.push(`${rel}: imports ${spec}, allowed only in ${rule.allowedIn.join(', ')}`);
      }
    }
    if (rel.startsWith('src/engine/') && spec.startsWith('.') && engineMayNotReach.test(spec)) {
      problems.push(`${rel}: the engine imports ${spec}; the engine must stay pure`);
    }
    if (catalogIsAbove.test(rel) && spec.startsWith('.') && /(^|\/)catalog\//.test(spec)) {
      problems.push(`${rel}: imports ${spec}; the catalog is above the engine and the sources`);
    }
    if (rel.startsWith('src/engine/') && engineMayNotImport.test(spec)) {
      problems.push(`${rel}: the engine imports ${spec}; files reach it only through DumpFiles (src/engine/dumpFiles.ts)`);
    }
  }
}
if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log('layers: ok');
