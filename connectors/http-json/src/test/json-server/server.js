// json-server 0.17.4 as the http-json connector's tests run it: the real json-server router over a db file, behind
// what real APIs do around it: sign-in (basic, API key, bearer, OAuth2 client credentials), rate limiting, failing,
// answering HTML, and cursor pages. Each is reached under its own path prefix; the rest of the path goes to
// json-server. Usage: node server.js <db.json> <port>
const jsonServer = require('json-server');

const [dbFile, port] = process.argv.slice(2);
const server = jsonServer.create();
const router = jsonServer.router(dbFile);
server.use(jsonServer.defaults({ logger: false }));
server.use(jsonServer.bodyParser);

const requests = [];
let issued = 0;
const validTokens = new Set();
let flakyCalls = 0;

server.get('/_test/requests', (req, res) => res.json(requests));
server.post('/_test/reset', (req, res) => { requests.length = 0; flakyCalls = 0; res.json({}); });
server.get('/_test/tokens', (req, res) => res.json({ issued }));
server.post('/_test/revoke', (req, res) => { validTokens.clear(); res.json({}); });

server.post('/oauth/token', (req, res) => {
  requests.push({ method: req.method, url: req.url, at: Date.now() });
  if (req.headers.authorization !== 'Basic ' + Buffer.from('ferry:cl1ent-secret').toString('base64')
      || req.body.grant_type !== 'client_credentials') {
    return res.status(401).json({ error: 'invalid_client', error_description: 'client authentication failed' });
  }
  const token = 'tok-' + (++issued);
  validTokens.add(token);
  res.json({ access_token: token, token_type: 'Bearer', expires_in: 3600, scope: req.body.scope || '' });
});

const guards = {
  basic: req => req.headers.authorization === 'Basic ' + Buffer.from('ada:s3cret pass').toString('base64'),
  key: req => req.headers['x-api-key'] === 'k3y-123' || req.query.api_key === 'k3y-123',
  bearer: req => req.headers.authorization === 'Bearer t0ken-abc',
  oauth: req => validTokens.has((req.headers.authorization || '').replace(/^Bearer /, '')),
};

server.use((req, res, next) => {
  requests.push({ method: req.method, url: req.url, at: Date.now() });
  const m = req.url.match(/^\/(basic|key|bearer|oauth|flaky|storm|broken|html|cursor)(\/[^?]*)?(\?.*)?$/);
  if (!m) {
    return next();
  }
  const [, prefix, rest, query] = m;
  if (guards[prefix] && !guards[prefix](req)) {
    return res.status(401).json({ error: 'unauthorized', echoed: req.headers.authorization || req.query.api_key || '' });
  }
  if (prefix === 'flaky' && (flakyCalls++ % 2 === 0)) {
    return res.status(429).set('Retry-After', '1').json({ error: 'slow down' });
  }
  if (prefix === 'storm') {
    return res.status(429).set('Retry-After', '120').json({ error: 'slow down a lot' });
  }
  if (prefix === 'broken') {
    return res.status(503).json({ error: 'down for maintenance' });
  }
  if (prefix === 'html') {
    return res.status(200).type('html').send('<!DOCTYPE html><html><body>Please sign in</body></html>');
  }
  if (prefix === 'cursor') {
    // {data: [...], paging: {next}}: items after the id the token names, in id order
    const items = router.db.get((rest || '/').slice(1)).value() || [];
    const after = req.query.cursor ? Number(Buffer.from(req.query.cursor, 'base64').toString()) : -Infinity;
    const limit = Number(req.query.limit || 10);
    const page = items.filter(i => i.id > after).sort((a, b) => a.id - b.id).slice(0, limit);
    const more = page.length === limit && items.some(i => i.id > page[page.length - 1].id);
    const next = more ? Buffer.from(String(page[page.length - 1].id)).toString('base64') : null;
    return res.json({ data: page, paging: { next } });
  }
  delete req.query.api_key;
  req.url = (rest || '/') + (query || '').replace(/([?&])api_key=[^&]*&?/, '$1').replace(/[?&]$/, '');
  next();
});

server.use(router);
server.listen(Number(port), '127.0.0.1', () => console.log('ready'));
