import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/validate';
import { startDemoShops } from '../src/demo-shop';
import { silentLogger } from '../src/log/logger';
import { startMonitor, type Monitor } from '../src/monitor/monitor';
import { startReceiver, type Receiver } from '../src/notify/channels/shared/test-receiver';
import { openSqliteStore } from '../src/store/sqlite';
import type { Store } from '../src/store/ports';
import { acknowledgeIncident } from '../src/incidents/actions';
import { untilWithin } from './support/until';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const until = untilWithin(15_000);

type Setup = Awaited<ReturnType<typeof setUp>>;

/**
 * The demo store watched by a real monitor with a real SQLite file, alerting
 * a Slack-format and a signed-webhook channel served by local receivers.
 * The monitor's clock is ours: `advance` moves it, real time only carries the I/O.
 */
async function setUp(
  dataDir = mkdtempSync(join(tmpdir(), 'vigil-alerting-')),
  existing?: { shops: Awaited<ReturnType<typeof startDemoShops>>; slack: Receiver; hook: Receiver; clockOffset(): number },
) {
  const shops = existing?.shops ?? (await startDemoShops({ productCount: 100 }));
  const slack = existing?.slack ?? (await startReceiver());
  const hook = existing?.hook ?? (await startReceiver());
  if (!existing) {
    cleanups.push(() => shops.close(), () => slack.close(), () => hook.close(), () => rmSync(dataDir, { recursive: true, force: true }));
  }
  const { config, problems } = resolveConfig(
    {
      site: { name: 'Alert test' },
      deployments: [
        { name: 'production', baseUrl: shops.primary.url, role: 'primary' },
        { name: 'backup', baseUrl: shops.backup.url, role: 'backup' },
      ],
      pageTypes: { home: { paths: ['/'] }, product: { paths: ['/products/weekend-cotton-turtleneck'], runbook: 'https://wiki.example.com/runbooks/product' } },
      defaults: { interval: '60s', timeout: '2s' },
      checks: [
        { name: 'home', kind: 'http', pageType: 'home', assertions: [{ status: 200 }] },
        { name: 'product', kind: 'http', pageType: 'product', assertions: [{ status: 200 }] },
      ],
      channels: [
        { name: 'ops-slack', kind: 'slack', webhookUrl: `${slack.url}/services/T000/B000/XXXX` },
        { name: 'hook', kind: 'webhook', url: `${hook.url}/vigil`, secret: 'a-long-shared-secret-123' },
      ],
      alerting: { publicUrl: 'https://vigil.example.com' },
      storage: { dataDir },
    },
    join(dataDir, 'vigil.yaml'),
  );
  expect(problems).toEqual([]);
  const store: Store = await openSqliteStore({ dataDir });
  // A restarted monitor goes on from the time its predecessor reached: clocks do not run backwards.
  let offset = existing?.clockOffset() ?? 0;
  const monitor: Monitor = await startMonitor({ config: config!, store, log: silentLogger(), now: () => Date.now() + offset, startupSpreadMs: 100 });
  const stop = async () => {
    await monitor.stop();
    await store.close();
  };
  cleanups.push(stop);
  /** Moves the monitor's clock in steps, letting due checks and deliveries run at each. */
  const advance = async (ms: number, step = 10_000) => {
    for (let moved = 0; moved < ms; moved += step) {
      offset += step;
      monitor.scheduler.poke();
      monitor.dispatcher.poke();
      await new Promise((resolve) => setTimeout(resolve, 150));
      await monitor.writer.flush();
    }
  };
  return { shops, slack, hook, store, monitor, advance, stop, dataDir, config: config!, clockOffset: () => offset };
}

const events = (receiver: Receiver) => receiver.requests.map((r) => (r.body as { event?: string }).event);

