// A compiler: TypeScript transforms, prints and transpiles generated modules hundreds of times
// with a custom transformer and printer hook; then one of them throws at a seeded node: in the
// transform API's visitEachChild recursion, in the printer's emit recursion, or in transpileModule
// (whose emit catches and rethrows, so Node aborts there).
'use strict';
const { between, lab, pick, warm } = require('./seeded');
const ts = lab('typescript');

let failAt = -1;
let visited = 0;
function refuse(node) {
  if (++visited === failAt) throw new Error(`refused node ${visited}: ${ts.SyntaxKind[node.kind]}`);
}
const refusing = (context) => (sourceFile) => {
  const visit = (node) => {
    refuse(node);
    return ts.visitEachChild(node, visit, context);
  };
  return ts.visitNode(sourceFile, visit);
};
const printer = ts.createPrinter({}, {
  substituteNode(hint, node) {
    if (mode === 'print') refuse(node);
    return node;
  },
});

function moduleSource(n) {
  return `interface P${n} { id: number; tags?: string[] }\nexport async function load${n}(p: P${n}, n = ${n}): Promise<string> {\n  const t = p.tags?.map((x) => x.toUpperCase()) ?? [];\n  for (let i = 0; i < n; i++) if (i % ${1 + (n % 5)} === 0) t.push(\`\${i}\`);\n  return t.join(',') + (await Promise.resolve(p.id));\n}\nexport class Store${n}<T> { private items = new Map<number, T>(); get size() { return this.items.size; } }\n`;
}

const compilerOptions = { target: ts.ScriptTarget.ES2019, module: ts.ModuleKind.CommonJS };
const transpileOptions = { compilerOptions, transformers: { before: [refusing] } };
let mode = 'warm';
function run(source) {
  if (mode === 'transpile') return ts.transpileModule(source, transpileOptions).outputText;
  const file = ts.createSourceFile('m.ts', source, ts.ScriptTarget.ES2019, true);
  const result = ts.transform(file, mode === 'print' ? [] : [refusing], compilerOptions);
  return printer.printFile(result.transformed[0]);
}

warm(between(150, 400), (i) => {
  ts.transpileModule(moduleSource(i), transpileOptions);
  return run(moduleSource(i));
});

mode = pick(['transform', 'print', 'transpile']);
const source = moduleSource(between(1, 9999));
visited = 0;
failAt = -1;
run(source);
const nodes = visited;
visited = 0;
failAt = between(1, nodes);
run(source);
