import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckDetail, GridPage, HeartbeatInfo, MaintenanceInfo, DeploymentStatus, Series, UptimeBar } from '../src/server/api/contract';
import { HEARTBEAT_ID, health, openFixture, result, writeArtifact, type Fixture } from './api-fixture';

let f: Fixture;
const DAY = 86_400_000;
const now = Date.now();
const parka = 'product page [/products/parka]';
const boots = 'product page [/products/boots]';
const HISTORY = now - 2 * DAY + 10 * 60_000;

const get = async <T>(path: string, status = 200): Promise<T> => {
  const response = await f.app.request(path);
  expect(response.status, `${path}: ${await response.clone().text()}`).toBe(status);
  return (await response.json()) as T;
};

beforeAll(async () => {
  f = await openFixture();
  // History first, oldest first: two days ago home page failed one run of four.
  // Ten minutes inside the 48 h window, so the minute the request rounds its window to cannot cut them off.
  const history = [0, 1, 2, 3].map((i) => result('home page', 'production', HISTORY + i * 60_000, i !== 1));
  await f.store.insertResults(history);
  await f.store.insertResults([
    result('home page', 'production', now - 30_000, true),
    result('home page', 'backup', now - 30_000, false),
    result(parka, 'production', now - 20_000, false),
    result(boots, 'production', now - 20_000, false),
    result('checkout page', 'production', now - 10_000, true, { durationMs: 2_500 }),
    result('checkout page', 'backup', now - 10_000, true),
  ]);
  await f.store.writeAlerts({
    health: [
      { checkId: 'home page', deployment: 'production', health: health('up') },
      { checkId: parka, deployment: 'production', health: health('down', { consecutiveFailures: 3 }) },
      { checkId: boots, deployment: 'production', health: health('up', { consecutiveFailures: 1 }) },
      { checkId: 'checkout page', deployment: 'production', health: health('degraded') },
      { checkId: 'checkout page', deployment: 'backup', health: health('up') },
    ],
    incidents: [],
    timeline: [],
    outbox: [],
  });
  await f.store.writePings([{ heartbeatId: HEARTBEAT_ID, at: now - 60_000, kind: 'success', truncated: false, method: 'POST' }], [
    { heartbeatId: HEARTBEAT_ID, watchedSince: now - DAY, lastPingAt: now - 60_000, lastSuccessAt: now - 60_000, openRuns: {}, pings: 1 },
  ]);
});
afterAll(async () => f.close());

describe('GET /api/v1/grid', () => {
  it('shows every cell with its state: confirmed health, maintenance, confirming, no data', async () => {
    const grid = await get<GridPage>('/api/v1/grid');
    expect(grid.total).toBe(4);
    expect(grid.deployments.map((d) => d.name)).toEqual(['production', 'backup']);
    const cell = (id: string, deployment: string) => grid.rows.find((row) => row.checkId === id)!.cells[deployment]!;
    expect(cell('home page', 'production').state).toBe('up');
    expect(cell('home page', 'backup').state).toBe('maintenance');
    expect(cell(parka, 'production')).toMatchObject({ state: 'down', error: expect.stringContaining('status 503') });
    expect(cell(boots, 'production').state).toBe('confirming');
    expect(cell(boots, 'backup')).toMatchObject({ state: 'unknown', lastRunAt: null });
    expect(cell('checkout page', 'production')).toMatchObject({ state: 'degraded', durationMs: 2500 });
    expect(grid.counts).toEqual({ up: 2, degraded: 1, confirming: 1, down: 1, maintenance: 1, unknown: 2 });
    expect(grid.facets).toEqual({ tags: ['catalog', 'checkout', 'storefront'], pageTypes: ['checkout', 'home', 'product'], kinds: ['http'] });
  });

  it('filters on the server by tag, page type, kind, state, deployment and search', async () => {
    expect((await get<GridPage>('/api/v1/grid?tag=catalog')).rows.map((r) => r.checkId)).toEqual([parka, boots]);
    expect((await get<GridPage>('/api/v1/grid?pageType=checkout')).total).toBe(1);
    expect((await get<GridPage>('/api/v1/grid?kind=dns')).total).toBe(0);
    const down = await get<GridPage>('/api/v1/grid?state=down');
    expect(down.rows.map((r) => r.checkId)).toEqual([parka]);
    const backupUnknown = await get<GridPage>('/api/v1/grid?state=unknown&deployment=backup');
    expect(backupUnknown.total).toBe(2);
    expect(backupUnknown.counts).toEqual({ up: 0, degraded: 0, confirming: 0, down: 0, maintenance: 0, unknown: 2 });
    expect((await get<GridPage>('/api/v1/grid?q=BOOTS')).rows.map((r) => r.checkId)).toEqual([boots]);
    // The summary is searched too (`GET /checkout`).
    expect((await get<GridPage>('/api/v1/grid?q=%2Fcheckout')).total).toBe(1);
  });

  it('pages, with the total over every match', async () => {
    const second = await get<GridPage>('/api/v1/grid?page=2&pageSize=3');
    expect(second).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(second.rows.map((r) => r.checkId)).toEqual(['checkout page']);
  });

  it('refuses bad parameters with the field named', async () => {
    for (const [query, field] of [
      ['pageSize=201', 'pageSize'],
      ['page=0', 'page'],
      ['page=abc', 'page'],
      ['state=red', 'state'],
      ['deployment=staging', 'deployment'],
      ['pagesize=10', 'pagesize'],
      [`q=${'x'.repeat(300)}`, 'q'],
    ]) {
      const body = await get<{ error: string; field: string }>(`/api/v1/grid?${query}`, 400);
      expect(body.field).toBe(field);
      expect(body.error).toMatch(/expected/);
    }
  });
});

