import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/validate';
import { PingIngest } from '../src/heartbeats/ingest';
import { stalledTargets } from '../src/heartbeats/scheduler-watchdog';
import { silentLogger } from '../src/log/logger';
import { startMonitor } from '../src/monitor/monitor';
import { startReceiver, type Receiver } from '../src/notify/channels/shared/test-receiver';
import { createApp } from '../src/server/app';
import { openSqliteStore } from '../src/store/sqlite';
import { untilWithin } from './support/until';

const ID = 'nightly-job-000000000000';
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const until = untilWithin(10_000);

async function setUp(raw: Record<string, unknown>) {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-heartbeat-alerts-'));
  const hook = await startReceiver();
  cleanups.push(() => hook.close(), () => rmSync(dataDir, { recursive: true, force: true }));
  const { config, problems } = resolveConfig(
    {
      site: { name: 'Heartbeat test' },
      deployments: [{ name: 'production', baseUrl: hook.url }],
      channels: [{ name: 'hook', kind: 'webhook', url: `${hook.url}/vigil`, secret: 'a-long-shared-secret-123' }],
      storage: { dataDir },
      ...raw,
    },
    join(dataDir, 'vigil.yaml'),
  );
  expect(problems).toEqual([]);
  const store = await openSqliteStore({ dataDir });
  let offset = 0;
  const clock = () => Date.now() + offset;
  const monitor = await startMonitor({ config: config!, store, log: silentLogger(), now: clock, startupSpreadMs: 100 });
  const ingest = new PingIngest(config!.heartbeats, store, { now: clock });
  const app = createApp({ config: config!, store, registries: [], pings: { ingest } });
  cleanups.push(async () => {
    await ingest.close();
    await monitor.stop();
    await store.close();
  });
  return { config: config!, store, monitor, app, hook, clock, advance: (ms: number) => (offset += ms) };
}

const events = (receiver: Receiver) => receiver.requests.map((r) => (r.body as { event?: string }).event);

describe('heartbeats alert through the same pipeline as checks', () => {
  it('a heartbeat missing its period twice opens an incident the webhook receives; pings resolve it', async () => {
    const s = await setUp({
      heartbeats: [{ name: 'nightly export', id: ID, period: '1m', grace: '30s', runbook: 'https://wiki.example.com/runbooks/export' }],
      alerting: { confirmation: { failuresToConfirm: 2 } },
    });
    expect((await s.app.request(`/ping/${ID}`)).status).toBe(200);
    expect(await s.monitor.heartbeats.tick(s.clock())).toBe(1);
    expect(s.monitor.pipeline.healthOf('heartbeat:nightly export', 'heartbeats')?.state).toBe('up');

    s.advance(91_000); // first missed run
    expect(await s.monitor.heartbeats.tick(s.clock())).toBe(1);
    expect(await s.monitor.heartbeats.tick(s.clock())).toBe(0); // the same miss is fed once
    expect(await s.store.listIncidents({ status: 'all' })).toHaveLength(0);

    s.advance(60_000); // second missed run: confirmed by the policy
    expect(await s.monitor.heartbeats.tick(s.clock())).toBe(1);
    const [incident] = await s.store.listIncidents({ status: 'unresolved' });
    expect(incident).toMatchObject({ deployment: 'heartbeats', severity: 'critical', runbookUrl: 'https://wiki.example.com/runbooks/export' });
    expect(incident!.members[0]).toMatchObject({ checkId: 'heartbeat:nightly export' });
    expect(incident!.members[0]!.lastError).toMatch(/expected 2 runs since/);
    s.monitor.dispatcher.poke();
    const opened = await until(() => s.hook.requests.find((r) => (r.body as { event: string }).event === 'incident.opened'), 'the webhook');
    expect(JSON.stringify(opened.body)).toMatch(/heartbeat:nightly export/);

    for (let i = 0; i < 2; i++) {
      s.advance(1_000);
      expect((await s.app.request(`/ping/${ID}`, { method: 'POST', body: 'ok' })).status).toBe(200);
      await s.monitor.heartbeats.tick(s.clock());
    }
    expect((await s.store.getIncident(incident!.id))?.status).toBe('resolved');
    s.monitor.dispatcher.poke();
    await until(() => events(s.hook).includes('incident.resolved'), 'the recovery notice');
    expect(events(s.hook).filter((e) => e === 'incident.opened')).toHaveLength(1);
  });

  it('a failure ping counts as a failed run at once', async () => {
    const s = await setUp({ heartbeats: [{ name: 'deploy job', id: ID, period: '1h' }], alerting: { confirmation: { failuresToConfirm: 1 } } });
    expect((await s.app.request(`/ping/${ID}/1`, { method: 'POST', body: 'error: migration failed' })).status).toBe(200);
    await s.monitor.heartbeats.tick(s.clock());
    const [incident] = await s.store.listIncidents({ status: 'unresolved' });
    expect(incident!.members[0]!.lastError).toBe('the job exited with code 1: error: migration failed');
  });

  it('a check target that has not started for 3 intervals raises "monitoring is stalled"', async () => {
    const s = await setUp({ checks: [{ name: 'home', kind: 'http', path: '/', interval: '10s', timeout: '1s' }] });
    await until(() => s.monitor.scheduler.lastStartOf('home|production'), 'the first run');
    await s.monitor.scheduler.stop(1_000); // the scheduler stalls; the rest of Vigil goes on
    await s.monitor.watchdog.tick(s.clock());
    expect(s.monitor.watchdog.lastStalled).toEqual([]);
    // Stalled from 30 s on; the default policy confirms after 3 failed watchdog runs, 10 s apart.
    for (let i = 0; i < 6; i++) {
      s.advance(11_000);
      await s.monitor.watchdog.tick(s.clock());
    }
    expect(s.monitor.watchdog.lastStalled.map((t) => t.key)).toEqual(['home|production']);
    const [incident] = await s.store.listIncidents({ status: 'unresolved' });
    expect(incident).toMatchObject({ deployment: 'vigil', title: 'vigil is down: vigil:scheduler' });
    expect(incident!.members[0]!.lastError).toMatch(/^monitoring is stalled: 1 target not run for 3 intervals: home\|production/);
    s.monitor.dispatcher.poke();
    await until(() => events(s.hook).includes('incident.opened'), 'the alert');
  });

  it('counts a never-started target from when the monitor started', () => {
    const targets = [{ key: 'a', intervalMs: 10_000 }, { key: 'b', intervalMs: 60_000 }];
    const last = new Map([['a', 1_000]]);
    expect(stalledTargets(targets, (k) => last.get(k), 0, 30_000)).toEqual([]);
    expect(stalledTargets(targets, (k) => last.get(k), 0, 31_001).map((t) => t.key)).toEqual(['a']);
    expect(stalledTargets(targets, (k) => last.get(k), 0, 180_001).map((t) => t.key)).toEqual(['a', 'b']);
  });
});
