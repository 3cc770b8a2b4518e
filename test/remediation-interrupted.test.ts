import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/validate';
import type { Incident } from '../src/incidents/model';
import { silentLogger } from '../src/log/logger';
import { startMonitor } from '../src/monitor/monitor';
import { startReceiver } from '../src/notify/channels/shared/test-receiver';
import { emptyWrites } from '../src/notify/outbox';
import { claimKeyFor, INTERRUPTED_MARGIN_MS, INTERRUPTED_REASON, type NewAttempt } from '../src/remediate/attempt';
import { runAction } from '../src/remediate/run-action';
import { openSqliteStore } from '../src/store/sqlite';

/**
 * An attempt left `running` because Vigil died during the provider call used
 * to hold its incident's claim for ever (only --force passed). It is now
 * marked failed ("interrupted") when the monitor starts, or when runAction
 * finds it past its action's timeout, and the action may run again.
 */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(timeout: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-interrupted-'));
  const endpoint = await startReceiver();
  cleanups.push(() => endpoint.close(), () => rmSync(dataDir, { recursive: true, force: true }));
  const { config, problems } = resolveConfig(
    {
      site: { name: 'Interrupted test' },
      deployments: [{ name: 'production', baseUrl: endpoint.url }],
      actions: [{ name: 'roll-back-production', kind: 'rollback', deployment: 'production', provider: { kind: 'webhook', url: `${endpoint.url}/rollback`, secret: 'rollback-endpoint-secret-42' }, timeout }],
      storage: { dataDir },
    },
    join(dataDir, 'vigil.yaml'),
  );
  expect(problems).toEqual([]);
  const store = await openSqliteStore({ dataDir });
  cleanups.push(() => store.close());
  const now = Date.now();
  const incident: Incident = { id: 1, deployment: 'production', title: 'production is down: home', status: 'open', severity: 'critical', firstFailureAt: now - 900_000, openedAt: now - 900_000, members: [], remindersSent: 0, escalationLevel: 0 };
  await store.writeAlerts({ ...emptyWrites(), incidents: [{ incident, statusChanged: true }] });
  const running = (fields: Partial<NewAttempt>) =>
    store.recordAttempt(
      { action: 'roll-back-production', kind: 'rollback', provider: 'webhook', incidentId: 1, deployment: 'production', actor: 'policy:auto-rollback', trigger: 'policy', policy: 'auto-rollback', status: 'running', reason: incident.title, startedAt: now, claimKey: claimKeyFor(1), ...fields },
      [{ incidentId: 1, at: now, type: 'action', message: 'roll-back-production started', actor: 'policy:auto-rollback' }],
    );
  return { config: config!, store, endpoint, incident, running };
}

const actionLines = async (s: Awaited<ReturnType<typeof setUp>>) => (await s.store.timeline(1)).filter((e) => e.type === 'action').map((e) => e.message);

describe('remediation attempts interrupted by Vigil stopping', () => {
  it('runAction marks a running attempt past its timeout failed, releases the claim and runs the action again', async () => {
    const s = await setUp('2s');
    // Fresh: the provider call may still be going on, so it still holds the incident.
    const fresh = await s.running({ startedAt: Date.now() - 1_000 });
    const refused = await runAction({ config: s.config, store: s.store, action: 'roll-back-production', trigger: 'cli', actor: 'cli:alice', skipRecheck: true });
    expect(refused.decision).toMatchObject({ verdict: 'refused', code: 'already_ran' });
    expect((await s.store.listAttempts({ status: 'running' })).map((a) => a.id)).toEqual([fresh!.id]);

    // Past the action's timeout and the margin: the Vigil that ran it is gone.
    const later = Date.now() + 2_000 + INTERRUPTED_MARGIN_MS + 1_000;
    const again = await runAction({ config: s.config, store: s.store, action: 'roll-back-production', trigger: 'cli', actor: 'cli:alice', skipRecheck: true, now: () => later });
    expect(again.decision).toEqual({ verdict: 'run' });
    expect(again.attempt).toMatchObject({ status: 'succeeded', actor: 'cli:alice' });
    expect(s.endpoint.requests).toHaveLength(1);
    const [interrupted] = (await s.store.listAttempts({ incidentId: 1 })).filter((a) => a.id === fresh!.id);
    expect(interrupted).toMatchObject({ status: 'failed', reason: INTERRUPTED_REASON, finishedAt: later });
    expect(await actionLines(s)).toContain(`roll-back-production (attempt #${fresh!.id} by policy:auto-rollback) failed: ${INTERRUPTED_REASON}; it may run again`);
    // The new run took the incident's claim: one more is refused as usual.
    const third = await runAction({ config: s.config, store: s.store, action: 'roll-back-production', trigger: 'cli', actor: 'cli:bob', skipRecheck: true, now: () => later });
    expect(third.decision).toMatchObject({ verdict: 'refused', code: 'already_ran' });
    expect(third.attempt?.reason).toMatch(/by cli:alice, succeeded/);
  });

  it('the monitor, on start, marks policy attempts of an earlier process interrupted and leaves a CLI run going on', async () => {
    const s = await setUp('10m');
    const processStartedAt = Date.now() - process.uptime() * 1000;
    const policy = await s.running({ startedAt: processStartedAt - 1_000 });
    // A CLI run in its own process, well within its 10-minute timeout: not ours to judge.
    const cli = await s.running({ actor: 'cli:carol', trigger: 'cli', policy: undefined, claimKey: undefined, startedAt: processStartedAt - 1_000 });
    const monitor = await startMonitor({ config: s.config, store: s.store, log: silentLogger() });
    cleanups.push(() => monitor.stop());

    const attempts = await s.store.listAttempts({ incidentId: 1 });
    expect(attempts.find((a) => a.id === policy!.id)).toMatchObject({ status: 'failed', reason: INTERRUPTED_REASON });
    expect(attempts.find((a) => a.id === cli!.id)).toMatchObject({ status: 'running' });
    expect(await actionLines(s)).toContain(`roll-back-production (attempt #${policy!.id} by policy:auto-rollback) failed: ${INTERRUPTED_REASON}; it may run again`);
    // The claim is free again: another attempt can take it.
    const claimed = await s.running({ startedAt: Date.now() });
    expect(claimed).toBeDefined();
  });
});
