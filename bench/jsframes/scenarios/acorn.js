// A parser: acorn parses and tokenizes generated modules thousands of times with an onToken hook;
// then the hook throws at a seeded token, or the input holds a syntax error at a seeded place. The
// tokenizer lets both escape from deep inside it; a full parse catches them in catchStackOverflow
// and rethrows, so Node aborts there.
'use strict';
const { between, lab, pick, warm } = require('./seeded');
const acorn = lab('acorn');

function moduleSource(n) {
  return `export function f${n}(a, b = ${n}) {\n  const xs = [a, b, ...Array(3)].map((x, i) => x ?? i * ${n});\n  for (const [k, v] of Object.entries({ a, b })) if (v > ${n % 7}) return \`\${k}:\${v}\`;\n  return xs.reduce((s, x) => s + 0x${n.toString(16)} / 1e3, 0);\n}\nclass C${n} extends Object { #p = ${n}; static s = /re${n}/g; get p() { return this.#p; } }\n`;
}

const options = { ecmaVersion: 'latest', sourceType: 'module' };

/** `source` with stray characters at a seeded place where they are an error (not inside a string). */
function withSyntaxError(source) {
  for (;;) {
    const cut = between(1, source.length - 1);
    const broken = `${source.slice(0, cut)} @# ${source.slice(cut)}`;
    try {
      acorn.parse(broken, options);
    } catch {
      return broken;
    }
  }
}
let tokens = 0;
warm(between(2000, 6000), (i) => {
  for (const token of acorn.tokenizer(moduleSource(i), { ...options, onToken: () => tokens++ })) tokens += token.end - token.start;
  return acorn.parse(moduleSource(i), { ...options, onToken: () => tokens++ });
});

const [reader, fault] = [pick(['tokenizer', 'parse']), pick(['hook', 'syntax'])];
const clean = moduleSource(between(1, 9999));
const source = fault === 'syntax' ? withSyntaxError(clean) : clean;
const stopAt = between(1, [...acorn.tokenizer(clean, options)].length);
let seen = 0;
function tokenHook(token) {
  if (fault === 'hook' && ++seen === stopAt) throw new Error(`token ${seen} refused: ${token.type.label}`);
}
if (reader === 'tokenizer') {
  for (const token of acorn.tokenizer(source, { ...options, onToken: tokenHook })) tokens += token.end;
} else {
  acorn.parse(source, { ...options, onToken: tokenHook });
}
