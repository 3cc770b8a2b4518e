import type { Hono } from 'hono';
import type { Role, TokenScope } from '../../src/server/api/contract';
import { addUser, createToken } from '../../src/server/auth/accounts';
import { SESSION_COOKIE } from '../../src/server/auth/sessions';
import type { AuthStore } from '../../src/server/auth/store-port';

/**
 * Credentials for tests that call /api/v1: a real token or a real session,
 * made through the same code the API and CLI use.
 */

let tokens = 0;

/** Creates an API token on the store and returns its secret. */
export async function apiToken(store: AuthStore, scope: TokenScope = 'write', name = `test-${scope}-${++tokens}`): Promise<string> {
  return (await createToken(store, { name, scope }, 'test', Date.now())).secret;
}

/** `app.request` that sends `Authorization: Bearer <secret>`. */
export function requestWithToken(app: Hono, secret: string) {
  return (path: string, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${secret}`);
    return Promise.resolve(app.request(path, { ...init, headers }));
  };
}

export type Session = { cookie: string; csrfToken: string; name: string };

/** Creates the user (unless it exists) and logs in over the API, returning the session cookie and CSRF token. */
export async function signIn(app: Hono, store: AuthStore, user: { name: string; role: Role; password?: string }): Promise<Session> {
  const password = user.password ?? `${user.name}-password-123`;
  if (!(await store.getUser(user.name))) await addUser(store, { name: user.name, role: user.role, password }, Date.now());
  const response = await app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user.name, password }) });
  if (response.status !== 200) throw new Error(`login as ${user.name} failed: ${response.status} ${await response.text()}`);
  const cookie = sessionCookieFrom(response);
  if (!cookie) throw new Error(`login as ${user.name} set no ${SESSION_COOKIE} cookie`);
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrfToken, name: user.name };
}

/** `name=value` of the session cookie a response sets, for a Cookie header. */
export function sessionCookieFrom(response: Response): string | undefined {
  const header = response.headers.getSetCookie().find((line) => line.startsWith(`${SESSION_COOKIE}=`));
  return header?.split(';')[0];
}

/** `app.request` as a browser with that session: the cookie always, the CSRF header on changes unless `csrf: false`. */
export function requestWithSession(app: Hono, session: Session) {
  return (path: string, init: RequestInit & { csrf?: boolean } = {}): Promise<Response> => {
    const { csrf = true, ...rest } = init;
    const headers = new Headers(rest.headers);
    headers.set('cookie', session.cookie);
    if (csrf && rest.method && !['GET', 'HEAD'].includes(rest.method)) headers.set('x-vigil-csrf', session.csrfToken);
    if (rest.body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
    return Promise.resolve(app.request(path, { ...rest, headers }));
  };
}
