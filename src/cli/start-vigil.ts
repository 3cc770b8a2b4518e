import type { VigilConfig } from '../config/model';
import type { Logger } from '../log/logger';
import { startMonitor, type Monitor } from '../monitor/monitor';
import { createApp } from '../server/app';
import { assertPortFree, listen, type RunningServer } from '../server/listen';
import { openStore } from '../store/open';
import type { Store } from '../store/ports';
import type { Registry } from 'prom-client';
import { PingIngest } from '../heartbeats/ingest';
import { ensureDashboardBuilt } from '../server/dashboard';
import { LiveEventHub, publishingPingStore, watchHeartbeatStates } from '../server/live-events';
import { statusPageApp } from '../server/status-page/routes';

export type RunningVigil = { monitor: Monitor; server: RunningServer; store: Store; statusServer?: RunningServer; events: LiveEventHub; stop(): Promise<void> };

/** Store, monitor and server together: what `vigil run` and `vigil demo` start. */
export async function startVigil(config: VigilConfig, log: Logger, overrides: { port?: number; host?: string; statusPort?: number } = {}): Promise<RunningVigil> {
  await assertPortFree(overrides.host ?? config.server.host, overrides.port ?? config.server.port);
  await ensureDashboardBuilt(log.child({ module: 'dashboard' }));
  const statusPort = overrides.statusPort ?? config.statusPage?.port;
  if (config.statusPage && statusPort !== undefined) await assertPortFree(overrides.host ?? config.server.host, statusPort);
  const store = await openStore(config);
  // The port is taken first: a port in use is refused before any check runs or alert can go out.
  const registries: Registry[] = [];
  const events = new LiveEventHub();
  const ingest = new PingIngest(config.heartbeats, publishingPingStore(store, events, config), { log: log.child({ module: 'ping' }) });
  let monitor: Monitor | undefined;
  const app = createApp({
    config,
    store,
    registries,
    pings: { ingest },
    events,
    health: () => ({
      checksRunning: monitor?.scheduler.running ?? 0,
      runsStarted: monitor?.scheduler.started ?? 0,
      driftP99Ms: Math.round(monitor?.scheduler.drift.percentile(99) ?? 0),
    }),
  });
  let server: RunningServer;
  try {
    server = await listen(app, overrides.host ?? config.server.host, overrides.port ?? config.server.port);
  } catch (error) {
    await store.close();
    throw error;
  }
  // The public status page alone on its own port, when configured.
  let statusServer: RunningServer | undefined;
  if (config.statusPage && statusPort !== undefined) {
    try {
      statusServer = await listen(statusPageApp({ config, store, registries: [] }), overrides.host ?? config.server.host, statusPort);
    } catch (error) {
      await server.close();
      await store.close();
      throw error;
    }
  }
  const stopHeartbeatEvents = watchHeartbeatStates(events, config, store, 5_000, (error) => log.child({ module: 'live' }).warn({ err: error }, 'heartbeat states unreadable'));
  const checkLog = log.child({ module: 'check' });
  const lastOk = new Map<string, boolean>();
  const started = await startMonitor({
    config,
    store,
    log,
    onStored: (results, alerts) => events.publishStored(config, results, alerts),
    // One line when a target changes state (and its first result), not one per run: 10,000 checks a minute would drown the log.
    onResult: (result, target) => {
      const previous = lastOk.get(target.key);
      lastOk.set(target.key, result.ok);
      const fields = { check: result.checkId, deployment: result.deployment, ms: Math.round(result.durationMs) };
      if (previous === result.ok) return checkLog.debug({ ...fields, ok: result.ok }, 'run');
      if (result.ok) checkLog.info(fields, previous === undefined ? 'up' : 'recovered');
      else checkLog.warn({ ...fields, error: result.error }, 'FAILING');
    },
  });
  monitor = started;
  registries.push(started.metrics.registry);
  log.child({ module: 'server' }).info({ url: server.url, metrics: `${server.url}/metrics` }, 'serving');
  if (statusServer) log.child({ module: 'server' }).info({ url: statusServer.url }, 'status page');
  return {
    monitor: started,
    server,
    store,
    statusServer,
    events,
    stop: async () => {
      stopHeartbeatEvents();
      events.close();
      await statusServer?.close();
      await server.close();
      await ingest.close();
      await started.stop();
      await store.close();
    },
  };
}

/** Stops cleanly on Ctrl-C or SIGTERM; a second signal exits at once. */
export function stopOnSignals(log: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: string) => {
    if (stopping) process.exit(130);
    stopping = true;
    log.info({ signal }, 'stopping');
    stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        log.error({ err: error }, 'could not stop cleanly');
        process.exit(1);
      });
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
}
