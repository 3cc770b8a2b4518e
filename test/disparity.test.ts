import { mkdtempSync, rmSync } from 'node:fs';
import { apiToken, requestWithToken } from './support/auth';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/validate';
import { startDemoShops } from '../src/demo-shop';
import { silentLogger } from '../src/log/logger';
import { startMonitor, type Monitor } from '../src/monitor/monitor';
import { startReceiver, type Receiver } from '../src/notify/channels/shared/test-receiver';
import { openSqliteStore } from '../src/store/sqlite';
import type { Store } from '../src/store/ports';
import { untilWithin } from './support/until';
import { createApp } from '../src/server/app';
import { renderComparison } from '../src/cli/compare';
import type { Comparison } from '../src/monitor/disparity-comparison';
import { describeDisparity } from '../src/evaluate/disparity';

/**
 * The demo store's two deployments watched by a real monitor (temp SQLite,
 * a local webhook receiver): faults on the backup only must show up as
 * disparities, reach the channel as alerts with both values, and clear.
 */
const until = untilWithin(20_000);
let shops: Awaited<ReturnType<typeof startDemoShops>>;
let hook: Receiver;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  shops = await startDemoShops({ productCount: 100 });
  hook = await startReceiver();
});
afterAll(async () => {
  await hook.close();
  await shops.close();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  shops.primary.resetFaults();
  shops.backup.resetFaults();
  hook.requests.length = 0;
});

async function setUp(dataDir = mkdtempSync(join(tmpdir(), 'vigil-disparity-')), clock = { offset: 0 }, disparity?: Record<string, unknown>) {
  const { config, problems } = resolveConfig(
    {
      site: { name: 'Disparity test' },
      deployments: [
        { name: 'production', baseUrl: shops.primary.url, role: 'primary' },
        { name: 'backup', baseUrl: shops.backup.url, role: 'backup' },
      ],
      pageTypes: { product: { paths: ['/products/weekend-cotton-turtleneck'] } },
      defaults: { interval: '10s', timeout: '2s' },
      checks: [
        {
          name: 'product',
          kind: 'http',
          pageType: 'product',
          assertions: [{ status: 200 }],
          extract: [
            { name: 'price', selector: '[data-testid=price]', normalise: ['currency'] },
            { name: 'title', selector: '[data-testid=product-title]', normalise: ['whitespace'] },
          ],
        },
        { name: 'build', kind: 'http', path: '/api/build', extract: [{ name: 'build id', jsonPath: '$.buildId' }] },
      ],
      channels: [{ name: 'hook', kind: 'webhook', url: `${hook.url}/vigil`, secret: 'a-long-shared-secret-123' }],
      storage: { dataDir },
      ...(disparity ? { disparity } : {}),
    },
    join(dataDir, 'vigil.yaml'),
  );
  expect(problems).toEqual([]);
  const store: Store = await openSqliteStore({ dataDir });
  const monitor: Monitor = await startMonitor({ config: config!, store, log: silentLogger(), now: () => Date.now() + clock.offset, startupSpreadMs: 100 });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await monitor.stop();
    await store.close();
  };
  cleanups.push(stop);
  if (clock.offset === 0) cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  /** Moves the monitor's clock one interval at a time, letting due checks and deliveries run at each. */
  const advance = async (ms: number, step = 10_000) => {
    for (let moved = 0; moved < ms; moved += step) {
      clock.offset += step;
      monitor.scheduler.poke();
      monitor.dispatcher.poke();
      await new Promise((resolve) => setTimeout(resolve, 150));
      await monitor.writer.flush();
    }
  };
  /** Advances until `probe` holds. */
  const advanceUntil = <T>(probe: () => Promise<T | undefined | false>, what: string, ms?: number) =>
    until(
      async () => {
        const value = await probe();
        if (value === undefined || value === false) await advance(10_000);
        return value;
      },
      what,
      ms,
    );
  return { store, monitor, advance, advanceUntil, stop, dataDir, clock, config: config! };
}

