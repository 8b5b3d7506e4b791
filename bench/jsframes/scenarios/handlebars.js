// A template engine: Handlebars compiles templates to JavaScript (new Function code) and renders
// them thousands of times through its helpers; then a seeded helper throws at a seeded row, from
// inside the compiled template, an `each` block or a partial.
'use strict';
const { between, lab, warm } = require('./seeded');
const Handlebars = lab('handlebars');

const hb = Handlebars.create();
let failAt = -1;
let calls = 0;
function checked(value) {
  if (++calls === failAt) throw new Error(`helper refused ${JSON.stringify(value)} at call ${calls}`);
  return value;
}
hb.registerHelper('money', (cents) => `$${(checked(cents) / 100).toFixed(2)}`);
hb.registerHelper('upper', function (options) {
  return String(checked(options.fn(this))).toUpperCase();
});
hb.registerHelper('ifOdd', function (n, options) {
  return checked(n) % 2 === 1 ? options.fn(this) : options.inverse(this);
});
hb.registerPartial('line', '<li>{{#upper}}{{name}}{{/upper}} {{money price}} {{#ifOdd qty}}odd{{else}}even{{/ifOdd}}</li>');
const page = hb.compile('<h1>{{title}}</h1><ul>{{#each items}}{{> line}}{{/each}}</ul>{{money total}}');

function order(n) {
  const items = Array.from({ length: 1 + (n % 5) }, (_, i) => ({ name: `item ${i}`, price: 100 * i + n, qty: i + n }));
  return { title: `order ${n}`, items, total: items.reduce((s, x) => s + x.price, 0) };
}

warm(between(2000, 6000), (i) => page(order(i)));

const last = order(between(1, 9999));
calls = 0;
failAt = between(1, 1 + 3 * last.items.length);
page(last);
