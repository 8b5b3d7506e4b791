// A markdown engine: marked lexes and renders generated documents thousands of times with a custom
// renderer; then a seeded renderer method throws at a seeded token, from inside marked's parser.
'use strict';
const { between, lab, pick, warm } = require('./seeded');
const { Lexer, Parser, Renderer } = lab('marked');

let failAt = -1;
let calls = 0;
function checked(kind, text) {
  if (++calls === failAt) throw new Error(`${kind} refused at token ${calls}: ${String(text).slice(0, 20)}`);
}
const renderer = new Renderer();
const plain = { heading: renderer.heading, codespan: renderer.codespan, link: renderer.link, listitem: renderer.listitem };
const failing = pick(Object.keys(plain));
for (const kind of Object.keys(plain)) {
  renderer[kind] = function (token) {
    if (kind === failing) checked(kind, token.text);
    return plain[kind].call(this, token);
  };
}

function documentOf(n) {
  return `# Title ${n}\n\nSome *text* with \`code ${n}\` and a [link](https://example.com/${n}).\n\n- one ${n}\n- two **bold**\n- three [x](/x)\n\n## Part ${n % 7}\n\n> quote \`q\`\n\n\`\`\`js\nconst x = ${n};\n\`\`\`\n`;
}

const options = { renderer, gfm: true };
warm(between(1500, 4000), (i) => Parser.parse(Lexer.lex(documentOf(i), options), options));

const doc = documentOf(between(1, 9999));
calls = 0;
failAt = between(1, { heading: 2, codespan: 2, link: 2, listitem: 3 }[failing]);
Parser.parse(Lexer.lex(doc, options), options);
