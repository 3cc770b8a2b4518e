import { Hono, type Context } from 'hono';
import type { IncomingMessage } from 'node:http';
import type { AuthState, User } from '../api/contract';
import { AccessError, addUser, changeUser, createToken, removeUser, revokeToken } from './accounts';
import type { AuthSettings } from './config-schema';
import { isSecureRequest } from './middleware';
import { LoginLimiter } from './login-limiter';
import { decoyHash, verifyPassword } from './password';
import { clearedSessionCookie, sessionCookie, startSession } from './sessions';
import type { AuthStore, StoredSession } from './store-port';

/** 5 wrong passwords for one user name, or 20 from one address, within 15 minutes: then wait. */
export const LOGIN_LIMITS = {
  perUser: { failures: 5, windowMs: 15 * 60_000 },
  perAddress: { failures: 20, windowMs: 15 * 60_000 },
} as const;

/**
 * Bodies must be JSON with a JSON content type: a cross-site HTML form can
 * send neither, which is what keeps login and setup (which have no session,
 * hence no CSRF token yet) from being posted by another site.
 */
async function jsonBody(c: Context): Promise<Record<string, unknown>> {
  if (!(c.req.header('content-type') ?? '').toLowerCase().startsWith('application/json')) {
    throw new AccessError('expected a JSON body with content-type: application/json', 415, 'content-type');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(await c.req.text());
  } catch {
    throw new AccessError('expected a JSON body', 400, 'body');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new AccessError('expected a JSON object', 400, 'body');
  return parsed as Record<string, unknown>;
}

function clientAddress(c: Context, settings: AuthSettings): string {
  if (settings.trustProxy) {
    const hops = c.req.header('x-forwarded-for')?.split(',').map((hop) => hop.trim()).filter(Boolean);
    if (hops?.length) return hops.at(-1)!;
  }
  return (c.env as { incoming?: IncomingMessage } | undefined)?.incoming?.socket.remoteAddress ?? 'unknown';
}

/** /auth/*, /users and /tokens. Who may call which is decided by the access guard, not here. */
export function authRoutes(store: AuthStore, settings: AuthSettings, now: () => number): Hono {
  const api = new Hono();
  const perUser = new LoginLimiter(LOGIN_LIMITS.perUser);
  const perAddress = new LoginLimiter(LOGIN_LIMITS.perAddress);
  // Computed now, not at the first unknown name, so that first answer is not the slow one.
  const decoy = decoyHash();

  const stateOf = (user: User | null, session: StoredSession | null, needsSetup: boolean): AuthState => ({ needsSetup, user, csrfToken: session?.csrfToken ?? null });

  const signIn = async (c: Context, user: User): Promise<Response> => {
    const { token, session } = await startSession(store, user.name, settings, now());
    c.header('set-cookie', sessionCookie(token, session, isSecureRequest(c, settings)), { append: true });
    c.header('cache-control', 'no-store');
    return c.json(stateOf(user, session, false));
  };

  api.onError((error, c) => {
    if (error instanceof AccessError) return c.json({ error: error.message, ...(error.field ? { field: error.field } : {}) }, error.status);
    throw error;
  });

  api.get('/auth/state', async (c) => {
    const identity = c.get('identity');
    c.header('cache-control', 'no-store');
    if (identity?.kind === 'session') {
      const user = await store.getUser(identity.name);
      return c.json(stateOf(user ? { name: user.name, role: user.role, createdAt: user.createdAt } : null, identity.session, false));
    }
    return c.json(stateOf(null, null, (await store.countUsers()) === 0));
  });

  api.post('/auth/setup', async (c) => {
    if ((await store.countUsers()) > 0) throw new AccessError('setup is already done: log in instead', 409);
    const body = await jsonBody(c);
    const user = await addUser(store, { name: body.username, role: 'admin', password: body.password }, now(), { onlyIfNoUsers: true });
    return signIn(c, user);
  });

  api.post('/auth/login', async (c) => {
    const body = await jsonBody(c);
    if (typeof body.username !== 'string' || body.username === '') throw new AccessError('expected a user name', 400, 'username');
    if (typeof body.password !== 'string' || body.password === '') throw new AccessError('expected a password', 400, 'password');
    const userKey = body.username.toLowerCase();
    const addressKey = clientAddress(c, settings);
    const at = now();
    const wait = Math.max(perUser.retryAfter(userKey, at), perAddress.retryAfter(addressKey, at));
    if (wait > 0) {
      c.header('retry-after', String(Math.ceil(wait / 1000)));
      return c.json({ error: `too many failed logins; try again in ${Math.ceil(wait / 60_000)} min` }, 429);
    }
    const user = await store.getUser(body.username);
    // An unknown name is checked against a decoy hash: the answer takes as long as for a wrong password.
    const ok = await verifyPassword(body.password.slice(0, 1024), user?.passwordHash ?? (await decoy));
    if (!user || !ok) {
      perUser.fail(userKey, at);
      perAddress.fail(addressKey, at);
      return c.json({ error: 'wrong user name or password' }, 401);
    }
    perUser.reset(userKey);
    const previous = c.get('identity');
    if (previous?.kind === 'session') await store.deleteSession(previous.session.id);
    return signIn(c, { name: user.name, role: user.role, createdAt: user.createdAt });
  });

  api.post('/auth/logout', async (c) => {
    const identity = c.get('identity');
    if (identity?.kind === 'session') await store.deleteSession(identity.session.id);
    c.header('set-cookie', clearedSessionCookie(isSecureRequest(c, settings)), { append: true });
    return c.json({ ok: true });
  });

  api.get('/users', async (c) => c.json({ users: await store.listUsers() }));
  api.post('/users', async (c) => {
    const body = await jsonBody(c);
    return c.json({ user: await addUser(store, { name: body.name ?? body.username, role: body.role, password: body.password }, now()) }, 201);
  });
  api.patch('/users/:name', async (c) => {
    const body = await jsonBody(c);
    return c.json({ user: await changeUser(store, c.req.param('name'), { role: body.role, password: body.password }) });
  });
  api.delete('/users/:name', async (c) => {
    await removeUser(store, c.req.param('name'));
    return c.json({ ok: true });
  });

  api.get('/tokens', async (c) => c.json({ tokens: await store.listTokens() }));
  api.post('/tokens', async (c) => {
    const body = await jsonBody(c);
    c.header('cache-control', 'no-store');
    return c.json(await createToken(store, { name: body.name, scope: body.scope }, c.get('actor') ?? 'api', now()), 201);
  });
  api.delete('/tokens/:id', async (c) => c.json({ token: await revokeToken(store, c.req.param('id'), now()) }));

  return api;
}
