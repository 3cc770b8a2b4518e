import type { ApiToken, Role } from '../api/contract';
import type { StoredSession } from './store-port';

/** Who is making a request: a logged-in user (by session cookie) or an API token. */
export type Identity =
  | { kind: 'session'; name: string; role: Role; session: StoredSession }
  | { kind: 'token'; name: string; role: Exclude<Role, 'admin'>; token: ApiToken };

/** The name recorded in timelines: the user's name, or `token:<name>`. User names cannot contain ':', so the two never collide. */
export const actorOf = (identity: Identity): string => (identity.kind === 'session' ? identity.name : `token:${identity.name}`);

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by the access middleware on every /api/v1 request that carried valid credentials. */
    identity: Identity | undefined;
    /** `actorOf(identity)`, for handlers that record who did something. */
    actor: string | undefined;
  }
}
