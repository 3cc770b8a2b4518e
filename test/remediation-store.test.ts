import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/validate';
import type { Incident } from '../src/incidents/model';
import { startReceiver, type Receiver } from '../src/notify/channels/shared/test-receiver';
import { claimKeyFor, type NewAttempt } from '../src/remediate/attempt';
import { runAction } from '../src/remediate/run-action';
import type { Store } from '../src/store/ports';
import { openSqliteStore } from '../src/store/sqlite';

/** The remediation audit log over a real SQLite file: claims, timeline entries, and triggers racing for one incident. */

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-remediation-store-'));
  dirs.push(dir);
  return dir;
};
const open = async (dataDir: string) => {
  const store = await openSqliteStore({ dataDir });
  stores.push(store);
  return store;
};

const attempt = (overrides: Partial<NewAttempt> = {}): NewAttempt => ({
  action: 'failover', kind: 'failover', provider: 'webhook', incidentId: 3, deployment: 'production', toDeployment: 'backup',
  actor: 'cli:alice', trigger: 'cli', status: 'running', reason: 'production is down', startedAt: 1_000, ...overrides,
});

describe('remediation audit log (SQLite)', () => {
  it('records an attempt with its timeline entries, naming the new attempt, and updates it', async () => {
    const store = await open(freshDir());
    const recorded = await store.recordAttempt(attempt({ providerResponse: { ok: 1 } }), [{ incidentId: 3, at: 1_000, type: 'action', message: 'failover started (attempt #{attempt})', actor: 'cli:alice' }]);
    expect(recorded).toMatchObject({ id: 1, status: 'running', incidentId: 3, toDeployment: 'backup', providerResponse: { ok: 1 } });
    await store.updateAttempt(1, { status: 'succeeded', finishedAt: 2_000, output: 'done', recheck: { status: 'helped', at: 3_000, summary: 'helped' } }, [{ incidentId: 3, at: 2_000, type: 'action', message: 'failover succeeded' }]);
    const [stored] = await store.listAttempts({ incidentId: 3 });
    expect(stored).toMatchObject({ status: 'succeeded', finishedAt: 2_000, output: 'done', recheck: { status: 'helped' } });
    expect((await store.timeline(3)).map((e) => e.message)).toEqual(['failover started (attempt #1)', 'failover succeeded']);
  });

  it('lets one attempt claim an incident; a second claim writes nothing; unclaimed attempts are unlimited', async () => {
    const store = await open(freshDir());
    const entry = [{ incidentId: 3, at: 1_000, type: 'action' as const, message: 'started' }];
    expect(await store.recordAttempt(attempt({ claimKey: claimKeyFor(3) }), entry)).toBeDefined();
    expect(await store.recordAttempt(attempt({ claimKey: claimKeyFor(3) }), entry)).toBeUndefined();
    expect(await store.recordAttempt(attempt({ claimKey: claimKeyFor(4), incidentId: 4 }), [])).toBeDefined();
    await store.recordAttempt(attempt({ status: 'refused' }), entry);
    await store.recordAttempt(attempt({ status: 'refused' }), entry);
    expect((await store.listAttempts()).map((a) => a.id)).toEqual([5, 4, 3, 1]);
    expect(await store.listAttempts({ incidentId: 4 })).toHaveLength(1);
    expect(await store.timeline(3)).toHaveLength(3);
  });

  it('marks a running attempt interrupted once, releasing its claim; a finished attempt keeps its outcome', async () => {
    const store = await open(freshDir());
    const entry = (message: string) => [{ incidentId: 3, at: 5_000, type: 'action' as const, message }];
    const running = await store.recordAttempt(attempt({ claimKey: claimKeyFor(3) }), entry('started'));
    expect(await store.markInterrupted(running!.id, 'interrupted: Vigil stopped during the provider call', 5_000, entry('interrupted'))).toBe(true);
    expect(await store.markInterrupted(running!.id, 'interrupted: Vigil stopped during the provider call', 6_000, entry('again'))).toBe(false);
    expect((await store.listAttempts({ incidentId: 3 }))[0]).toMatchObject({ status: 'failed', reason: 'interrupted: Vigil stopped during the provider call', finishedAt: 5_000 });
    expect(await store.listAttempts({ status: 'running' })).toEqual([]);
    // The claim is free: the next run may take it.
    const next = await store.recordAttempt(attempt({ claimKey: claimKeyFor(3) }), []);
    expect(next).toBeDefined();
    await store.updateAttempt(next!.id, { status: 'succeeded', finishedAt: 7_000 }, []);
    expect(await store.markInterrupted(next!.id, 'interrupted: Vigil stopped during the provider call', 8_000, entry('late'))).toBe(false);
    expect((await store.timeline(3)).map((e) => e.message)).toEqual(['started', 'interrupted']);
  });
});

describe('triggers racing for one incident', () => {
  let endpoint: Receiver;
  beforeAll(async () => {
    endpoint = await startReceiver();
  });
  afterAll(() => endpoint.close());

  it('calls the provider once: both read "nothing ran yet", only one claims the incident', async () => {
    const dataDir = freshDir();
    const { config } = resolveConfig(
      {
        site: { name: 'race' },
        deployments: [{ name: 'production', baseUrl: 'http://127.0.0.1:9/' }, { name: 'backup', baseUrl: 'http://127.0.0.1:9/', role: 'backup' }],
        checks: [{ name: 'home', kind: 'http', path: '/' }],
        actions: [{ name: 'failover', kind: 'failover', toDeployment: 'backup', provider: { kind: 'webhook', url: `${endpoint.url}/race` } }],
        remediation: { recheckAfter: '1h' },
        storage: { dataDir },
      },
      join(dataDir, 'vigil.yaml'),
    );
    // One connection: better-sqlite3 waits for a lock synchronously, so two connections in one process
    // would block each other's event loop. Across processes the same unique claim key decides.
    const store = await open(dataDir);
    const now = Date.now();
    const incident: Incident = { id: 1, deployment: 'production', title: 'production is down: home', status: 'open', severity: 'critical', firstFailureAt: now, openedAt: now, members: [], remindersSent: 0, escalationLevel: 0 };
    const green = { state: 'up' as const, since: now - 60_000, consecutiveFailures: 0, consecutivePasses: 3, consecutiveSlow: 0, recent: '111', lastResultAt: now, locations: {} };
    await store.writeAlerts({ health: [{ checkId: 'home', deployment: 'backup', health: green }], incidents: [{ incident, statusChanged: true }], timeline: [], outbox: [] });
    const stop = new AbortController();
    const run = (actor: string) => runAction({ config: config!, store, action: 'failover', incidentId: 1, trigger: 'cli', actor, signal: stop.signal });
    const results = await Promise.all([run('cli:alice'), run('cli:bob'), run('api:carol')]);
    stop.abort();
    await Promise.all(results.map((r) => r.recheck));
    expect(endpoint.requests.filter((r) => r.path === '/race')).toHaveLength(1);
    expect(results.map((r) => r.attempt!.status).sort()).toEqual(['refused', 'refused', 'succeeded']);
    // All three read the audit log before any wrote: the unique claim, not the read, refused the other two.
    expect(results.map((r) => (r.decision.verdict === 'run' ? 'run' : r.decision.code)).sort()).toEqual(['raced', 'raced', 'run']);
  });
});
