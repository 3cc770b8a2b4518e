import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Hono } from 'hono';
import { request } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/validate';
import type { VigilConfig } from '../src/config/model';
import { PingIngest } from '../src/heartbeats/ingest';
import type { Incident } from '../src/incidents/model';
import type { ApiToken, AuthState, CreatedToken, User } from '../src/server/api/contract';
import { createApp } from '../src/server/app';
import { listen } from '../src/server/listen';
import { openSqliteStore } from '../src/store/sqlite';
import type { Store } from '../src/store/ports';
import { apiToken, requestWithSession, requestWithToken, sessionCookieFrom, signIn } from './support/auth';

const HEARTBEAT = 'nightly-backup-0123456789';
const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 5, 9);

let dataDir: string;
let store: Store;
let ingest: PingIngest;
let config: VigilConfig;
let app: Hono;
/** The injected clock: tests move it instead of sleeping. */
let clock: number;
/** Every response body any test saw, to prove no route ever returns a password hash. */
const bodies: string[] = [];

function newIncident(id: number): Incident {
  return {
    id,
    deployment: 'production',
    title: `production is down: checkout (${id})`,
    status: 'open',
    severity: 'critical',
    firstFailureAt: 1_000,
    openedAt: 21_000,
    members: [{ checkId: 'checkout page', deployment: 'production', pageType: 'checkout', since: 1_000, confirmedAt: 21_000, lastError: 'status 503' }],
    remindersSent: 0,
    escalationLevel: 0,
  };
}

async function openIncident(id: number): Promise<void> {
  await store.writeAlerts({ health: [], incidents: [{ incident: newIncident(id), statusChanged: true }], timeline: [], outbox: [] });
}

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'vigil-auth-'));
  const resolved = resolveConfig(
    {
      site: { name: 'Auth' },
      deployments: [{ name: 'production', baseUrl: 'http://127.0.0.1:9' }],
      checks: [{ name: 'checkout page', kind: 'http', path: '/checkout' }],
      heartbeats: [{ name: 'nightly backup', id: HEARTBEAT, period: '1h' }],
      storage: { dataDir },
      server: { auth: { sessionTtl: '12h' } },
    },
    join(dataDir, 'vigil.yaml'),
  );
  expect(resolved.problems).toEqual([]);
  config = resolved.config!;
  store = await openSqliteStore({ dataDir });
  ingest = new PingIngest(config.heartbeats, store);
  clock = T0;
  const inner = createApp({ config, store, registries: [], pings: { ingest }, now: () => clock });
  // Keep a copy of every body for the "no hashes anywhere" check.
  app = { request: async (...args: Parameters<Hono['request']>) => {
    const response = await inner.request(...args);
    bodies.push(await response.clone().text());
    return response;
  } } as Hono;
});