describe('GET /api/v1/checks/:id', () => {
  it('shows a check with its cells and uptime windows per deployment', async () => {
    const detail = await get<CheckDetail>('/api/v1/checks/home%20page');
    expect(detail.row.cells.backup!.state).toBe('maintenance');
    expect(detail.intervalMs).toBe(60_000);
    const week = detail.uptime.production!.find((u) => u.window === '7d')!;
    expect(week).toMatchObject({ runs: 5, failures: 1, ratio: 0.8 });
    expect(detail.uptime.production!.find((u) => u.window === '24h')).toMatchObject({ runs: 1, failures: 0 });
  });

  it('takes URL-encoded ids with slashes and brackets, and answers 404 for unknown ones', async () => {
    const detail = await get<CheckDetail>(`/api/v1/checks/${encodeURIComponent(parka)}`);
    expect(detail.row.cells.production!.state).toBe('down');
    expect((await get<{ field: string }>('/api/v1/checks/nothing', 404)).field).toBe('id');
  });

  it('serves minute series up to 48 h with http phases, hour series beyond', async () => {
    const day = await get<Series>('/api/v1/checks/home%20page/series?deployment=production&window=48h');
    expect(day.resolution).toBe('minute');
    expect(day.points.reduce((n, p) => n + p.runs, 0)).toBe(5);
    expect(day.points.at(-1)!.phases).toMatchObject({ dns: 2, firstByte: 80 });
    const month = await get<Series>('/api/v1/checks/home%20page/series?deployment=production&window=30d');
    expect(month.resolution).toBe('hour');
    expect(month.points.reduce((n, p) => n + p.failures, 0)).toBe(1);
    expect((await get<{ field: string }>('/api/v1/checks/home%20page/series?window=forever', 400)).field).toBe('window');
    expect((await get<{ field: string }>('/api/v1/checks/home%20page/series?deployment=nope', 400)).field).toBe('deployment');
  });

  it('gives daily uptime bars from hour rollups, oldest first', async () => {
    const bars = await get<UptimeBar[]>('/api/v1/checks/home%20page/uptime-bars?deployment=production&days=90');
    expect(bars).toHaveLength(90);
    expect(bars.at(-1)!.day).toBe(new Date(now).toISOString().slice(0, 10));
    // The four runs of two days ago may straddle midnight UTC: counted over the two days around it.
    const around = bars.filter((bar) => bar.day === new Date(HISTORY).toISOString().slice(0, 10) || bar.day === new Date(HISTORY + 3 * 60_000).toISOString().slice(0, 10));
    expect(around.reduce((n, b) => n + b.runs, 0)).toBe(4);
    expect(bars.reduce((n, b) => n + b.runs, 0)).toBe(5);
    expect(bars.reduce((n, b) => n + b.failures, 0)).toBe(1);
    expect(bars[0]).toMatchObject({ runs: 0, ratio: null });
    expect((await get<{ field: string }>('/api/v1/checks/home%20page/uptime-bars?days=0', 400)).field).toBe('days');
  });
});

