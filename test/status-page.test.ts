import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'node-html-parser';
import type { Incident } from '../src/incidents/model';
import { addNote } from '../src/incidents/actions';
import { statusPageApp } from '../src/server/status-page/routes';
import { createApp } from '../src/server/app';
import { resolveConfig } from '../src/config/validate';
import { health, openFixture, result, type Fixture } from './api-fixture';

const now = Date.now();
const parka = 'product page [/products/parka]';
let f: Fixture;

const incident = (id: number, deployment: string, checkId: string, extra: Partial<Incident> = {}): Incident => ({
  id,
  deployment,
  title: `${deployment} is down: ${checkId} (status 503 from https://shop.internal-host.example)`,
  status: 'open',
  severity: 'critical',
  firstFailureAt: now - 600_000,
  openedAt: now - 500_000,
  members: [{ checkId, deployment, since: now - 600_000, confirmedAt: now - 500_000, lastError: 'status 503' }],
  remindersSent: 0,
  escalationLevel: 0,
  ...extra,
});

beforeAll(async () => {
  f = await openFixture();
  await f.store.insertResults([
    result('home page', 'production', now - 2 * 86_400_000, true),
    result('home page', 'production', now - 30_000, true),
    result(parka, 'production', now - 20_000, false),
    result('checkout page', 'production', now - 10_000, true),
  ]);
  await f.store.writeAlerts({
    health: [
      { checkId: 'home page', deployment: 'production', health: health('up') },
      { checkId: parka, deployment: 'production', health: health('down') },
      { checkId: 'checkout page', deployment: 'production', health: health('degraded') },
      { checkId: 'checkout page', deployment: 'backup', health: health('down') },
    ],
    incidents: [
      { incident: incident(1, 'production', parka), statusChanged: true },
      { incident: incident(2, 'backup', 'checkout page'), statusChanged: true },
      { incident: incident(3, 'production', 'checkout page', { status: 'resolved', firstFailureAt: now - 3 * 86_400_000, resolvedAt: now - 3 * 86_400_000 + 900_000 }), statusChanged: true },
      { incident: incident(4, 'production', 'checkout page', { status: 'resolved', firstFailureAt: now - 20 * 86_400_000, resolvedAt: now - 20 * 86_400_000 }), statusChanged: true },
    ],
    timeline: [],
    outbox: [],
  });
  await addNote(f.store, 1, 'alice', 'internal: rolled back build 41 on netlify', now - 400_000);
  await addNote(f.store, 1, 'alice', 'Product pages are failing for some visitors; a fix is being deployed.', now - 300_000, true);
  await addNote(f.store, 3, 'bob', 'Checkout was slow for 15 minutes and is back to normal.', now - 3 * 86_400_000 + 900_000, true);
});
afterAll(async () => f.close());

