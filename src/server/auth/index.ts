import type { Hono, MiddlewareHandler } from 'hono';
import type { ServerDeps } from '../app';
import { defaultAuthSettings } from './config-schema';
import { accessGuard } from './middleware';
import { authRoutes } from './routes';

export type Access = { guard: MiddlewareHandler; routes: Hono };

/** The access guard for /api/v1 and the auth, user and token routes, sharing one clock and one login limiter. */
export function createAccess(deps: Pick<ServerDeps, 'config' | 'store' | 'now'>): Access {
  const settings = { ...defaultAuthSettings, ...deps.config.server.auth };
  const now = deps.now ?? Date.now;
  return { guard: accessGuard(deps.store, settings, now), routes: authRoutes(deps.store, settings, now) };
}