afterEach(async () => {
  await ingest.close();
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const json = { 'content-type': 'application/json' };
const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) => app.request(path, { method: 'POST', headers: { ...json, ...headers }, body: JSON.stringify(body) });
const setup = (username = 'root', password = 'a long admin password') => postJson('/api/v1/auth/setup', { username, password });
const login = (username: string, password: string) => postJson('/api/v1/auth/login', { username, password });

describe('first run', () => {
  it('needs setup until the first admin exists, then never again', async () => {
    expect(await (await app.request('/api/v1/auth/state')).json()).toEqual({ needsSetup: true, user: null, csrfToken: null });
    expect(await (await setup('root', 'short')).json()).toEqual({ error: 'expected a password of at least 10 characters (got 5)', field: 'password' });

    const response = await setup();
    expect(response.status).toBe(200);
    const state = (await response.json()) as AuthState;
    expect(state).toMatchObject({ needsSetup: false, user: { name: 'root', role: 'admin' } });
    expect(state.csrfToken).toMatch(/^[\w-]{43}$/);
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^vigil_session=[\w-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=604800$/);

    // The setup logged in: the cookie shows the admin and the same CSRF token.
    const again = (await (await app.request('/api/v1/auth/state', { headers: { cookie: sessionCookieFrom(response)! } })).json()) as AuthState;
    expect(again).toEqual({ needsSetup: false, user: state.user, csrfToken: state.csrfToken });

    expect((await setup('intruder', 'another long password')).status).toBe(409);
    expect(await store.listUsers()).toEqual([{ name: 'root', role: 'admin', createdAt: T0 }]);
    expect(await (await app.request('/api/v1/auth/state')).json()).toEqual({ needsSetup: false, user: null, csrfToken: null });
  });

  it('lets only one of two racing setups create the admin', async () => {
    const answers = await Promise.all([setup('first', 'first long password'), setup('second', 'second long password')]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await store.countUsers()).toBe(1);
  });

  it('marks the cookie Secure when the request came over HTTPS through a proxy', async () => {
    const response = await postJson('/api/v1/auth/setup', { username: 'root', password: 'a long admin password' }, { 'x-forwarded-proto': 'https' });
    expect(response.headers.get('set-cookie')).toMatch(/; Secure$/);
  });

  it('refuses a setup or login posted as a form, which another site could do', async () => {
    const form = await app.request('/api/v1/auth/setup', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=evil&password=evil-password-1' });
    expect(form.status).toBe(415);
    expect(await store.countUsers()).toBe(0);
  });
});

describe('login', () => {
  beforeEach(async () => {
    expect((await setup('root', 'the right password')).status).toBe(200);
  });

  it('logs in with the right password and refuses a wrong one or an unknown user alike', async () => {
    const ok = await login('root', 'the right password');
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as AuthState).user).toMatchObject({ name: 'root', role: 'admin' });
    const wrong = await login('root', 'the wrong password');
    const unknown = await login('nobody', 'the right password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('answers 429 with Retry-After after 5 failures for a user, even for the right password, until the window passes', async () => {
    for (let i = 0; i < 5; i++) expect((await login('root', `wrong password ${i}`)).status).toBe(401);
    const limited = await login('root', 'the right password');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('900');
    expect(((await limited.json()) as { error: string }).error).toBe('too many failed logins; try again in 15 min');
    clock += 15 * 60_000;
    expect((await login('root', 'the right password')).status).toBe(200);
  });

  it('limits one address across many user names', async () => {
    for (let i = 0; i < 20; i++) expect((await login(`guess${i}`, 'some password')).status).toBe(401);
    expect((await login('root', 'the right password')).status).toBe(429);
  });

  it('logout ends the session for good', async () => {
    const session = await signIn(app, store, { name: 'root', role: 'admin', password: 'the right password' });
    const as = requestWithSession(app, session);
    expect((await as('/api/v1/incidents')).status).toBe(200);
    const out = await as('/api/v1/auth/logout', { method: 'POST' });
    expect(await out.json()).toEqual({ ok: true });
    expect(out.headers.get('set-cookie')).toContain('vigil_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0');
    expect((await as('/api/v1/incidents')).status).toBe(401);
  });
});

describe('sessions', () => {
  beforeEach(async () => {
    await setup('root', 'the right password');
  });

  it('expire after the idle lifetime, slide forward on use, and end 7 days after login whatever happens', async () => {
    const session = await signIn(app, store, { name: 'root', role: 'admin', password: 'the right password' });
    const as = requestWithSession(app, session);
    // Used every 11 hours: each use pushes the 12 h expiry forward.
    for (let day = 0; day < 6; day++) {
      clock += 11 * H;
      expect((await as('/api/v1/incidents')).status, `after ${(day + 1) * 11}h`).toBe(200);
    }
    // 66 h in; keep using it until the absolute end at 168 h.
    while (clock + 11 * H < T0 + 168 * H) {
      clock += 11 * H;
      expect((await as('/api/v1/incidents')).status).toBe(200);
    }
    clock = T0 + 168 * H;
    const ended = await as('/api/v1/incidents');
    expect(ended.status).toBe(401);
    expect(await ended.json()).toEqual({ error: 'your session has expired; log in again' });
    expect(ended.headers.get('set-cookie')).toContain('Max-Age=0');
  });

  it('expire when left unused longer than server.auth.sessionTtl', async () => {
    const session = await signIn(app, store, { name: 'root', role: 'admin', password: 'the right password' });
    const as = requestWithSession(app, session);
    clock += 12 * H - 1;
    expect((await as('/api/v1/incidents')).status).toBe(200);
    clock += 12 * H;
    expect((await as('/api/v1/incidents')).status).toBe(401);
    // The expired row is gone, not just refused.
    expect((await as('/api/v1/incidents')).status).toBe(401);
  });

  it('need the CSRF header for changes made with the cookie', async () => {
    await openIncident(1);
    const session = await signIn(app, store, { name: 'root', role: 'admin', password: 'the right password' });
    const as = requestWithSession(app, session);
    const missing = await as('/api/v1/incidents/1/ack', { method: 'POST', csrf: false });
    expect(missing.status).toBe(403);
    expect(await missing.json()).toMatchObject({ field: 'x-vigil-csrf' });
    const wrong = await as('/api/v1/incidents/1/ack', { method: 'POST', csrf: false, headers: { 'x-vigil-csrf': 'not-the-token' } });
    expect(wrong.status).toBe(403);
    const right = await as('/api/v1/incidents/1/ack', { method: 'POST' });
    expect(right.status).toBe(200);
    expect(((await right.json()) as { incident: Incident }).incident.acknowledgedBy).toBe('root');
  });

  it('end when the password changes, and follow a role change at once', async () => {
    const admin = requestWithSession(app, await signIn(app, store, { name: 'root', role: 'admin', password: 'the right password' }));
    const bob = await signIn(app, store, { name: 'bob', role: 'editor' });
    await openIncident(2);
    expect((await admin('/api/v1/users/bob', { method: 'PATCH', body: JSON.stringify({ role: 'viewer' }) })).status).toBe(200);
    expect((await requestWithSession(app, bob)('/api/v1/incidents/2/ack', { method: 'POST' })).status).toBe(403);
    expect((await admin('/api/v1/users/bob', { method: 'PATCH', body: JSON.stringify({ password: 'bobs new password' }) })).status).toBe(200);
    expect((await requestWithSession(app, bob)('/api/v1/incidents')).status).toBe(401);
    expect((await login('bob', 'bobs new password')).status).toBe(200);
  });
});

describe('roles', () => {
  let admin: ReturnType<typeof requestWithSession>;
  beforeEach(async () => {
    await setup('root', 'the right password');
    admin = requestWithSession(app, await signIn(app, store, { name: 'root', role: 'admin', password: 'the right password' }));
    await openIncident(3);
  });

  it('needs credentials for everything under /api/v1 except the auth state, setup and login', async () => {
    for (const path of ['/api/v1/incidents', '/api/v1/checks', '/api/v1/results', '/api/v1/uptime', '/api/v1/users', '/api/v1/tokens', '/api/v1/no-such-route']) {
      const response = await app.request(path);
      expect(response.status, path).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="vigil"');
    }
    expect((await app.request('/api/v1/incidents/3/ack', { method: 'POST' })).status).toBe(401);
  });

  it('lets a viewer read but not acknowledge; an editor acknowledges', async () => {
    const viewer = requestWithSession(app, await signIn(app, store, { name: 'vera', role: 'viewer' }));
    const editor = requestWithSession(app, await signIn(app, store, { name: 'eddie', role: 'editor' }));
    expect((await viewer('/api/v1/incidents/3')).status).toBe(200);
    const refused = await viewer('/api/v1/incidents/3/ack', { method: 'POST' });
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: 'POST /api/v1/incidents/3/ack needs the editor role; vera is a viewer' });
    const acked = await editor('/api/v1/incidents/3/ack', { method: 'POST', body: JSON.stringify({ by: 'someone else' }) });
    expect(((await acked.json()) as { incident: Incident }).incident.acknowledgedBy).toBe('eddie');
  });

  it('keeps users and tokens to admins', async () => {
    const editor = requestWithSession(app, await signIn(app, store, { name: 'eddie', role: 'editor' }));
    expect((await editor('/api/v1/users')).status).toBe(403);
    expect((await editor('/api/v1/%75sers')).status).toBe(403);
    expect((await editor('/api/v1/tokens')).status).toBe(403);
    expect((await editor('/api/v1/tokens', { method: 'POST', body: JSON.stringify({ name: 'mine', scope: 'write' }) })).status).toBe(403);
    expect((await editor('/api/v1/users/root', { method: 'DELETE' })).status).toBe(403);

    const created = await admin('/api/v1/users', { method: 'POST', body: JSON.stringify({ name: 'carol', role: 'viewer', password: 'carols password' }) });
    expect(created.status).toBe(201);
    expect(await created.json()).toEqual({ user: { name: 'carol', role: 'viewer', createdAt: T0 } });
    expect((await admin('/api/v1/users', { method: 'POST', body: JSON.stringify({ name: 'carol', role: 'viewer', password: 'carols password' }) })).status).toBe(409);
    expect(await (await admin('/api/v1/users', { method: 'POST', body: JSON.stringify({ name: 'dan', role: 'owner', password: 'dans password!' }) })).json()).toEqual({ error: 'expected a role: admin, editor, viewer', field: 'role' });
    const users = (await (await admin('/api/v1/users')).json()) as { users: User[] };
    expect(users.users.map((u) => `${u.name}:${u.role}`).sort()).toEqual(['carol:viewer', 'eddie:editor', 'root:admin']);
    expect((await admin('/api/v1/users/carol', { method: 'DELETE' })).status).toBe(200);
    expect((await admin('/api/v1/users/carol', { method: 'DELETE' })).status).toBe(404);
  });

  it('never removes or demotes the last admin', async () => {
    expect(await (await admin('/api/v1/users/root', { method: 'DELETE' })).json()).toEqual({ error: 'root is the only admin and cannot be removed', field: 'name' });
    expect((await admin('/api/v1/users/root', { method: 'PATCH', body: JSON.stringify({ role: 'editor' }) })).status).toBe(409);
  });
});

