import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/validate';
import type { VigilConfig } from '../src/config/model';
import { PingIngest } from '../src/heartbeats/ingest';
import { createApp } from '../src/server/app';
import { listen } from '../src/server/listen';
import { openSqliteStore } from '../src/store/sqlite';
import type { Store } from '../src/store/ports';
import type { Hono } from 'hono';

const ID = 'nightly-backup-0123456789';
const OTHER = 'ci-flows-abcdefghijklmnop';

let dataDir: string;
let store: Store;
let ingest: PingIngest;
let app: Hono;
let config: VigilConfig;

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'vigil-pings-'));
  const resolved = resolveConfig(
    {
      site: { name: 'Pings' },
      deployments: [{ name: 'production', baseUrl: 'https://shop.example.com' }],
      heartbeats: [
        { name: 'nightly backup', id: ID, slug: 'nightly-backup', cron: '0 3 * * *', timezone: 'Europe/Berlin', grace: '10m' },
        { name: 'ci flows', id: OTHER, period: '1h' },
      ],
      storage: { dataDir },
    },
    join(dataDir, 'vigil.yaml'),
  );
  expect(resolved.problems).toEqual([]);
  config = resolved.config!;
  store = await openSqliteStore({ dataDir });
  ingest = new PingIngest(config.heartbeats, store);
  app = createApp({ config, store, registries: [], pings: { ingest, rate: { perSecond: 10, burst: 20 } } });
});

afterEach(async () => {
  await ingest.close();
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const lastPing = async () => (await store.listPings({ limit: 1 }))[0];

describe('ping endpoints', () => {
  const cases: { path: string; kind: string; exitCode?: number }[] = [
    { path: `/ping/${ID}`, kind: 'success' },
    { path: `/ping/${ID}/start`, kind: 'start' },
    { path: `/ping/${ID}/fail`, kind: 'fail' },
    { path: `/ping/${ID}/log`, kind: 'log' },
    { path: `/ping/${ID}/0`, kind: 'exit', exitCode: 0 },
    { path: `/ping/${ID}/255`, kind: 'exit', exitCode: 255 },
    { path: '/ping/s/nightly-backup', kind: 'success' },
    { path: '/ping/s/nightly-backup/start', kind: 'start' },
    { path: '/ping/s/nightly-backup/fail', kind: 'fail' },
    { path: '/ping/s/nightly-backup/log', kind: 'log' },
    { path: '/ping/s/nightly-backup/7', kind: 'exit', exitCode: 7 },
  ];
  for (const method of ['GET', 'HEAD', 'POST'] as const) {
    it.each(cases)(`${method} $path is stored as $kind and answered only after it is stored`, async ({ path, kind, exitCode }) => {
      const response = await app.request(path, { method, headers: { 'user-agent': 'cron/1.0' } });
      expect(response.status).toBe(200);
      const ping = await lastPing();
      expect(ping).toMatchObject({ heartbeatId: ID, kind, method, userAgent: 'cron/1.0', truncated: false });
      expect(ping!.exitCode).toBe(exitCode);
    });
  }

  it('stores a POST body and the run id, and updates the heartbeat state in the same write', async () => {
    expect((await app.request(`/ping/${ID}/start?rid=run-1`)).status).toBe(200);
    expect((await app.request(`/ping/${ID}/3?rid=run-1`, { method: 'POST', body: 'line one\nboom: disk full' })).status).toBe(200);
    const ping = await lastPing();
    expect(ping).toMatchObject({ runId: 'run-1', body: 'line one\nboom: disk full', kind: 'exit', exitCode: 3 });
    const state = (await store.heartbeatStates()).find((s) => s.heartbeatId === ID)!;
    expect(state).toMatchObject({ pings: 2, openRuns: {}, lastFailureReason: 'the job exited with code 3: boom: disk full' });
    expect(state.lastDurationMs).toBeGreaterThanOrEqual(0);
  });

  it('cuts a body over 10 KB and flags it', async () => {
    const response = await app.request(`/ping/${ID}/log`, { method: 'POST', body: 'x'.repeat(50_000) });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('OK (body truncated)');
    const ping = await lastPing();
    expect(ping!.body).toHaveLength(10 * 1024);
    expect(ping!.truncated).toBe(true);
  });

  it.each([
    ['an unknown id', '/ping/unknown-id-0000000000000'],
    ['a short id', '/ping/abc'],
    ['an unknown slug', '/ping/s/nope'],
    ['an exit code above 255', `/ping/${ID}/256`],
    ['an unknown action', `/ping/${ID}/finish`],
    ['extra path segments', `/ping/${ID}/start/again`],
    ['a missing slug', '/ping/s'],
  ])('answers %s with 404 and an empty body, storing nothing', async (_what, path) => {
    for (const method of ['GET', 'HEAD', 'POST']) {
      const response = await app.request(path, { method });
      expect(response.status).toBe(404);
      expect(await response.text()).toBe('');
    }
    expect(await store.countPings()).toBe(0);
  });

  it('refuses a flood from one id with 429 after the burst, without touching other ids, and refills with time', async () => {
    // A clock that stands still unless moved: the bucket refills by it, not by how fast this machine runs.
    let now = Date.now();
    const frozen = new PingIngest(config.heartbeats, store, { now: () => now });
    const limited = createApp({ config, store, registries: [], pings: { ingest: frozen, rate: { perSecond: 10, burst: 20 } } });
    const statuses = await Promise.all(Array.from({ length: 40 }, async () => (await limited.request(`/ping/${ID}`)).status));
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20);
    const refused = await limited.request(`/ping/${ID}`);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(await refused.text()).toBe('');
    expect((await limited.request(`/ping/${OTHER}`)).status).toBe(200);
    now += 200; // two tokens
    expect((await limited.request(`/ping/${ID}`)).status).toBe(200);
    expect((await limited.request(`/ping/${ID}`)).status).toBe(200);
    expect((await limited.request(`/ping/${ID}`)).status).toBe(429);
    await frozen.close();
    expect(await store.countPings()).toBe(23);
  });

  it('records the source address over a real socket, and many concurrent pings share batches', async () => {
    const wide = createApp({ config, store, registries: [], pings: { ingest, rate: { perSecond: 10_000, burst: 10_000 } } });
    const server = await listen(wide, '127.0.0.1', 0);
    try {
      const statuses = await Promise.all(
        Array.from({ length: 200 }, (_, i) => request(`${server.url}/ping/${i % 2 ? ID : OTHER}`, { method: i % 3 ? 'GET' : 'POST', body: i % 3 ? undefined : `run ${i}` }).then(async (r) => {
          await r.body.dump();
          return r.statusCode;
        })),
      );
      expect(statuses.every((s) => s === 200)).toBe(true);
      expect(await store.countPings()).toBe(200);
      expect((await lastPing())!.sourceIp).toMatch(/127\.0\.0\.1/);
      const head = await request(`${server.url}/ping/${ID}`, { method: 'HEAD' });
      await head.body.dump();
      expect(head.statusCode).toBe(200);
      const missing = await request(`${server.url}/ping/does-not-exist-000000`);
      expect(missing.statusCode).toBe(404);
      expect(await missing.body.text()).toBe('');
    } finally {
      await server.close();
    }
  });
});
