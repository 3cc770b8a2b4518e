import type { Context, MiddlewareHandler } from 'hono';
import type { AuthSettings } from './config-schema';
import { requiredAccess, roleAllows, isReadMethod } from './access-rules';
import { actorOf, type Identity } from './identity';
import { sameSecret, sha256, TOKEN_PREFIX } from './secrets';
import { clearedSessionCookie, cookieToken, resumeSession } from './sessions';
import type { AuthStore } from './store-port';

export const API_PREFIX = '/api/v1';
export const CSRF_HEADER = 'x-vigil-csrf';
/** Updating last-used on every request would turn every read into a write. */
const TOKEN_TOUCH_EVERY_MS = 60_000;

type Failure = { status: 401; error: string; clearCookie?: boolean };

/** Whether the browser reached us over HTTPS, directly or through a proxy that says so. */
export function isSecureRequest(c: Context, settings: AuthSettings): boolean {
  if (settings.secureCookies) return true;
  if (new URL(c.req.url).protocol === 'https:') return true;
  return c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
}

/** Who is calling, from `Authorization: Bearer` (preferred) or the session cookie. */
async function identify(c: Context, store: AuthStore, settings: AuthSettings, now: number): Promise<Identity | Failure | undefined> {
  const authorization = c.req.header('authorization');
  if (authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (!match || !match[1]!.startsWith(TOKEN_PREFIX)) return { status: 401, error: `expected "Authorization: Bearer ${TOKEN_PREFIX}…" with an API token` };
    const token = await store.findTokenByHash(sha256(match[1]!));
    if (!token) return { status: 401, error: 'unknown API token' };
    if (token.revokedAt !== null) return { status: 401, error: `API token ${token.name} was revoked` };
    if (token.lastUsedAt === null || now - token.lastUsedAt >= TOKEN_TOUCH_EVERY_MS) await store.touchToken(token.id, now);
    return { kind: 'token', name: token.name, role: token.scope === 'write' ? 'editor' : 'viewer', token };
  }
  const cookie = cookieToken(c.req.header('cookie'));
  if (cookie === undefined) return undefined;
  const session = await resumeSession(store, cookie, settings, now);
  if (!session) return { status: 401, error: 'your session has expired; log in again', clearCookie: true };
  return { kind: 'session', name: session.userName, role: session.role, session };
}

/**
 * Guards everything under /api/v1 by the table in access-rules.ts: finds who
 * is calling, checks the CSRF header on cookie-authenticated changes, then
 * the role. Public routes pass with whatever identity there is (auth/state
 * reports it).
 */
export function accessGuard(store: AuthStore, settings: AuthSettings, now: () => number): MiddlewareHandler {
  return async (c, next) => {
    const path = c.req.path.startsWith(API_PREFIX) ? c.req.path.slice(API_PREFIX.length) : c.req.path;
    const needed = requiredAccess(c.req.method, path);
    const found = await identify(c, store, settings, now());
    const identity = found && 'kind' in found ? found : undefined;
    const failure = found && 'error' in found ? found : undefined;
    c.set('identity', identity);
    c.set('actor', identity && actorOf(identity));
    if (needed === 'public') {
      if (failure?.clearCookie) c.header('set-cookie', clearedSessionCookie(isSecureRequest(c, settings)), { append: true });
      return next();
    }
    if (!identity) {
      if (failure?.clearCookie) c.header('set-cookie', clearedSessionCookie(isSecureRequest(c, settings)), { append: true });
      c.header('www-authenticate', 'Bearer realm="vigil"');
      return c.json({ error: failure?.error ?? 'log in, or send "Authorization: Bearer <API token>"' }, 401);
    }
    if (identity.kind === 'session' && !isReadMethod(c.req.method)) {
      const sent = c.req.header(CSRF_HEADER);
      if (!sent || !sameSecret(sent, identity.session.csrfToken)) {
        return c.json({ error: `expected the session's CSRF token in the ${CSRF_HEADER} header (from GET /api/v1/auth/state)`, field: CSRF_HEADER }, 403);
      }
    }
    if (!roleAllows(identity.role, needed)) {
      const who = identity.kind === 'token' ? `API token ${identity.name} has scope ${identity.token.scope}` : `${identity.name} is ${identity.role === 'admin' ? 'an' : 'a'} ${identity.role}`;
      const what = identity.kind === 'token' && needed === 'admin' ? 'an admin login (tokens never have admin rights)' : `the ${needed} role`;
      return c.json({ error: `${c.req.method} ${c.req.path} needs ${what}; ${who}` }, 403);
    }
    return next();
  };
}
