import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createNetServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { context, listen, selfSignedCertificate, unusedPort } from '../test-servers';
import { closeHttpAgents } from './agent';
import { httpSchema } from './definition';
import { MAX_BODY_BYTES, runner } from './runner';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const routes: Record<string, Handler> = {
  '/': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', server: 'test' }).end('<h1>Blue mug</h1><button>Add to cart</button>'),
  '/down': (_req, res) => res.writeHead(503).end('maintenance'),
  '/api/products': (_req, res) =>
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({ products: [{ name: 'mug', price: 12.5, stock: 0 }, { name: 'cup', price: 8, stock: 3 }] }),
    ),
  '/slow': (_req, res) => setTimeout(() => res.end('late'), 60),
  '/old': (_req, res) => res.writeHead(301, { location: '/' }).end(),
  '/loop': (_req, res) => res.writeHead(302, { location: '/loop' }).end(),
  '/hang': () => undefined,
  '/stall-body': (_req, res) => res.writeHead(200, { 'content-length': '100' }).write('partial'),
  '/huge': (_req, res) => {
    res.writeHead(200);
    const chunk = Buffer.alloc(1024 * 1024, 'a');
    for (let i = 0; i < 6; i++) res.write(chunk);
    res.end();
  },
};
const serve: Handler = (req, res) => (routes[new URL(req.url ?? '/', 'http://x').pathname] ?? ((_q, r) => r.writeHead(404).end()))(req, res);

let site: Awaited<ReturnType<typeof listen>>;
let baseUrl: string;
beforeAll(async () => {
  site = await listen(createHttpServer(serve));
  baseUrl = `http://127.0.0.1:${site.port}`;
});
afterAll(async () => {
  await closeHttpAgents();
  await site.close();
});

const spec = (fields: Record<string, unknown>) => httpSchema.parse({ kind: 'http', ...fields });
const run = (fields: Record<string, unknown>, url = baseUrl, timeoutMs = 5_000) => runner.run(spec(fields), context(url, { timeoutMs }));

describe('http check assertions', () => {
  it('passes when status, body, regex, header, size and time all hold', async () => {
    const result = await run({
      assertions: [
        { status: 200 },
        { body: { contains: 'Add to cart' } },
        { body: { matches: '<h1>\\w+ mug</h1>' } },
        { header: { name: 'Content-Type', contains: 'text/html' } },
        { bodySize: { lessThan: 1000 } },
        { responseTime: { lessThan: 5000 } },
      ],
    });
    expect(result.error).toBeUndefined();
    expect(result.ok).toBe(true);
    expect(result.assertions.map((a) => a.assertion)).toContain('body contains "Add to cart"');
    expect(result.details).toMatchObject({ status: 200, url: `${baseUrl}/`, redirects: 0, headers: { 'content-type': 'text/html; charset=utf-8', server: 'test' } });
  });

  it('reports a wrong status as the person would say it', async () => {
    const result = await run({ path: '/down', assertions: [{ status: 200 }] });
    expect(result).toMatchObject({ ok: false, error: 'status 503, expected status equals 200' });
  });

  it('requires a status below 400 when no assertion names the status', async () => {
    expect((await run({ path: '/down' })).error).toBe('status 503, expected status is less than 400');
    const withBodyOnly = await run({ path: '/down', assertions: [{ body: { contains: 'maintenance' } }] });
    expect(withBodyOnly.ok).toBe(false);
  });

  it('names each failing body, header, size and time assertion', async () => {
    const body = await run({ assertions: [{ body: { contains: 'Sold out' } }, { body: { notContains: 'Add to cart' } }, { body: { matches: '^\\d+$' } }] });
    expect(body.error).toMatch(/^body <h1>Blue mug.*, expected body contains "Sold out"; body .*, expected body does not contain "Add to cart" \(\+1 more\)$/);
    expect(body.assertions.filter((a) => !a.ok)).toHaveLength(3);
    const header = await run({ assertions: [{ header: { name: 'cache-control', exists: true } }] });
    expect(header.error).toBe('header cache-control undefined, expected header cache-control exists');
    const size = await run({ assertions: [{ bodySize: { lessThan: 10 } }] });
    expect(size.error).toBe('bodySize 45 bytes, expected bodySize is less than 10');
    const time = await run({ path: '/slow', assertions: [{ responseTime: { lessThan: 20 } }] });
    expect(time.error).toMatch(/^responseTime \d+ms, expected responseTime is less than 20$/);
  });

  it('reads values from JSON bodies with a small JSONPath', async () => {
    const passing = await run({
      path: '/api/products',
      assertions: [
        { jsonPath: { path: '$.products[0].price', greaterThan: 0 } },
        { jsonPath: { path: "$['products'][-1].name", equals: 'cup' } },
        { jsonPath: { path: '$.products[*].stock', greaterThan: 0 } },
        { jsonPath: { path: '$.products.length', equals: 2 } },
        { jsonPath: { path: '$.missing', exists: false } },
      ],
    });
    expect(passing.error).toBeUndefined();
    const failing = await run({ path: '/api/products', assertions: [{ jsonPath: { path: '$.products[*].price', greaterThan: 100 } }] });
    expect(failing.error).toBe('$.products[*].price [12.5,8], expected $.products[*].price is greater than 100');
    const notJson = await run({ assertions: [{ jsonPath: { path: '$.a', exists: true } }] });
    expect(notJson.error).toBe('$.a: body is not JSON, expected $.a exists');
  });

  it('rejects an assertion with two keys or a bad JSON path when the config is parsed', () => {
    expect(httpSchema.safeParse({ kind: 'http', assertions: [{ status: 200, body: 'x' }] }).success).toBe(false);
    expect(httpSchema.safeParse({ kind: 'http', assertions: [{ jsonPath: { path: 'products[0', exists: true } }] }).success).toBe(false);
    expect(httpSchema.safeParse({ kind: 'http', url: 'ftp://example.com/' }).success).toBe(false);
  });
});