describe('heartbeats, deployments, maintenance', () => {
  it('lists heartbeats with last ping and next expected run, and their pings', async () => {
    const { heartbeats } = await get<{ heartbeats: HeartbeatInfo[] }>('/api/v1/heartbeats');
    expect(heartbeats).toEqual([
      { name: 'nightly backup', state: 'up', lastPingAt: now - 60_000, lastPingKind: 'success', nextExpectedAt: now - 60_000 + 3_600_000, schedule: 'every 1h, grace 5m', tags: ['jobs'] },
    ]);
    const pings = await get<{ pings: Record<string, unknown>[] }>('/api/v1/heartbeats/nightly%20backup/pings?limit=5');
    expect(pings.pings).toHaveLength(1);
    expect(JSON.stringify(pings)).not.toContain(HEARTBEAT_ID);
    expect((await get<{ field: string }>('/api/v1/heartbeats/none/pings', 404)).field).toBe('name');
    expect((await get<{ field: string }>('/api/v1/heartbeats/nightly%20backup/pings?limit=5000', 400)).field).toBe('limit');
  });

  it('shows deployments side by side with counts and 24 h uptime', async () => {
    const { deployments } = await get<{ deployments: DeploymentStatus[] }>('/api/v1/deployments');
    const production = deployments.find((d) => d.name === 'production')!;
    expect(production).toMatchObject({ role: 'primary', provider: 'netlify', counts: { up: 1, down: 1, confirming: 1, degraded: 1, maintenance: 0, unknown: 0 } });
    expect(production.uptime24h).toBeCloseTo(2 / 4);
    expect(deployments.find((d) => d.name === 'backup')!.counts).toMatchObject({ maintenance: 1, up: 1, unknown: 2 });
  });

  it('lists maintenance windows with whether they are active', async () => {
    const { windows } = await get<{ windows: MaintenanceInfo[] }>('/api/v1/maintenance');
    expect(windows).toEqual([expect.objectContaining({ name: 'backup upgrade', kind: 'maintenance', activeNow: true, nextEnd: expect.any(Number) })]);
    expect(windows[0]!.description).toMatch(/deployments backup; checks home page/);
  });
});

describe('GET /api/v1/artifacts/*', () => {
  it('serves evidence with its content type and refuses paths out of the folder', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    writeArtifact(f.dataDir, 'checkout flow/2026-11-25T10-00-00-production/failure.png', png);
    writeArtifact(f.dataDir, 'checkout flow/2026-11-25T10-00-00-production/trace.zip', 'PK');
    const image = await f.app.request('/api/v1/artifacts/checkout%20flow/2026-11-25T10-00-00-production/failure.png');
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer())).toEqual(png);
    const zip = await f.app.request('/api/v1/artifacts/checkout%20flow/2026-11-25T10-00-00-production/trace.zip');
    expect(zip.headers.get('content-type')).toBe('application/zip');
    expect(zip.headers.get('content-disposition')).toMatch(/attachment/);

    // Dot segments written plainly are resolved by the URL parser before routing: they never reach the artifacts route.
    expect((await f.app.request('/api/v1/artifacts/%2e%2e/%2e%2e/vigil.db')).status).toBe(404);
    for (const path of ['..%2Fvigil.db', 'a/..%2F..%2Fvigil.db', '%2Fetc%2Fpasswd', 'a%5C..%5Cvigil.db', 'x%00.png']) {
      const refused = await f.app.request(`/api/v1/artifacts/${path}`);
      expect(refused.status, path).toBe(400);
      expect(((await refused.json()) as { field: string }).field).toBe('path');
    }
    expect((await f.app.request('/api/v1/artifacts/nothing.png')).status).toBe(404);
    // A symlink inside the folder that leads out of it is refused as well.
    const { symlinkSync } = await import('node:fs');
    const { join } = await import('node:path');
    symlinkSync(join(f.dataDir, 'vigil.db'), join(f.dataDir, 'artifacts', 'escape.png'));
    expect((await f.app.request('/api/v1/artifacts/escape.png')).status).toBe(400);
  });
});
