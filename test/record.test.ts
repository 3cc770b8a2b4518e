import { runVigil } from './support/cli';
import { apiToken } from './support/auth';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load';
import type { VigilConfig } from '../src/config/model';
import { startDemoShops } from '../src/demo-shop';
import { createApp } from '../src/server/app';
import { openSqliteStore } from '../src/store/sqlite';
import type { Store } from '../src/store/ports';

const chromium = process.env.VIGIL_CHROMIUM_PATH || '/usr/bin/chromium';
const hasChromium = existsSync(chromium);
if (!hasChromium) console.warn(`vigil test --record with a browser flow skipped: no Chromium at ${chromium}`);

const checkoutSpec = resolve('examples/flows/checkout.spec.ts');
const dir = mkdtempSync(join(tmpdir(), 'vigil-record-'));

let shops: Awaited<ReturnType<typeof startDemoShops>>;
let config: VigilConfig;
let store: Store;
let app: Hono;
let server: ReturnType<typeof serve>;
let vigilUrl: string;
const authorizations: (string | undefined)[] = [];

function writeConfig(name: string, extraChecks = ''): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    `site: { name: Record test }
deployments:
  - { name: production, baseUrl: "${shops.primary.url}" }
defaults: { interval: 1m, timeout: 30s }
checks:
  - { name: home, kind: http, path: /, assertions: [{ status: 200 }] }
  - { name: checkout, kind: browser, script: "${checkoutSpec}" }
${extraChecks}
storage: { dataDir: ./data-${name} }
`,
  );
  return file;
}

let writeSecret = '';
let envSecret = '';
let readSecret = '';

beforeAll(async () => {
  shops = await startDemoShops({ productCount: 100 });
  config = await loadConfig(writeConfig('server.yaml'), {});
  store = await openSqliteStore({ dataDir: join(dir, 'server-data') });
  writeSecret = await apiToken(store, 'write', 'ci');
  envSecret = await apiToken(store, 'write', 'ci-env');
  readSecret = await apiToken(store, 'read', 'dashboard');
  // The outer app notes the header the CLI sends; the real access guard inside checks it.
  app = new Hono();
  app.use('*', async (c, next) => {
    authorizations.push(c.req.header('authorization'));
    await next();
  });
  app.route('/', createApp({ config, store, registries: [] }));
  vigilUrl = await new Promise<string>((done) => {
    server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => done(`http://127.0.0.1:${info.port}`));
  });
});
afterAll(async () => {
  await new Promise((done) => server.close(done));
  await store.close();
  await shops.close();
  rmSync(dir, { recursive: true, force: true });
});

