import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/validate';
import type { VigilConfig } from '../src/config/model';
import { startDemoShops } from '../src/demo-shop';
import { silentLogger } from '../src/log/logger';
import { startMonitor, type Monitor } from '../src/monitor/monitor';
import { startReceiver, type Receiver } from '../src/notify/channels/shared/test-receiver';
import { verifyWebhookSignature } from '../src/notify/channels/webhook/signature';
import { runAction } from '../src/remediate/run-action';
import { openSqliteStore } from '../src/store/sqlite';
import type { Store } from '../src/store/ports';
import { untilWithin } from './support/until';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const until = untilWithin(20_000);
const secret = 'failover-endpoint-secret-42';

/**
 * The demo store's two deployments watched by a real monitor and SQLite
 * store, with a failover action whose webhook provider points at a local fake
 * endpoint. The monitor's clock is ours (`advance`); real time carries the I/O.
 */
async function setUp(extra: { action?: Record<string, unknown>; policy?: Record<string, unknown>; maintenance?: unknown[] } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-remediation-'));
  const shops = await startDemoShops({ productCount: 50 });
  const endpoint = await startReceiver();
  cleanups.push(() => shops.close(), () => endpoint.close(), () => rmSync(dataDir, { recursive: true, force: true }));
  const { config, problems } = resolveConfig(
    {
      site: { name: 'Remediation test' },
      deployments: [
        { name: 'production', baseUrl: shops.primary.url, role: 'primary' },
        { name: 'backup', baseUrl: shops.backup.url, role: 'backup' },
      ],
      pageTypes: { home: { paths: ['/'] }, product: { paths: ['/products/weekend-cotton-turtleneck'] } },
      defaults: { interval: '60s', timeout: '2s' },
      checks: [
        { name: 'home', kind: 'http', pageType: 'home', assertions: [{ status: 200 }] },
        { name: 'product', kind: 'http', pageType: 'product', assertions: [{ status: 200 }] },
      ],
      actions: [
        { name: 'failover-to-backup', kind: 'failover', deployment: 'production', toDeployment: 'backup', provider: { kind: 'webhook', url: `${endpoint.url}/switch`, secret }, timeout: '2s', ...extra.action },
      ],
      remediation: { policies: [{ name: 'auto-failover', action: 'failover-to-backup', when: { deployment: 'production', downFor: '2m' }, ...extra.policy }], recheckAfter: '100ms' },
      maintenance: extra.maintenance ?? [],
      storage: { dataDir },
    },
    join(dataDir, 'vigil.yaml'),
  );
  expect(problems).toEqual([]);
  const store: Store = await openSqliteStore({ dataDir });
  let offset = 0;
  const monitor: Monitor = await startMonitor({ config: config!, store, log: silentLogger(), now: () => Date.now() + offset, startupSpreadMs: 100 });
  cleanups.push(async () => {
    await monitor.stop();
    await store.close();
  });
  const advance = async (ms: number, step = 10_000) => {
    for (let moved = 0; moved < ms; moved += step) {
      offset += step;
      monitor.scheduler.poke();
      monitor.dispatcher.poke();
      await new Promise((resolve) => setTimeout(resolve, 150));
      await monitor.writer.flush();
    }
  };
  // A frozen backup shows as maintenance, not up.
  await until(() => ['up', 'maintenance'].includes(monitor.pipeline.healthOf('product', 'backup')?.state ?? '') && monitor.pipeline.healthOf('product', 'production')?.state === 'up', 'first results');
  return { shops, endpoint, store, monitor, advance, config: config as VigilConfig, now: () => Date.now() + offset };
}

type Setup = Awaited<ReturnType<typeof setUp>>;

async function productionIncident(s: Setup) {
  return until(async () => (await s.store.listIncidents({ status: 'unresolved', deployment: 'production' }))[0], 'the production incident');
}

async function attemptsWith(s: Setup, status: string, count = 1) {
  return until(async () => {
    const attempts = (await s.store.listAttempts()).filter((a) => a.status === status);
    return attempts.length >= count ? attempts : undefined;
  }, `${count} ${status} attempt(s)`);
}