describe('from a failed run to the right people', () => {
  it('a backup outage opens one incident for all its failing checks, notifies both channels, and recovery resolves it', async () => {
    const s: Setup = await setUp();
    await until(() => s.monitor.pipeline.healthOf('product', 'backup')?.state === 'up', 'first results');

    s.shops.backup.setFaults({ errorStatus: 503 });
    await s.advance(90_000);
    const [incident] = await until(async () => {
      const open = await s.store.listIncidents({ status: 'unresolved' });
      return open.length > 0 && open[0]!.members.length === 2 ? open : undefined;
    }, 'one incident with both checks');
    expect(await s.store.listIncidents({ status: 'all' })).toHaveLength(1);
    // The product page's runbook comes with it, whichever check failed first.
    expect(incident).toMatchObject({ deployment: 'backup', severity: 'warning', status: 'open', runbookUrl: 'https://wiki.example.com/runbooks/product' });
    expect(incident!.title).toMatch(/^backup is down: (home, product|product, home)$/);

    await until(() => events(s.hook).includes('incident.opened') && s.slack.requests.length > 0, 'notifications on both channels');
    const opened = s.hook.requests.find((r) => (r.body as { event: string }).event === 'incident.opened')!;
    expect(opened.path).toBe('/vigil');
    expect(opened.headers['x-vigil-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(opened.body).toMatchObject({ version: 1, event: 'incident.opened', site: 'Alert test', incident: { deployment: 'backup', url: `https://vigil.example.com/incidents/${incident!.id}` } });
    expect(JSON.stringify(opened.body)).toMatch(/503/);
    const slackBody = s.slack.requests[0]!.body as { text: string; blocks: unknown[] };
    expect(slackBody.text).toMatch(/backup is down/);
    expect(slackBody.blocks.length).toBeGreaterThan(1);
    expect((await s.store.getIncident(incident!.id))!.firstNotifiedAt).toBeDefined();

    s.shops.backup.resetFaults();
    await s.advance(90_000);
    await until(async () => (await s.store.getIncident(incident!.id))?.status === 'resolved', 'auto-resolution');
    await until(() => events(s.hook).includes('incident.resolved'), 'the recovery notice');
    const timeline = (await s.store.timeline(incident!.id)).map((e) => e.type);
    expect(timeline).toEqual(expect.arrayContaining(['first_failure', 'confirmed', 'joined', 'notified', 'recovered', 'resolved']));
    // Nothing went out twice.
    const keys = s.hook.requests.map((r) => `${(r.body as { event: string }).event}`);
    expect(keys.filter((k) => k === 'incident.opened')).toHaveLength(1);
    expect(keys.filter((k) => k === 'incident.resolved')).toHaveLength(1);
  });

  it('a flapping deployment (1 request in 10 fails) opens no incident and sends nothing', async () => {
    const s = await setUp();
    await until(() => s.monitor.pipeline.healthOf('home', 'production')?.state === 'up', 'first results');
    s.shops.primary.setFaults({ flapEvery: 10 });
    await s.advance(20 * 60_000, 20_000);
    const failures = (await s.store.listResults({ deployment: 'production', failedOnly: true, limit: 100 })).length;
    expect(failures).toBeGreaterThan(0);
    expect(await s.store.listIncidents({ status: 'all' })).toHaveLength(0);
    expect(s.hook.requests).toHaveLength(0);
  });

  it('a channel that is down gets every notification after it recovers, none twice, and an acknowledgement reaches it too', async () => {
    const s = await setUp();
    await until(() => s.monitor.pipeline.healthOf('home', 'production')?.state === 'up', 'first results');
    s.hook.reply(...Array.from({ length: 4 }, () => ({ status: 503 })));
    s.shops.primary.setFaults({ errorStatus: 500 });
    await s.advance(60_000);
    const [incident] = await until(async () => {
      const open = await s.store.listIncidents({ status: 'unresolved' });
      return open.length > 0 ? open : undefined;
    }, 'the incident');
    expect(incident!.severity).toBe('critical');
    await until(() => s.hook.requests.length >= 2, 'failed deliveries');
    const pending = await s.store.listOutbox({ status: 'pending' });
    expect(pending.some((item) => item.channel === 'hook' && item.lastError?.includes('503'))).toBe(true);
    // Backoff is in the monitor's time: move it on until the receiver has answered 503 four times and then 200.
    await acknowledgeIncident(s.store, s.config, incident!.id, 'alice', Date.now());
    for (let i = 0; i < 30 && !(events(s.hook).filter((e) => e === 'incident.acknowledged').length > 0 && s.hook.requests.length >= 6); i++) await s.advance(60_000, 60_000);
    const delivered = s.hook.requests.slice(4).map((r) => (r.body as { event: string }).event);
    expect(delivered.filter((e) => e === 'incident.opened')).toHaveLength(1);
    expect(delivered.filter((e) => e === 'incident.acknowledged')).toHaveLength(1);
    expect((await s.store.listOutbox({ status: 'dead' }))).toHaveLength(0);
  });

  it('a restart in the middle of confirmation neither forgets the count nor sends twice', async () => {
    const first = await setUp();
    await until(() => first.monitor.pipeline.healthOf('home', 'backup')?.state === 'up', 'first results');
    first.shops.backup.setFaults({ errorStatus: 503 });
    await first.advance(60_000, 60_000);
    await until(() => (first.monitor.pipeline.healthOf('home', 'backup')?.consecutiveFailures ?? 0) >= 1, 'a first failure');
    expect(await first.store.listIncidents({ status: 'all' })).toHaveLength(0);
    await first.stop();

    const second = await setUp(first.dataDir, first);
    expect(second.monitor.pipeline.healthOf('home', 'backup')?.consecutiveFailures).toBeGreaterThanOrEqual(1);
    await second.advance(60_000);
    await until(async () => (await second.store.listIncidents({ status: 'unresolved' })).length === 1, 'the incident after restart');
    await until(() => events(first.hook).includes('incident.opened'), 'the notification');
    await second.advance(30_000);
    expect(events(first.hook).filter((e) => e === 'incident.opened')).toHaveLength(1);
  });
});
