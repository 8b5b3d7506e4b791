// An HTTP framework: find-my-way routes thousands of real requests on loopback (keep-alive, from
// this process) to parametric, wildcard and constrained routes; then a seeded request's handler —
// or the router's querystring parser, or its default route — throws, from the HTTP server's
// 'request' event through the router.
'use strict';
const http = require('http');
const { between, lab, pick } = require('./seeded');

let failing = 'none';
const router = lab('find-my-way')({
  querystringParser: (qs) => {
    if (failing === 'querystring') throw new Error(`cannot parse query ${qs}`);
    return Object.fromEntries(new URLSearchParams(qs));
  },
  defaultRoute: (req, res) => {
    if (failing === 'default') throw new Error(`no route for ${req.url}`);
    res.statusCode = 404;
    res.end();
  },
});
function reply(kind) {
  return (req, res, params, store, query) => {
    if (failing === kind) throw new Error(`${kind} handler failed on ${req.url}`);
    res.end(JSON.stringify({ kind, params, query }));
  };
}
router.on('GET', '/users/:id', reply('user'));
router.on('GET', '/users/:id/orders/:order(^\\d+)', reply('order'));
router.on('GET', '/static/*', reply('static'));
router.on(['GET', 'POST'], '/api/v:version/items', reply('items'));
router.on('GET', '/health', { constraints: { host: 'localhost' } }, reply('health'));

const paths = ['/users/7', '/users/7/orders/42', '/static/a/b.css', '/api/v2/items?limit=5', '/health', '/nowhere'];
const server = http.createServer((req, res) => router.lookup(req, res));
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

function get(path) {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port: server.address().port, path, agent, headers: { host: 'localhost' } }, (res) => {
      res.resume();
      res.on('end', resolve);
    }).on('error', reject);
  });
}

server.listen(0, '127.0.0.1', async () => {
  const rounds = between(400, 900);
  for (let i = 0; i < rounds; i++) await Promise.all(paths.map((p) => get(p.replace('7', String(i)))));
  failing = pick(['user', 'order', 'static', 'items', 'querystring', 'default']);
  const path = { user: '/users/99', order: '/users/9/orders/17', static: '/static/x.js', items: '/api/v3/items', querystring: '/users/5?a=1', default: '/missing' }[failing];
  get(path);
});