describe('API tokens', () => {
  let admin: ReturnType<typeof requestWithSession>;
  beforeEach(async () => {
    await setup('root', 'the right password');
    admin = requestWithSession(app, await signIn(app, store, { name: 'root', role: 'admin', password: 'the right password' }));
    await openIncident(4);
  });

  it('are shown once, stored hashed, listed without the secret, and work as Bearer', async () => {
    const response = await admin('/api/v1/tokens', { method: 'POST', body: JSON.stringify({ name: 'grafana', scope: 'read' }) });
    expect(response.status).toBe(201);
    const created = (await response.json()) as CreatedToken;
    expect(created).toMatchObject({ name: 'grafana', scope: 'read', createdBy: 'root', createdAt: T0, lastUsedAt: null, revokedAt: null });
    expect(created.secret).toMatch(/^vgl_[\w-]{43}$/);
    const listed = (await (await admin('/api/v1/tokens')).json()) as { tokens: ApiToken[] };
    expect(JSON.stringify(listed)).not.toContain(created.secret);
    expect(JSON.stringify(listed)).not.toContain('hash');
    expect(await (await requestWithToken(app, created.secret)('/api/v1/incidents')).json()).toMatchObject({ incidents: [{ id: 4 }] });
  });

  it('with scope read may only GET; scope write may act but never administer', async () => {
    const read = requestWithToken(app, await apiToken(store, 'read', 'dashboards'));
    const denied = await read('/api/v1/incidents/4/ack', { method: 'POST' });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toEqual({ error: 'POST /api/v1/incidents/4/ack needs the editor role; API token dashboards has scope read' });

    const write = requestWithToken(app, await apiToken(store, 'write', 'chatops'));
    const acked = await write('/api/v1/incidents/4/ack', { method: 'POST', headers: json, body: JSON.stringify({ by: 'alice' }) });
    expect(((await acked.json()) as { incident: Incident }).incident.acknowledgedBy).toBe('alice via token:chatops');
    const note = await write('/api/v1/incidents/4/notes', { method: 'POST', headers: json, body: JSON.stringify({ text: 'rolling back' }) });
    expect(note.status).toBe(200);
    expect((await store.timeline(4)).at(-1)).toMatchObject({ type: 'note' });
    expect(JSON.stringify(await store.timeline(4))).toContain('token:chatops');

    const noAdmin = await write('/api/v1/users');
    expect(noAdmin.status).toBe(403);
    expect(((await noAdmin.json()) as { error: string }).error).toContain('tokens never have admin rights');
  });

  it('stop working when revoked', async () => {
    const created = (await (await admin('/api/v1/tokens', { method: 'POST', body: JSON.stringify({ name: 'ci', scope: 'write' }) })).json()) as CreatedToken;
    const ci = requestWithToken(app, created.secret);
    expect((await ci('/api/v1/incidents')).status).toBe(200);
    const revoked = await admin(`/api/v1/tokens/${created.id}`, { method: 'DELETE' });
    expect(((await revoked.json()) as { token: ApiToken }).token.revokedAt).toBe(T0);
    const refused = await ci('/api/v1/incidents');
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ error: 'API token ci was revoked' });
    expect((await admin(`/api/v1/tokens/${created.id}`, { method: 'DELETE' })).status).toBe(409);
    // The name is free again once revoked.
    expect((await admin('/api/v1/tokens', { method: 'POST', body: JSON.stringify({ name: 'ci', scope: 'write' }) })).status).toBe(201);
  });

  it('refuse unknown or malformed tokens', async () => {
    expect(await (await requestWithToken(app, 'vgl_made-up')('/api/v1/incidents')).json()).toEqual({ error: 'unknown API token' });
    const basic = await app.request('/api/v1/incidents', { headers: { authorization: 'Basic cm9vdDpwdw==' } });
    expect(basic.status).toBe(401);
  });

  it('record when they were last used, at most once a minute', async () => {
    await apiToken(store, 'read', 'metrics');
    const secret = await apiToken(store, 'read', 'poller');
    const poller = requestWithToken(app, secret);
    const lastUsed = async () => (await store.listTokens()).find((t) => t.name === 'poller')!.lastUsedAt;
    await poller('/api/v1/incidents');
    expect(await lastUsed()).toBe(T0);
    clock += 30_000;
    await poller('/api/v1/incidents');
    expect(await lastUsed()).toBe(T0);
    clock += 30_000;
    await poller('/api/v1/incidents');
    expect(await lastUsed()).toBe(T0 + 60_000);
  });
});

