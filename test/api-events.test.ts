import { createServer, type Server } from 'node:http';
import { apiToken } from './support/auth';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVigil, type RunningVigil } from '../src/cli/start-vigil';
import { resolveConfig } from '../src/config/validate';
import { silentLogger } from '../src/log/logger';
import type { GridCell, LiveEvent } from '../src/server/api/contract';
import { LiveEventHub } from '../src/server/live-events';
import { untilWithin } from './support/until';
import { Hono } from 'hono';
import { eventsApi } from '../src/server/api/events';
import { listen } from '../src/server/listen';
import type { ServerDeps } from '../src/server/app';

const until = untilWithin(15_000);

/** Reads an SSE response, collecting events and comment lines as they arrive. */
function readEvents(response: Response) {
  const events: { event: string; data: unknown }[] = [];
  const comments: string[] = [];
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const done = (async () => {
    for (;;) {
      const { value, done: finished } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (finished) return;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (block.startsWith(':')) comments.push(block.slice(1).trim());
        const event = /^event: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (event && data) events.push({ event, data: JSON.parse(data) });
      }
    }
  })();
  return { events, comments, cancel: () => reader.cancel(), done };
}

describe('the live event hub', () => {
  it('coalesces per subject, so a slow subscriber holds one event per cell however many arrive', () => {
    const hub = new LiveEventHub();
    const subscription = hub.subscribe();
    const cell = (n: number, state: GridCell['state']): LiveEvent => ({ type: 'cell', data: { checkId: `check ${n % 10}`, deployment: 'production', state, lastRunAt: n, durationMs: 1, error: null } });
    for (let n = 0; n < 100_000; n++) hub.publish(cell(n, n % 2 === 0 ? 'up' : 'down'));
    expect(subscription.pendingCount).toBe(10);
    const drained = subscription.drain();
    expect(drained).toHaveLength(10);
    // The latest state of each subject wins.
    expect(drained.find((e) => e.type === 'cell' && e.data.checkId === 'check 9')!.data).toMatchObject({ lastRunAt: 99_999, state: 'down' });
    subscription.close();
    expect(hub.subscriberCount).toBe(0);
  });
});

describe('heartbeat events', () => {
  it('publishes a heartbeat event when pings are stored through the publishing store', async () => {
    const { openFixture, HEARTBEAT_ID } = await import('./api-fixture');
    const { publishingPingStore } = await import('../src/server/live-events');
    const f = await openFixture();
    try {
      const subscription = f.events.subscribe();
      const store = publishingPingStore(f.store, f.events, f.config);
      const at = Date.now();
      await store.writePings([{ heartbeatId: HEARTBEAT_ID, at, kind: 'success', truncated: false, method: 'GET' }], [{ heartbeatId: HEARTBEAT_ID, watchedSince: at - 1000, lastPingAt: at, lastSuccessAt: at, openRuns: {}, pings: 1 }]);
      expect(subscription.drain()).toEqual([{ type: 'heartbeat', data: expect.objectContaining({ name: 'nightly backup', state: 'up', lastPingAt: at, lastPingKind: 'success' }) }]);
      expect(await f.store.countPings()).toBe(1);
    } finally {
      await f.close();
    }
  });
});

describe('incident events from people', () => {
  it('publishes an incident event when someone acknowledges through the API', async () => {
    const { openFixture } = await import('./api-fixture');
    const f = await openFixture();
    try {
      const now = Date.now();
      await f.store.writeAlerts({
        health: [],
        incidents: [{ incident: { id: 9, deployment: 'production', title: 'production is down: checkout page', status: 'open', severity: 'critical', firstFailureAt: now, openedAt: now, members: [], remindersSent: 0, escalationLevel: 0 }, statusChanged: true }],
        timeline: [],
        outbox: [],
      });
      const subscription = f.events.subscribe();
      const response = await f.app.request('/api/v1/incidents/9/ack', { method: 'POST', body: '{"by":"erin"}', headers: { 'content-type': 'application/json' } });
      expect(response.status).toBe(200);
      expect(subscription.drain()).toEqual([{ type: 'incident', data: { id: 9, status: 'acknowledged', title: 'production is down: checkout page' } }]);
    } finally {
      await f.close();
    }
  });
});

