import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/validate';
import type { VigilConfig } from '../src/config/model';
import type { Incident } from '../src/incidents/model';
import { createApp } from '../src/server/app';
import { openSqliteStore } from '../src/store/sqlite';
import type { Store } from '../src/store/ports';
import { apiToken, requestWithSession, requestWithToken, signIn, type Session } from './support/auth';

const dataDir = mkdtempSync(join(tmpdir(), 'vigil-api-'));
let store: Store;
let config: VigilConfig;
let app: ReturnType<typeof createApp>;
let get: (path: string, init?: RequestInit) => Promise<Response>;
let alice: Session;

const incident: Incident = {
  id: 7,
  deployment: 'production',
  title: 'production is down: checkout',
  status: 'open',
  severity: 'critical',
  firstFailureAt: 1_000,
  openedAt: 21_000,
  members: [{ checkId: 'checkout page', deployment: 'production', pageType: 'checkout', since: 1_000, confirmedAt: 21_000, lastError: 'status 503' }],
  remindersSent: 0,
  escalationLevel: 0,
};

beforeAll(async () => {
  const resolved = resolveConfig(
    {
      site: { name: 'API' },
      deployments: [{ name: 'production', baseUrl: 'http://127.0.0.1:9' }],
      checks: [{ name: 'checkout page', kind: 'http', path: '/checkout' }],
      channels: [{ name: 'hook', kind: 'webhook', url: 'http://127.0.0.1:9/hook' }],
      storage: { dataDir },
    },
    join(dataDir, 'vigil.yaml'),
  );
  config = resolved.config!;
  store = await openSqliteStore({ dataDir });
  await store.writeAlerts({ health: [], incidents: [{ incident, statusChanged: true }], timeline: [{ incidentId: 7, at: 21_000, type: 'confirmed', message: 'checkout page confirmed down' }], outbox: [] });
  app = createApp({ config, store, registries: [] });
  get = requestWithToken(app, await apiToken(store, 'read'));
  alice = await signIn(app, store, { name: 'alice', role: 'editor' });
});
afterAll(async () => {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Changes go as alice, logged in: the timeline records her from the session, whatever `by` says. */
const post = (path: string, body?: unknown) => requestWithSession(app, alice)(path, { method: 'POST', body: body === undefined ? undefined : JSON.stringify(body), headers: { 'content-type': 'application/json' } });

describe('the incidents API', () => {
  it('lists open incidents and shows one with its timeline', async () => {
    const list = (await (await get('/api/v1/incidents')).json()) as { incidents: Incident[] };
    expect(list.incidents.map((i) => i.id)).toEqual([7]);
    const one = (await (await get('/api/v1/incidents/7')).json()) as { incident: Incident; timeline: { type: string }[] };
    expect(one.incident.title).toBe('production is down: checkout');
    expect(one.timeline.map((e) => e.type)).toEqual(['confirmed']);
  });

  it('acknowledges, notes and resolves, queueing a notification for each status change', async () => {
    const ack = await post('/api/v1/incidents/7/ack', { by: 'mallory' });
    expect(ack.status).toBe(200);
    expect(((await ack.json()) as { incident: Incident }).incident).toMatchObject({ status: 'acknowledged', acknowledgedBy: 'alice' });
    expect((await post('/api/v1/incidents/7/ack', { by: 'bob' })).status).toBe(409);
    expect((await post('/api/v1/incidents/7/notes', { by: 'alice', text: 'rolled back build 41' })).status).toBe(200);
    const resolved = await post('/api/v1/incidents/7/resolve', { by: 'alice', note: 'rollback worked' });
    expect(((await resolved.json()) as { incident: Incident }).incident.status).toBe('resolved');
    const timeline = ((await (await get('/api/v1/incidents/7')).json()) as { timeline: { type: string; message: string }[] }).timeline;
    expect(timeline.map((e) => e.type)).toEqual(['confirmed', 'acknowledged', 'note', 'resolved']);
    expect(timeline[3]!.message).toBe('resolved by alice: rollback worked');
    const outbox = await store.listOutbox({ status: 'pending' });
    expect(outbox.map((item) => `${item.channel} ${item.event}`).sort()).toEqual(['hook incident.acknowledged', 'hook incident.resolved']);
  });

  it('answers bad input with a JSON error naming the field', async () => {
    expect(await (await get('/api/v1/incidents/99')).json()).toEqual({ error: 'no incident 99', field: 'id' });
    expect((await post('/api/v1/incidents/abc/ack')).status).toBe(400);
    const badBody = await requestWithSession(app, alice)('/api/v1/incidents/7/notes', { method: 'POST', body: '{nope' });
    expect(await badBody.json()).toEqual({ error: 'expected a JSON body', field: 'body' });
    expect(await (await post('/api/v1/incidents/7/notes', { text: ' ' })).json()).toEqual({ error: 'expected a non-empty "text"', field: 'text' });
    expect((await get('/api/v1/incidents?status=maybe')).status).toBe(400);
  });
});