describe('failover under a policy', () => {
  it('production 500s with the backup green: fails over once, signed, and records the re-check', async () => {
    const s = await setUp();
    s.shops.primary.setFaults({ errorStatus: 500 });
    await s.advance(90_000);
    const incident = await productionIncident(s);
    // Confirmed down for less than 2 minutes: nothing yet.
    expect(s.endpoint.requests).toHaveLength(0);
    await s.advance(150_000);
    await until(() => s.endpoint.requests.length > 0, 'the failover request');
    const request = s.endpoint.requests[0]!;
    expect(request).toMatchObject({ method: 'POST', path: '/switch' });
    expect(verifyWebhookSignature(request.raw, String(request.headers['x-vigil-timestamp']), String(request.headers['x-vigil-signature']), secret)).toBe(true);
    expect(request.body).toMatchObject({
      event: 'action.failover',
      kind: 'failover',
      action: 'failover-to-backup',
      target: { deployment: 'production', toDeployment: 'backup' },
      incident: { id: incident.id },
      actor: 'policy:auto-failover',
    });

    const [attempt] = await until(async () => {
      const attempts = await s.store.listAttempts({ incidentId: incident.id });
      return attempts[0]?.recheck && attempts[0].recheck.status !== 'pending' ? attempts : undefined;
    }, 'the recorded re-check');
    expect(attempt).toMatchObject({ status: 'succeeded', trigger: 'policy', policy: 'auto-failover', actor: 'policy:auto-failover', output: 'webhook answered 200' });
    // The demo's production URL still serves 500s (nothing really switched it): the re-check says so.
    expect(attempt!.recheck).toMatchObject({ status: 'not_helped', deployments: [{ deployment: 'production', passed: 0, failed: 2 }, { deployment: 'backup', passed: 2, failed: 0 }] });
    const timeline = (await s.store.timeline(incident.id)).filter((e) => e.type === 'action').map((e) => e.message);
    expect(timeline).toEqual([
      `failover-to-backup started by policy:auto-failover: switch production to backup via webhook (attempt #${attempt!.id})`,
      'failover-to-backup succeeded: webhook answered 200',
      expect.stringMatching(/^re-check 0s after failover-to-backup .*did not help: production 0\/2 checks pass \(failing: home, product\); backup 2\/2 checks pass$/),
    ]);

    // Later ticks and a person without --force do not run it again for this incident.
    await s.advance(120_000);
    const again = await runAction({ config: s.config, store: s.store, action: 'failover-to-backup', trigger: 'cli', actor: 'cli:alice', now: s.now });
    expect(again.decision).toMatchObject({ verdict: 'refused', code: 'already_ran' });
    expect(again.attempt?.reason).toMatch(/already ran for incident #\d+ \(attempt #\d+ by policy:auto-failover, succeeded\)/);
    expect(s.endpoint.requests).toHaveLength(1);
    const forced = await runAction({ config: s.config, store: s.store, action: 'failover-to-backup', trigger: 'cli', actor: 'cli:alice', force: true, now: s.now });
    expect(forced.attempt?.status).toBe('succeeded');
    await forced.recheck;
    expect(s.endpoint.requests).toHaveLength(2);
  });

  it('with the backup failing too: refuses, naming the backup checks that fail, once; fails over when it is green again', async () => {
    const s = await setUp();
    s.shops.primary.setFaults({ errorStatus: 500 });
    s.shops.backup.setFaults({ errorStatus: 503, errorPageTypes: ['product'] });
    await s.advance(300_000);
    const [refusal] = await attemptsWith(s, 'refused');
    expect(refusal!.reason).toBe('backup is not green: product (down: status 503, expected status equals 200); refusing to switch to it');
    await s.advance(60_000);
    expect((await s.store.listAttempts()).filter((a) => a.status === 'refused')).toHaveLength(1);
    expect(s.endpoint.requests).toHaveLength(0);
    const incident = await productionIncident(s);
    expect((await s.store.timeline(incident.id)).some((e) => e.type === 'action' && e.message.includes('refused (asked by policy:auto-failover): backup is not green'))).toBe(true);

    // Once the backup is green again, the policy (still due) fails over.
    s.shops.backup.resetFaults();
    await s.advance(150_000);
    await until(() => s.endpoint.requests.length === 1, 'the failover once the backup recovered');
    expect((await s.store.listAttempts({ incidentId: incident.id })).map((a) => a.status)).toEqual(['succeeded', 'refused']);
  });

  it('a freeze window refuses', async () => {
    const s = await setUp({ maintenance: [{ name: 'peak freeze', kind: 'freeze', from: '2020-01-01T00:00:00Z', to: '2099-01-01T00:00:00Z', deployments: ['backup'] }] });
    s.shops.primary.setFaults({ errorStatus: 500 });
    await s.advance(300_000);
    const [refusal] = await attemptsWith(s, 'refused');
    expect(refusal!.reason).toBe('freeze window "peak freeze" is active; remediation is frozen');
    expect(s.endpoint.requests).toHaveLength(0);
  });

  it('requireConfirmation makes the policy wait for a person', async () => {
    const s = await setUp({ action: { requireConfirmation: true } });
    s.shops.primary.setFaults({ errorStatus: 500 });
    await s.advance(300_000);
    const [waiting] = await attemptsWith(s, 'awaiting_confirmation');
    expect(waiting!.reason).toMatch(/requires confirmation: run `vigil failover --incident \d+ --action failover-to-backup --yes`/);
    await s.advance(60_000);
    expect(s.endpoint.requests).toHaveLength(0);
    expect((await s.store.listAttempts()).filter((a) => a.status === 'awaiting_confirmation')).toHaveLength(1);
    const confirmed = await runAction({ config: s.config, store: s.store, action: 'failover-to-backup', incidentId: waiting!.incidentId, trigger: 'cli', actor: 'cli:alice', confirmed: true, now: s.now });
    expect(confirmed.attempt?.status).toBe('succeeded');
    await confirmed.recheck;
    expect(s.endpoint.requests).toHaveLength(1);
  });

  it('a provider answering 500 records a failed attempt, and the monitor keeps running', async () => {
    const s = await setUp();
    s.endpoint.reply({ status: 500, body: 'load balancer API down' });
    s.shops.primary.setFaults({ errorStatus: 500 });
    await s.advance(300_000);
    const [failed] = await attemptsWith(s, 'failed');
    expect(failed!.reason).toBe('Action webhook answered 500 to POST /switch: load balancer API down');
    const incident = await productionIncident(s);
    expect((await s.store.timeline(incident.id)).some((e) => e.message === `failover-to-backup failed: ${failed!.reason}`)).toBe(true);
    // Not retried by the policy, and checks go on: production recovers and its incident resolves.
    s.shops.primary.resetFaults();
    await s.advance(180_000);
    await until(async () => (await s.store.getIncident(incident.id))?.status === 'resolved', 'the incident to resolve');
    expect(s.endpoint.requests).toHaveLength(1);
  });
});