describe('the public status page', () => {
  it('shows components with their state on the primary deployment and 90 daily bars with text labels', async () => {
    const response = await f.app.request('/status');
    expect(response.status).toBe(200);
    const html = await response.text();
    const root = parse(html);
    expect(root.querySelector('h1')!.text).toBe('Fixture shop status');
    const components = root.querySelectorAll('.component');
    expect(components.map((c) => c.querySelector('h3 span')!.text)).toEqual(['Storefront', 'Checkout']);
    expect(components[0]!.querySelector('.state')!.text).toBe('Outage');
    // Backup is down, but customers are served from production, where checkout is only slow.
    expect(components[1]!.querySelector('.state')!.text).toBe('Degraded performance');
    const bars = components[0]!.querySelectorAll('.bars li');
    expect(bars).toHaveLength(90);
    expect(bars.at(-1)!.text).toMatch(/^\d{4}-\d{2}-\d{2}: \d+\.\d{2}% uptime$/);
    expect(bars[0]!.text).toMatch(/no data/);
    expect(root.querySelector('.banner')!.text).toBe('Some systems are down');
    expect(html).not.toContain('<script');
  });

  it('shows active and past incidents of primary deployments with only their public updates', async () => {
    const html = await (await f.app.request('/status')).text();
    const root = parse(html);
    const incidents = root.querySelectorAll('.incident');
    expect(incidents.map((i) => i.querySelector('h3')!.text)).toEqual(['Outage: Storefront', 'Outage: Checkout']);
    expect(html).toContain('Product pages are failing for some visitors; a fix is being deployed.');
    expect(html).toContain('Checkout was slow for 15 minutes and is back to normal.');
    expect(html).not.toContain('rolled back');
    // Older than 14 days: gone; on the backup deployment: not the public's business.
    expect(incidents).toHaveLength(2);
  });

  it('leaks no URLs, hostnames, errors or check internals', async () => {
    const html = await (await f.app.request('/status')).text();
    for (const secret of ['http://', 'https://', 'internal-host', '503', 'product page', 'parka', 'netlify', 'production', 'backup', 'alice']) expect(html, secret).not.toContain(secret);
  });

  it('is cacheable: Cache-Control, an ETag, and 304 when it matches', async () => {
    const first = await f.app.request('/status');
    expect(first.headers.get('cache-control')).toBe('public, max-age=30');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const again = await f.app.request('/status', { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await f.app.request('/status', { headers: { 'if-none-match': '"other"' } })).status).toBe(200);
  });

  it('supports light and dark colour schemes', async () => {
    const html = await (await f.app.request('/status')).text();
    expect(html).toContain('prefers-color-scheme:dark');
    expect(html).toContain('name="color-scheme" content="light dark"');
  });

  it('publishes a note posted through the API with public: true, and refuses a non-boolean public', async () => {
    const post = (body: unknown) => f.app.request('/api/v1/incidents/1/notes', { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    expect((await post({ text: 'We have identified the cause.', public: true, by: 'carol' })).status).toBe(200);
    expect((await post({ text: 'internal only: the CDN purge failed' })).status).toBe(200);
    const refused = await post({ text: 'x', public: 'yes' });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({ error: 'expected "public" to be true or false', field: 'public' });
    const timeline = ((await (await f.app.request('/api/v1/incidents/1')).json()) as { timeline: { message: string; public?: boolean }[] }).timeline;
    expect(timeline.filter((e) => e.public).map((e) => e.message)).toEqual(['Product pages are failing for some visitors; a fix is being deployed.', 'We have identified the cause.']);
    // A fresh app: the first one's page is cached for 30 s.
    const html = await (await createApp({ config: f.config, store: f.store, registries: [] }).request('/status')).text();
    expect(html).toContain('We have identified the cause.');
    expect(html).not.toContain('CDN purge');
  });

  it('is served alone on its own app (for statusPage.port) at / and /status', async () => {
    const app = statusPageApp({ config: f.config, store: f.store, registries: [] });
    expect((await app.request('/')).status).toBe(200);
    expect((await app.request('/status')).status).toBe(200);
    expect((await app.request('/api/v1/grid')).status).toBe(404);
  });
});

describe('status page states and details', () => {
  it('shows maintenance as such, and errors and check names only with showDetails', async () => {
    const g = await openFixture({
      maintenance: [{ name: 'checkout upgrade', from: new Date(now - 60_000).toISOString(), to: new Date(now + 3_600_000).toISOString(), checks: ['checkout page'] }],
      statusPage: { title: 'Detailed', showDetails: true, components: [{ name: 'Checkout', checks: ['checkout page'] }, { name: 'Catalog', pageTypes: ['product'] }] },
    });
    try {
      await g.store.insertResults([result('checkout page', 'production', now - 10_000, false), result(parka, 'production', now - 10_000, false)]);
      await g.store.writeAlerts({ health: [{ checkId: parka, deployment: 'production', health: health('down') }], incidents: [], timeline: [], outbox: [] });
      const root = parse(await (await g.app.request('/status')).text());
      const states = root.querySelectorAll('.component .state').map((s) => s.text);
      expect(states).toEqual(['Under maintenance', 'Outage']);
      expect(root.querySelector('.details')!.text).toMatch(/checkout page · production · maintenance · status 503/);
    } finally {
      await g.close();
    }
  });

  it('refuses components naming unknown checks or page types, naming the field', () => {
    const { problems } = resolveConfig(
      {
        site: { name: 'x' },
        deployments: [{ name: 'production', baseUrl: 'https://shop.example' }],
        checks: [{ name: 'home', kind: 'http', path: '/' }],
        statusPage: { title: 'x', components: [{ name: 'A', checks: ['nope'] }, { name: 'B', pageTypes: ['cart'] }, { name: 'C' }] },
      },
      '/tmp/vigil.yaml',
    );
    const messages = problems.map((p) => `${p.path.join('.')}: ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^statusPage\.components\.2: expected at least one of checks, tags or pageTypes/),
      ]),
    );
    const second = resolveConfig(
      {
        site: { name: 'x' },
        deployments: [{ name: 'production', baseUrl: 'https://shop.example' }],
        checks: [{ name: 'home', kind: 'http', path: '/' }],
        statusPage: { title: 'x', components: [{ name: 'A', checks: ['nope'] }, { name: 'B', pageTypes: ['cart'] }] },
      },
      '/tmp/vigil.yaml',
    );
    const samePort = resolveConfig(
      { site: { name: 'x' }, deployments: [{ name: 'production', baseUrl: 'https://shop.example' }], checks: [{ name: 'home', kind: 'http', path: '/' }], server: { port: 9000 }, statusPage: { title: 'x', port: 9000, components: [{ name: 'A', checks: ['home'] }] } },
      '/tmp/vigil.yaml',
    );
    expect(samePort.problems.map((p) => p.path.join('.'))).toEqual(['statusPage.port']);
    expect(second.problems.map((p) => `${p.path.join('.')}: ${p.message}`)).toEqual([
      'statusPage.components.0.checks.0: expected the name of a configured check, got "nope"',
      'statusPage.components.1.pageTypes.0: expected one of the declared page types (none declared), got "cart"',
    ]);
  });
});

describe('vigil note --public', () => {
  it('stores a note as public from the command line, and others as internal', async () => {
    const { spawn } = await import('node:child_process');
    const { writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const g = await openFixture();
    try {
      await g.store.writeAlerts({ health: [], incidents: [{ incident: incident(5, 'production', 'checkout page'), statusChanged: true }], timeline: [], outbox: [] });
      const file = join(g.dataDir, 'vigil.yaml');
      writeFileSync(file, `site: { name: CLI }\ndeployments: [{ name: production, baseUrl: "https://shop.example" }]\nchecks: [{ name: checkout page, kind: http, path: /checkout }]\nstorage: { dataDir: "${g.dataDir}" }\n`);
      const bin = join(import.meta.dirname, '..', 'bin', 'vigil.js');
      const run = (args: string[]) =>
        new Promise<{ code: number | null; out: string }>((done) => {
          const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, NO_COLOR: '1' } });
          let out = '';
          child.stdout.on('data', (chunk: Buffer) => (out += chunk));
          child.stderr.on('data', (chunk: Buffer) => (out += chunk));
          child.on('close', (code) => done({ code, out }));
        });
      const published = await run(['note', '5', 'Checkout is back for everyone.', '--public', '-c', file, '--by', 'dana']);
      expect(published, published.out).toMatchObject({ code: 0 });
      expect(published.out).toMatch(/noted \(public\)/);
      expect((await run(['note', '5', 'internal remark', '-c', file])).code).toBe(0);
      const timeline = await g.store.timeline(5);
      expect(timeline.map((e) => [e.message, e.public === true])).toEqual([
        ['Checkout is back for everyone.', true],
        ['internal remark', false],
      ]);
    } finally {
      await g.close();
    }
  }, 30_000);
});