type Setup = Awaited<ReturnType<typeof setUp>>;
const raised = async (s: Setup) => (await s.store.listDisparities()).filter((d) => d.raisedAt !== undefined);
const sent = (event: string) => hook.requests.filter((r) => (r.body as { event?: string }).event === event);
const firstResults = (s: Setup) => until(() => s.monitor.pipeline.healthOf('build', 'backup')?.state === 'up' && s.monitor.pipeline.healthOf('product', 'production')?.state === 'up', 'first results');

describe('disparities between production and its backup', () => {
  it('a price mismatch on the backup raises a content disparity naming both prices, alerts the webhook, survives a restart and clears after the fault is reset', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vigil-disparity-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const clock = { offset: 0 };
    let s = await setUp(dataDir, clock);
    await firstResults(s);
    expect(await s.store.listDisparities()).toEqual([]);

    shops.backup.setFaults({ priceDelta: 10 });
    const [disparity] = await s.advanceUntil(async () => {
      const list = await raised(s);
      return list.length > 0 ? list : undefined;
    }, 'a raised disparity');
    expect(disparity).toMatchObject({ checkId: 'product', kind: 'content', subject: 'price', suspect: 'backup', reference: 'production', referenceValue: '$235.00', suspectValue: '$245.00' });
    expect(await raised(s)).toHaveLength(1);

    const backupOpened = () => sent('incident.opened').filter((r) => (r.body as { incident: { deployment: string } }).incident.deployment === 'backup');
    const [opened] = await s.advanceUntil(async () => (backupOpened().length > 0 ? backupOpened() : undefined), 'the alert on the webhook');
    const body = opened!.body as { text: string; incident: { deployment: string }; affected: { checkId: string }[] };
    expect(body.incident.deployment).toBe('backup');
    expect(body.affected.map((a) => a.checkId)).toEqual(['disparity:product']);
    expect(body.text).toContain('price on product: production $235.00 vs backup $245.00');
    const [incident] = await s.store.listIncidents({ status: 'unresolved' });
    expect(incident!.members.map((m) => [m.checkId, m.lastError])).toEqual([['disparity:product', 'price on product: production $235.00 vs backup $245.00']]);
    // The results carry the extracted values.
    const [latest] = await s.store.listResults({ checkId: 'product', deployment: 'backup', limit: 1 });
    expect(latest!.details?.extracted).toEqual({ price: '$245.00', title: 'Weekend Cotton Turtleneck' });

    // Side by side, from the API and in the terminal.
    const app = createApp({ config: s.config, store: s.store, registries: [] });
    const request = requestWithToken(app, await apiToken(s.store, 'read'));
    const response = await request('/api/v1/compare?window=1h&check=product');
    expect(response.status).toBe(200);
    const comparison = (await response.json()) as Comparison;
    expect(comparison.groups.map((g) => g.pageType)).toEqual(['product']);
    const [row] = comparison.groups[0]!.checks;
    expect(row!.deployments.map((d) => [d.deployment, d.state, d.extracted.price])).toEqual([['production', 'up', '$235.00'], ['backup', 'up', '$245.00']]);
    expect(row!.deployments[0]!.latency.p50Ms).toBeGreaterThan(0);
    expect(row!.deployments[0]!.uptime).toBe(1);
    expect(row!.disparities.map(describeDisparity)).toEqual(['price on product: production $235.00 vs backup $245.00']);
    expect(renderComparison(comparison)).toMatch(/≠ content disparity: price on product: production \$235\.00 vs backup \$245\.00/);
    expect((await request('/api/v1/compare?window=soon')).status).toBe(400);
    expect((await request('/api/v1/compare?check=nope')).status).toBe(404);

    // A restart keeps the disparity and sends nothing again.
    await s.stop();
    s = await setUp(dataDir, clock);
    expect((await raised(s)).map((d) => d.subject)).toEqual(['price']);
    await s.advance(30_000);
    expect(sent('incident.opened')).toHaveLength(1);
    expect((await raised(s)).map((d) => d.subject)).toEqual(['price']);

    shops.backup.resetFaults();
    await s.advanceUntil(async () => (await s.store.listDisparities()).length === 0, 'the disparity to clear');
    await s.advanceUntil(async () => sent('incident.resolved').length > 0, 'the resolution on the webhook');
    expect((await s.store.getIncident(incident!.id))!.status).toBe('resolved');
    expect(sent('incident.opened')).toHaveLength(1);
  });

  it('a stale build id on the backup raises a content disparity', async () => {
    const s = await setUp();
    await firstResults(s);
    shops.backup.setFaults({ buildId: 'old' });
    const list = await s.advanceUntil(async () => {
      const found = await raised(s);
      return found.length > 0 ? found : undefined;
    }, 'a raised disparity');
    expect(list.map((d) => [d.checkId, d.kind, d.subject, d.suspect, d.referenceValue, d.suspectValue])).toEqual([['build', 'content', 'build id', 'backup', 'build-2026.11.25-1', 'old']]);
    await s.advanceUntil(async () => sent('incident.opened').length > 0, 'the alert');
    expect((sent('incident.opened')[0]!.body as { text: string }).text).toContain('build id on build: production build-2026.11.25-1 vs backup old');
  });

  it('a 500 on the backup only is a status disparity with the backup as suspect; on both it is not a disparity', async () => {
    const s = await setUp();
    await firstResults(s);
    shops.backup.setFaults({ errorStatus: 500 });
    const list = await s.advanceUntil(async () => {
      const found = (await raised(s)).filter((d) => d.kind === 'status');
      return found.length === 2 ? found : undefined;
    }, 'status disparities on both checks');
    for (const d of list) expect(d).toMatchObject({ suspect: 'backup', reference: 'production', referenceValue: 'passes' });
    expect(list.find((d) => d.checkId === 'product')!.suspectValue).toMatch(/^fails \(status 500/);
    // Content is not compared against an error page.
    expect((await raised(s)).filter((d) => d.kind === 'content')).toEqual([]);
    // The backup's own failing checks page; the status disparity is context, not a second alert.
    const incidents = await s.store.listIncidents({ status: 'all' });
    expect(incidents.flatMap((i) => i.members.map((m) => m.checkId)).filter((id) => id.startsWith('disparity:'))).toEqual([]);

    shops.primary.setFaults({ errorStatus: 500 });
    await s.advanceUntil(async () => (await raised(s)).length === 0, 'every deployment failing is the site, not a disparity');
  });

  it('a backup that stays several times slower than production raises a latency disparity naming both medians', async () => {
    const s = await setUp(undefined, undefined, { sustainedFor: '30s', latencyWindow: '1m', latencyMinDifference: '300ms' });
    await firstResults(s);
    shops.backup.setFaults({ slow: { product: 700 } });
    const [latency] = await s.advanceUntil(async () => {
      const found = (await raised(s)).filter((d) => d.kind === 'latency');
      return found.length > 0 ? found : undefined;
    }, 'a latency disparity', 40_000);
    expect(latency).toMatchObject({ checkId: 'product', suspect: 'backup', reference: 'production' });
    expect(describeDisparity(latency!)).toMatch(/^latency on product: production \d+ ms median vs backup [7-9]\d\d ms median \(\d+\.\dx\)$/);
    // Filtered: on a loaded machine the advanced clock can also trip the scheduler watchdog ("vigil:scheduler").
    const latencyAlerts = () => sent('incident.opened').filter((r) => /latency on product/.test((r.body as { text: string }).text));
    await s.advanceUntil(async () => latencyAlerts().length > 0, 'the alert');
    expect((latencyAlerts()[0]!.body as { text: string }).text).toMatch(/latency on product: production \d+ ms median vs backup/);
  });

  it('a check ignored after a restart leaves no disparity open: its alert resolves', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'vigil-disparity-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const clock = { offset: 0 };
    let s = await setUp(dataDir, clock);
    await firstResults(s);
    shops.backup.setFaults({ priceDelta: 10 });
    await s.advanceUntil(async () => sent('incident.opened').length > 0, 'the alert');
    await s.stop();

    s = await setUp(dataDir, clock, { ignore: ['product'] });
    expect(await s.store.listDisparities()).toEqual([]);
    await s.advanceUntil(async () => sent('incident.resolved').length > 0, 'the resolution');
    expect(await s.store.listIncidents({ status: 'unresolved' })).toEqual([]);
  });
});