describe('incident events from actions run through the API', () => {
  it('publishes an incident event when an action writes on the incident timeline (here a refusal)', async () => {
    const { openFixture } = await import('./api-fixture');
    const f = await openFixture({
      actions: [{ name: 'roll-back', kind: 'rollback', deployment: 'production', requireConfirmation: true, provider: { kind: 'webhook', url: 'http://127.0.0.1:9/rollback' } }],
    });
    try {
      const now = Date.now();
      const incident = { id: 9, deployment: 'production', title: 'production is down: checkout page', status: 'open' as const, severity: 'critical' as const, firstFailureAt: now, openedAt: now, members: [], remindersSent: 0, escalationLevel: 0 };
      await f.store.writeAlerts({ health: [], incidents: [{ incident, statusChanged: true }], timeline: [], outbox: [] });
      const subscription = f.events.subscribe();
      const response = await f.app.request('/api/v1/actions/roll-back/run', { method: 'POST', body: '{"incident":9,"by":"erin"}', headers: { 'content-type': 'application/json' } });
      expect(response.status).toBe(409);
      expect((await f.store.timeline(9)).map((e) => e.message)).toEqual([expect.stringMatching(/^roll-back refused \(asked by api:erin/)]);
      expect(subscription.drain()).toEqual([{ type: 'incident', data: { id: 9, status: 'open', title: 'production is down: checkout page' } }]);
    } finally {
      await f.close();
    }
  });
});

describe('the event stream', () => {
  it('sends keep-alive comments while idle and ends when the hub closes', async () => {
    const hub = new LiveEventHub();
    const app = new Hono().route('/api/v1', eventsApi({ events: hub } as ServerDeps, { keepAliveMs: 50 }));
    const server = await listen(app, '127.0.0.1', 0);
    try {
      const stream = readEvents(await fetch(`${server.url}/api/v1/events`));
      await until(() => stream.comments.filter((c) => c === 'keep-alive').length >= 2, 'two keep-alive comments');
      hub.publish({ type: 'incident', data: { id: 3, status: 'acknowledged', title: 'checkout down' } });
      await until(() => stream.events.find((e) => e.event === 'incident'), 'the incident event');
      hub.close();
      await stream.done;
      expect(hub.subscriberCount).toBe(0);
    } finally {
      await server.close();
    }
  });
});

describe('GET /api/v1/events', () => {
  let shop: Server;
  let status = 200;
  let vigil: RunningVigil;
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-api-events-'));

  beforeAll(async () => {
    shop = createServer((_req, res) => {
      res.statusCode = status;
      res.end('ok');
    });
    await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
    const port = (shop.address() as AddressInfo).port;
    const resolved = resolveConfig(
      {
        site: { name: 'Live' },
        deployments: [{ name: 'production', baseUrl: `http://127.0.0.1:${port}` }],
        checks: [{ name: 'home page', kind: 'http', path: '/', interval: '10s' }],
        alerting: { confirmation: { failuresToConfirm: 1, recheckCount: 0, recheckInterval: '1s', passesToRecover: 1 } },
        storage: { dataDir },
        server: { port: 0 },
      },
      join(dataDir, 'vigil.yaml'),
    );
    if (!resolved.config) throw new Error(JSON.stringify(resolved.problems));
    vigil = await startVigil(resolved.config, silentLogger(), { port: 0 });
  });
  afterAll(async () => {
    await vigil?.stop();
    await new Promise((resolve) => shop.close(resolve));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('streams a cell event after the monitor stores a result, and unsubscribes on disconnect', async () => {
    const response = await fetch(`${vigil.server.url}/api/v1/events`, { headers: { authorization: `Bearer ${await apiToken(vigil.store, 'read')}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/event-stream/);
    const stream = readEvents(response);
    await until(() => stream.comments.includes('connected'), 'the stream to open');
    await until(() => vigil.events.subscriberCount === 1, 'the subscription');
    // The check starts within the startup spread; its stored result arrives as a cell.
    const first = await until(() => stream.events.find((e) => e.event === 'cell'), 'a cell event');
    expect(first.data).toMatchObject({ checkId: 'home page', deployment: 'production', state: 'up', error: null });

    // A failure confirmed at once (failuresToConfirm 1) comes as a down cell and an opened incident.
    status = 503;
    vigil.monitor.scheduler.runSoon('home page|production', Date.now());
    const down = await until(() => stream.events.find((e) => e.event === 'cell' && (e.data as GridCell).state === 'down'), 'a down cell');
    expect((down.data as GridCell).error).toMatch(/503/);
    const incident = await until(() => stream.events.find((e) => e.event === 'incident'), 'an incident event');
    expect(incident.data).toMatchObject({ status: 'open' });

    await stream.cancel();
    await until(() => vigil.events.subscriberCount === 0, 'the subscription to end with the connection');
  });
});

describe('incident events from the monitor beyond check results', () => {
  it('publishes an incident event when a heartbeat goes down (written by the heartbeat watch, not the result writer)', async () => {
    const { startMonitor } = await import('../src/monitor/monitor');
    const { openSqliteStore } = await import('../src/store/sqlite');
    const dataDir = mkdtempSync(join(tmpdir(), 'vigil-events-heartbeat-'));
    const resolved = resolveConfig(
      {
        site: { name: 'Live heartbeats' },
        deployments: [{ name: 'production', baseUrl: 'http://127.0.0.1:9' }],
        heartbeats: [{ name: 'nightly export', id: 'nightly-export-00000000000', period: '1m', grace: '30s' }],
        alerting: { confirmation: { failuresToConfirm: 1 } },
        storage: { dataDir },
      },
      join(dataDir, 'vigil.yaml'),
    );
    if (!resolved.config) throw new Error(JSON.stringify(resolved.problems));
    const config = resolved.config;
    const store = await openSqliteStore({ dataDir });
    const hub = new LiveEventHub();
    let offset = 0;
    const clock = () => Date.now() + offset;
    const monitor = await startMonitor({ config, store, log: silentLogger(), now: clock, onStored: (results, alerts) => hub.publishStored(config, results, alerts) });
    try {
      const subscription = hub.subscribe();
      await monitor.heartbeats.tick(clock()); // starts watching the heartbeat that never pinged
      offset += 91_000; // its first run is missed
      expect(await monitor.heartbeats.tick(clock())).toBe(1);
      const [incident] = await store.listIncidents({ status: 'unresolved' });
      expect(incident).toBeDefined();
      expect(subscription.drain()).toContainEqual({ type: 'incident', data: { id: incident!.id, status: 'open', title: incident!.title } });
    } finally {
      await monitor.stop();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
