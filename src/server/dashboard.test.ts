import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../log/logger';
import { dashboardIsStale, dashboardRoutes, ensureDashboardBuilt } from './dashboard';

const dir = mkdtempSync(join(tmpdir(), 'vigil-dashboard-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const dist = join(dir, 'dist');
mkdirSync(join(dist, 'assets'), { recursive: true });
writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
writeFileSync(join(dir, 'secret.txt'), 'not for you');

const app = new Hono();
app.get('/api/v1/thing', (c) => c.json({ ok: true }));
app.route('/', dashboardRoutes({ dist }));
app.notFound((c) => c.json({ error: 'no route' }, 404));

describe('serving the dashboard', () => {
  it('serves hashed assets with a year of cache', async () => {
    const response = await app.request('/assets/index-abc123.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/javascript');
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('answers index.html, never cached, for client routes so a reload works', async () => {
    for (const path of ['/', '/checks/home%20page', '/incidents/7', '/deployments']) {
      const response = await app.request(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain('<div id="root">');
    }
  });

  it('leaves the API, pings, the status page and metrics to their own routes', async () => {
    expect(await (await app.request('/api/v1/thing')).json()).toEqual({ ok: true });
    for (const path of ['/api/v1/nothing', '/ping/abc', '/status', '/status/feed', '/metrics', '/healthz']) {
      const response = await app.request(path);
      expect(response.status, path).toBe(404);
      expect(await response.json()).toEqual({ error: 'no route' });
    }
  });

  it('answers 404 for a missing hashed asset rather than HTML under a .js name', async () => {
    const response = await app.request('/assets/index-old999.js');
    expect(response.status).toBe(404);
  });

  it('never serves files outside the build', async () => {
    const response = await app.request('/..%2Fsecret.txt');
    expect(await response.text()).not.toContain('not for you');
  });

  it('says how to build it when there is no build', async () => {
    const bare = dashboardRoutes({ dist: join(dir, 'nowhere') });
    const response = await bare.request('/');
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build:web');
  });
});

describe('building the dashboard on start', () => {
  it('finds a build older than its sources stale, and a newer one fresh', async () => {
    const source = join(dir, 'src');
    mkdirSync(source, { recursive: true });
    writeFileSync(join(source, 'main.tsx'), 'x');
    const paths = { dist, source, viteConfig: join(dir, 'none.ts') };
    utimesSync(join(dist, 'index.html'), new Date(1_000_000), new Date(1_000_000));
    expect(await dashboardIsStale(paths)).toBe(true);
    utimesSync(join(dist, 'index.html'), new Date(), new Date(Date.now() + 60_000));
    expect(await dashboardIsStale(paths)).toBe(false);
    expect(await dashboardIsStale({ ...paths, dist: join(dir, 'missing') })).toBe(true);
  });

  it('logs and carries on when the build fails', async () => {
    const source = join(dir, 'src');
    const lines: string[] = [];
    const log = createLogger({ format: 'json', destination: { write: (line: string) => lines.push(line) } as unknown as NodeJS.WritableStream });
    const ok = await ensureDashboardBuilt(log, { dist: join(dir, 'fresh'), source, viteConfig: join(dir, 'no-such-config.ts') });
    expect(ok).toBe(false);
    expect(lines.join('')).toContain('building the dashboard');
    expect(lines.join('')).toContain('npm run build:web');
  });
});