const result = (overrides: Record<string, unknown> = {}) => ({
  checkId: 'home',
  deployment: 'production',
  location: 'ci',
  ok: true,
  durationMs: 12.5,
  startedAt: Date.now(),
  assertions: [{ assertion: 'status equals 200', ok: true, actual: '200' }],
  ...overrides,
});
const post = (body: unknown) => app.request('/api/v1/results', { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${writeSecret}` }, body: JSON.stringify(body) });

describe('POST /api/v1/results', () => {
  it('names the field of a malformed result', async () => {
    const response = await post({ results: [result(), result({ durationMs: 'fast', ok: undefined })] });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; field: string; problems: { field: string }[] };
    expect(body.field).toBe('results[1].ok');
    expect(body.problems.map((problem) => problem.field)).toEqual(['results[1].ok', 'results[1].durationMs']);
    expect(body.error).toMatch(/^results\[1\]\.ok: .*\(and 1 more\)$/);
    expect((await post({ results: [] })).status).toBe(400);
    expect((await app.request('/api/v1/results', { method: 'POST', body: 'not json', headers: { authorization: `Bearer ${writeSecret}` } })).status).toBe(400);
  });

  it('refuses checks the config does not know, naming them, and stores nothing', async () => {
    const response = await post({ results: [result(), result({ checkId: 'old check' }), result({ checkId: 'typo' })] });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: string; unknownChecks: string[] };
    expect(body.unknownChecks).toEqual(['old check', 'typo']);
    expect(body.error).toMatch(/unknown checks "old check", "typo"/);
    expect(await store.listResults({ checkId: 'home', limit: 10 })).toEqual([]);
  });
});

describe.skipIf(!hasChromium)('vigil test --record', () => {
  const vigil = (args: string[], env: NodeJS.ProcessEnv = {}) => runVigil(args, { cwd: dir, env });

  it('runs the checks and the spec-file flow, then stores the results in the running Vigil under the ci location', async () => {
    const from = Date.now();
    const run = await vigil(['test', '-c', writeConfig('ci.yaml'), '--record', vigilUrl, '--token', writeSecret]);
    expect(run.stderr).toMatch(/✓ 2 runs, 2 passed, 0 failed/);
    expect(run.stderr).toContain(`recorded 2 results at ${vigilUrl}/api/v1/results (location ci)`);
    expect(run.code).toBe(0);
    expect(authorizations).toContain(`Bearer ${writeSecret}`);
    const [checkout] = await store.listResults({ checkId: 'checkout', limit: 10 });
    expect(checkout).toMatchObject({ ok: true, deployment: 'production', location: 'ci' });
    expect((checkout!.details as { steps: { name: string }[] }).steps.map((step) => step.name)).toEqual([
      'land on home page',
      'open collection',
      'open product',
      'add to cart',
      'change quantity',
      'reach checkout',
    ]);
    const uptime = await store.uptime({ from: from - 60_000, to: Date.now() + 60_000 }, { checkIds: ['home', 'checkout'] });
    expect(uptime.map((row) => [row.checkId, row.runs, row.failures]).sort()).toEqual([
      ['checkout', 1, 0],
      ['home', 1, 0],
    ]);
  }, 90_000);

  it('takes the token from VIGIL_TOKEN and the location label from --location', async () => {
    const run = await vigil(['test', '-c', writeConfig('ci.yaml'), '--grep', 'home', '--record', `${vigilUrl}/`, '--location', 'github-eu'], { VIGIL_TOKEN: envSecret });
    expect(run.code).toBe(0);
    expect(authorizations.at(-1)).toBe(`Bearer ${envSecret}`);
    expect((await store.listResults({ checkId: 'home', limit: 1 }))[0]?.location).toBe('github-eu');
  }, 60_000);

  it('exits non-zero with the reason when the Vigil refuses the results', async () => {
    const run = await vigil(['test', '-c', writeConfig('extra.yaml', '  - { name: brand new, kind: http, path: / }'), '--grep', 'brand', '--record', vigilUrl, '--token', writeSecret]);
    expect(run.stderr).toMatch(/✗ not recorded: Vigil at .*\/api\/v1\/results rejected the results \(400\): unknown check "brand new"/);
    expect(run.code).toBe(1);
  }, 90_000);

  it('exits non-zero when the token may only read', async () => {
    const run = await vigil(['test', '-c', writeConfig('ci.yaml'), '--grep', 'home', '--record', vigilUrl, '--token', readSecret]);
    expect(run.stderr).toMatch(/✗ not recorded: .*403/);
    expect(run.code).toBe(1);
  }, 60_000);

  it('exits non-zero when the Vigil cannot be reached', async () => {
    const port = await new Promise<number>((done) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as AddressInfo;
        probe.close(() => done(free));
      });
    });
    const run = await vigil(['test', '-c', writeConfig('ci.yaml'), '--grep', 'home', '--record', `http://127.0.0.1:${port}`]);
    expect(run.stderr).toMatch(new RegExp(`✗ not recorded: could not reach Vigil at http://127.0.0.1:${port}/api/v1/results: ECONNREFUSED`));
    expect(run.code).toBe(1);
  }, 60_000);
});