describe('public surface', () => {
  it('keeps pings, /healthz and /metrics open without credentials', async () => {
    await setup();
    expect((await app.request(`/ping/${HEARTBEAT}`)).status).toBe(200);
    expect((await app.request(`/ping/${HEARTBEAT}/fail`, { method: 'POST', body: 'boom' })).status).toBe(200);
    expect((await app.request('/healthz')).status).toBe(200);
    expect((await app.request('/metrics')).status).toBe(200);
  });

  it('works over a real HTTP server: login by address, cookie round trip, CSRF', async () => {
    const server = await listen(createApp({ config, store, registries: [] }), '127.0.0.1', 0);
    try {
      const call = async (path: string, init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string } = {}) => {
        const response = await request(`${server.url}${path}`, init);
        return { status: response.statusCode, headers: response.headers, body: (await response.body.json()) as Record<string, unknown> };
      };
      const first = await call('/api/v1/auth/setup', { method: 'POST', headers: json, body: JSON.stringify({ username: 'root', password: 'a long admin password' }) });
      expect(first.status).toBe(200);
      const cookie = String(first.headers['set-cookie']).split(';')[0]!;
      expect((await call('/api/v1/incidents', { headers: { cookie } })).status).toBe(200);
      expect((await call('/api/v1/tokens', { method: 'POST', headers: { ...json, cookie }, body: JSON.stringify({ name: 'x', scope: 'read' }) })).status).toBe(403);
      const made = await call('/api/v1/tokens', { method: 'POST', headers: { ...json, cookie, 'x-vigil-csrf': String(first.body.csrfToken) }, body: JSON.stringify({ name: 'x', scope: 'read' }) });
      expect(made.status).toBe(201);
      expect((await call('/api/v1/checks', { headers: { authorization: `Bearer ${String(made.body.secret)}` } })).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});

describe('server.auth in the config', () => {
  it('names the field when the session lifetime is out of range', () => {
    const resolved = resolveConfig(
      { site: { name: 'x' }, deployments: [{ name: 'p', baseUrl: 'http://127.0.0.1:9' }], server: { auth: { sessionTtl: '30s', secure: true } } },
      '/tmp/vigil.yaml',
    );
    expect(resolved.problems.map((p) => `${p.path.join('.')}: ${p.message}`)).toEqual(['server.auth.sessionTtl: expected a session lifetime between 1m and 7d', 'server.auth: unknown field "secure"']);
  });
});

describe('the CLI', () => {
  const vigil = (args: string[], stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> =>
    new Promise((done) => {
      const child = spawn(process.execPath, [resolve('bin/vigil.js'), ...args, '--config', join(dataDir, 'vigil.yaml')], { env: { ...process.env, NO_COLOR: '1' } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
      child.on('close', (code) => done({ code, stdout, stderr }));
      child.stdin.end(stdin);
    });

  it('adds users and makes tokens on the configured store that the API then accepts', async () => {
    writeFileSync(join(dataDir, 'vigil.yaml'), `site: { name: CLI }\ndeployments: [{ name: production, baseUrl: "http://127.0.0.1:9" }]\nstorage: { dataDir: ${JSON.stringify(dataDir)} }\n`);
    const short = await vigil(['user', 'add', 'ops', '--role', 'admin', '--password-stdin'], 'short\n');
    expect(short).toMatchObject({ code: 1, stderr: expect.stringContaining('expected a password of at least 10 characters (got 5)') });
    expect(await vigil(['user', 'add', 'ops', '--role', 'admin', '--password-stdin'], 'ops long password\n')).toMatchObject({ code: 0, stdout: 'added ops (admin)\n' });
    expect((await login('ops', 'ops long password')).status).toBe(200);

    const made = await vigil(['token', 'create', 'deploy bot', '--scope', 'write']);
    expect(made.code).toBe(0);
    const secret = /^(vgl_\S+)$/m.exec(made.stdout)![1]!;
    expect((await requestWithToken(app, secret)('/api/v1/incidents')).status).toBe(200);
    const id = (await store.listTokens())[0]!.id;
    expect((await vigil(['token', 'revoke', String(id)])).code).toBe(0);
    expect((await requestWithToken(app, secret)('/api/v1/incidents')).status).toBe(401);
    const listed = await vigil(['token', 'list', '--json']);
    expect(JSON.parse(listed.stdout)).toMatchObject([{ name: 'deploy bot', scope: 'write', revokedAt: expect.any(Number) }]);
    expect(listed.stdout).not.toContain(secret);
    expect(await vigil(['user', 'remove', 'ops'])).toMatchObject({ code: 1, stderr: expect.stringContaining('ops is the only admin and cannot be removed') });
  }, 60_000);
});

describe('password hashes', () => {
  it('never appear in any response', () => {
    // Runs last: `bodies` holds every response of every test above, users and tokens included.
    expect(bodies.length).toBeGreaterThan(100);
    for (const body of bodies) {
      expect(body).not.toContain('scrypt$');
      expect(body).not.toMatch(/password_?hash/i);
    }
  });
});
