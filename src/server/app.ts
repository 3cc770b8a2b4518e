import { Hono } from 'hono';
import type { Registry } from 'prom-client';
import type { VigilConfig } from '../config/model';
import type { Store } from '../store/ports';
import { incidentsApi } from './api/incidents';
import { actionsApi } from './api/actions';
import { resultsApi } from './api/results';
import { compareApi } from './api/compare';
import { recordApi } from './api/record';
import { dashboardRoutes } from './dashboard';
import { pingRoutes } from './ping/routes';
import { createAccess } from './auth';
import type { PingIngest } from '../heartbeats/ingest';
import { gridApi } from './api/grid';
import { checksApi } from './api/checks';
import { heartbeatsApi } from './api/heartbeats';
import { deploymentsApi } from './api/deployments';
import { maintenanceApi } from './api/maintenance';
import { artifactsApi } from './api/artifacts';
import { eventsApi } from './api/events';
import { openApiRoute } from './api/openapi';
import { statusPageRoutes } from './status-page/routes';
import type { LiveEventHub } from './live-events';

export type ServerDeps = {
  config: VigilConfig;
  store: Store;
  /** Prometheus registries to expose at /metrics. */
  registries: Registry[];
  /** Extra health facts (scheduler liveness) for /healthz. */
  health?: () => Record<string, unknown>;
  /** Heartbeat ping ingestion; the ping routes exist only with it. */
  pings?: { ingest: PingIngest; rate?: { perSecond: number; burst: number } };
  /** The clock for sessions, tokens and login limits; tests inject one. Default Date.now. */
  now?: () => number;
  /** Live updates for GET /api/v1/events; without it the stream only sends keep-alives. */
  events?: LiveEventHub;
};

/** The HTTP surface of Vigil: metrics, health, the API and the dashboard SPA. */
export function createApp(deps: ServerDeps): Hono {
  const app = new Hono();
  app.get('/metrics', async (c) => {
    const bodies = await Promise.all(deps.registries.map((registry) => registry.metrics()));
    return c.text(bodies.join('\n'), 200, { 'content-type': deps.registries[0]?.contentType ?? 'text/plain; version=0.0.4' });
  });
  // First, so a ping never runs through the API's middleware.
  if (deps.pings) app.route('/', pingRoutes(deps.pings.ingest, { rate: deps.pings.rate }));
  app.get('/healthz', (c) => c.json({ ok: true, ...deps.health?.() }));
  // Everything under /api/v1 passes the access guard first (rules in auth/access-rules.ts).
  const access = createAccess(deps);
  app.use('/api/v1/*', access.guard);
  app.route('/api/v1', access.routes);
  app.route('/api/v1', resultsApi(deps));
  app.route('/api/v1', incidentsApi(deps));
  app.route('/api/v1', compareApi(deps));
  app.route('/api/v1', actionsApi(deps));
  app.route('/api/v1', gridApi(deps));
  app.route('/api/v1', checksApi(deps));
  app.route('/api/v1', heartbeatsApi(deps));
  app.route('/api/v1', deploymentsApi(deps));
  app.route('/api/v1', maintenanceApi(deps));
  app.route('/api/v1', artifactsApi(deps));
  app.route('/api/v1', eventsApi(deps));
  app.route('/api/v1', openApiRoute(deps));
  app.route('/', statusPageRoutes(deps));
  app.route('/api/v1', recordApi(deps));
  // Last: the SPA answers every other GET so its client-side routes survive a reload.
  app.route('/', dashboardRoutes());
  app.notFound((c) => c.json({ error: `no route for ${c.req.method} ${c.req.path}` }, 404));
  app.onError((error, c) => c.json({ error: error.message }, 500));
  return app;
}
