import type { AuthSettings } from './config-schema';
import { SESSION_MAX_AGE_MS } from './config-schema';
import type { AuthStore, StoredSession } from './store-port';
import { randomSecret, sha256 } from './secrets';

export const SESSION_COOKIE = 'vigil_session';
/** Sliding the expiry writes to the database; once a minute per session is plenty. */
const TOUCH_EVERY_MS = 60_000;

/** Creates a session for `userName`; the returned token goes into the cookie and nowhere else. */
export async function startSession(store: AuthStore, userName: string, settings: AuthSettings, now: number): Promise<{ token: string; session: StoredSession }> {
  const token = randomSecret();
  const session = {
    id: sha256(token),
    userName,
    csrfToken: randomSecret(),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: Math.min(now + settings.sessionTtl, now + SESSION_MAX_AGE_MS),
  };
  await store.createSession(session);
  // Old sessions go here rather than on a timer: logins are rare and the delete uses an index.
  await store.deleteExpiredSessions(now);
  const stored = await store.getSession(session.id);
  if (!stored) throw new Error(`session for ${userName} vanished right after it was created`);
  return { token, session: stored };
}

/**
 * The live session a cookie token names, sliding its expiry forward; undefined
 * when unknown or expired (an expired row is deleted on the way).
 */
export async function resumeSession(store: AuthStore, token: string, settings: AuthSettings, now: number): Promise<StoredSession | undefined> {
  const session = await store.getSession(sha256(token));
  if (!session) return undefined;
  if (now >= session.expiresAt) {
    await store.deleteSession(session.id);
    return undefined;
  }
  if (now - session.lastSeenAt >= TOUCH_EVERY_MS) {
    const expiresAt = Math.min(now + settings.sessionTtl, session.createdAt + SESSION_MAX_AGE_MS);
    await store.touchSession(session.id, now, expiresAt);
    return { ...session, lastSeenAt: now, expiresAt };
  }
  return session;
}

/**
 * The Set-Cookie value. The cookie lives until the session's absolute end;
 * the server ends it earlier when it sits unused past the idle lifetime.
 */
export function sessionCookie(token: string, session: StoredSession, secure: boolean): string {
  const maxAge = Math.max(0, Math.floor((session.createdAt + SESSION_MAX_AGE_MS - session.lastSeenAt) / 1000));
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

export const clearedSessionCookie = (secure: boolean): string => `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`;

/** The session token from a Cookie header, if any. */
export function cookieToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) return value.join('=') || undefined;
  }
  return undefined;
}