describe('http check requests', () => {
  it('follows redirects and counts them', async () => {
    const result = await run({ path: '/old', assertions: [{ status: 200 }] });
    expect(result.ok).toBe(true);
    expect(result.details).toMatchObject({ status: 200, url: `${baseUrl}/`, redirects: 1 });
  });

  it('reports a redirect as its status when not following', async () => {
    const result = await run({ path: '/old', followRedirects: false });
    expect(result.ok).toBe(true);
    expect(result.details).toMatchObject({ status: 301, redirects: 0, headers: { location: '/' } });
  });

  it('fails after too many redirects', async () => {
    const result = await run({ path: '/loop', maxRedirects: 2 });
    expect(result).toMatchObject({ ok: false, error: `too many redirects (more than 2), next was ${baseUrl}/loop` });
  });

  it('uses an absolute url instead of the deployment', async () => {
    const result = await run({ url: `${baseUrl}/api/products`, assertions: [{ status: 200 }] }, `http://127.0.0.1:${await unusedPort()}`);
    expect(result.ok).toBe(true);
  });

  it('sends HEAD without reading a body', async () => {
    const result = await run({ method: 'HEAD', assertions: [{ status: 200 }] });
    expect(result.ok).toBe(true);
    expect(result.details).toMatchObject({ bytes: 0 });
  });

  it('stops reading a body at the cap and says so', async () => {
    const result = await run({ path: '/huge', assertions: [{ body: { contains: 'aaa' } }] });
    expect(result.ok).toBe(true);
    expect(result.details).toMatchObject({ bytes: MAX_BODY_BYTES, truncated: true });
  });

  it('times each phase of a new connection and none on a reused one', async () => {
    await closeHttpAgents();
    const first = await run({});
    expect(first.phases).toEqual({ connect: expect.any(Number), firstByte: expect.any(Number), download: expect.any(Number), total: expect.any(Number) });
    // undici waits one event-loop turn before reusing a socket (servers that close despite keep-alive).
    await new Promise((resolve) => setTimeout(resolve, 5));
    const reused = await run({});
    expect(reused.phases?.connect).toBeUndefined();
    expect(reused.phases?.firstByte).toBeGreaterThanOrEqual(0);
    const byName = await run({}, `http://localhost:${site.port}`);
    expect(byName.phases?.dns).toBeGreaterThanOrEqual(0);
  });
});

describe('http check failures', () => {
  const started: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((close) => close()));
  });

  it('reports a refused connection', async () => {
    const port = await unusedPort();
    const result = await run({}, `http://127.0.0.1:${port}`);
    expect(result).toMatchObject({ ok: false, error: `connect ECONNREFUSED 127.0.0.1:${port}` });
  });

  it('reports a connection reset before the response', async () => {
    const { port, close } = await listen(createNetServer((socket) => socket.once('data', () => socket.resetAndDestroy())));
    started.push(close);
    const result = await run({}, `http://127.0.0.1:${port}`);
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/connection (reset|closed) by the server/);
  });

  it('reports garbage instead of HTTP', async () => {
    const { port, close } = await listen(createNetServer((socket) => socket.once('data', () => socket.end('SSH-2.0-OpenSSH_9.6\r\n\r\n'))));
    started.push(close);
    const result = await run({}, `http://127.0.0.1:${port}`);
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/^invalid HTTP response: /);
  });

  it('times out waiting for the first byte, quickly', async () => {
    const begun = performance.now();
    const result = await run({ path: '/hang' }, baseUrl, 300);
    expect(result).toMatchObject({ ok: false, error: 'timed out after 300ms (waiting for first byte)' });
    expect(performance.now() - begun).toBeLessThan(1500);
  });

  it('times out in the middle of a body', async () => {
    const result = await run({ path: '/stall-body' }, baseUrl, 300);
    expect(result.error).toBe('timed out after 300ms (reading the body)');
  });

  it('stops when the monitor aborts the run', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('monitor stopping')), 50);
    const result = await runner.run(spec({ path: '/hang' }), context(baseUrl, { signal: controller.signal }));
    expect(result.error).toBe('aborted (monitor stopping) (waiting for first byte)');
  });

  it('rejects a self-signed certificate unless insecure', async () => {
    const { port, close } = await listen(createHttpsServer(await selfSignedCertificate(), (_req, res) => res.end('secure')));
    started.push(close);
    const url = `https://127.0.0.1:${port}`;
    const strict = await run({}, url);
    expect(strict.ok).toBe(false);
    expect(strict.error).toBe('TLS: self-signed certificate');
    const insecure = await run({ insecure: true, assertions: [{ body: { equals: 'secure' } }] }, url);
    expect(insecure.error).toBeUndefined();
    expect(insecure.phases?.tls).toBeGreaterThan(0);
  });
});
