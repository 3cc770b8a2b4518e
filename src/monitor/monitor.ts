import { setMaxListeners } from 'node:events';
import { join } from 'node:path';
import type { Check, Deployment, VigilConfig } from '../config/model';
import type { CheckResult } from '../domain/check-result';
import type { Store } from '../store/ports';
import type { Logger } from '../log/logger';
import { Scheduler } from '../scheduler/scheduler';
import { pruneEvidence } from '../browser/evidence';
import { warmBrowserWorker } from '../checks';
import { executeCheck } from './execute-check';
import { ResultWriter } from './result-writer';
import { createMonitorMetrics, type MonitorMetrics } from './metrics';
import { AlertPipeline } from './alerting';
import { Dispatcher } from '../notify/dispatcher';
import { sendToChannel } from '../notify/channels';
import type { ChannelConfig } from '../notify/channels/schemas';
import { HeartbeatWatch } from '../heartbeats/watch';
import { SchedulerWatchdog } from '../heartbeats/scheduler-watchdog';
import { SelfHeartbeat } from '../heartbeats/self-heartbeat';
import { DisparityWatch } from './disparity-watch';
import { RemediationLoop } from './remediation-loop';
import { publishingStore, type OnStored } from './publishing-store';

/** One scheduled unit: a check against one deployment. */
export type CheckTarget = { key: string; intervalMs: number; check: Check; deployment: Deployment };

export function targetKey(checkId: string, deployment: string): string {
  return `${checkId}|${deployment}`;
}

/** Every enabled check × each of its deployments that this location runs. */
export function checkTargets(config: VigilConfig): CheckTarget[] {
  return config.checks
    .filter((check) => check.enabled && (!check.locations || check.locations.includes(config.location)))
    .flatMap((check) =>
      config.deployments
        .filter((deployment) => check.deployments.includes(deployment.name))
        .map((deployment) => ({ key: targetKey(check.id, deployment.name), intervalMs: check.intervalMs, check, deployment })),
    );
}

export type Monitor = {
  scheduler: Scheduler<CheckTarget>;
  pipeline: AlertPipeline;
  dispatcher: Dispatcher;
  writer: ResultWriter;
  metrics: MonitorMetrics;
  targets: CheckTarget[];
  heartbeats: HeartbeatWatch;
  watchdog: SchedulerWatchdog;
  /** Resolves when the monitor stops. */
  done: Promise<void>;
  stop(): Promise<void>;
};

/**
 * The monitor: schedules every check target, runs it, records metrics and
 * hands the result to the batch writer. Retention runs hourly beside it.
 */
export async function startMonitor(options: {
  config: VigilConfig;
  store: Store;
  log: Logger;
  onResult?(result: CheckResult, target: CheckTarget): void;
  /** After a batch of results and the alert writes they caused are committed (live updates). */
  onStored?: OnStored;
  now?: () => number;
  /** Checks that never ran start within this window (default 5 s). */
  startupSpreadMs?: number;
}): Promise<Monitor> {
  const { config, store, log } = options;
  const now = options.now ?? Date.now;
  const targets = checkTargets(config);
  const metrics = createMonitorMetrics();
  const pipeline = await AlertPipeline.create(config, store, now());
  const dispatcher = new Dispatcher({
    store,
    channels: config.channels,
    send: (message, channel, ctx) => sendToChannel(message, channel.settings as ChannelConfig, ctx),
    log: log.child({ module: 'notify' }),
    now,
  });
  const incidentLog = log.child({ module: 'incident' });
  // Every incident write of the monitor goes through this one store, which tells onStored after each commit.
  const monitorStore: Store = options.onStored ? publishingStore(store, options.onStored, { log: log.child({ module: 'live' }), incidentOf: (id) => pipeline.incident(id) }) : store;
  const writer = new ResultWriter(monitorStore, log.child({ module: 'store' }), {
    onWritten: (alerts) => {
      for (const { incident, statusChanged } of alerts.incidents) {
        if (statusChanged) incidentLog.warn({ id: incident.id, status: incident.status, title: incident.title }, `incident #${incident.id} ${incident.status}`);
      }
      if (alerts.outbox.length > 0) dispatcher.poke();
    },
  });
  const disparities = await DisparityWatch.create(config, monitorStore, pipeline, { log: log.child({ module: 'disparity' }), write: (current, writes) => writer.addWrites(writes, current) }, now());
  const lastRuns = new Map((await store.lastRuns()).map((entry) => [targetKey(entry.checkId, entry.deployment), entry.lastStartedAt]));
  const stopController = new AbortController();
  // Every running check listens on this one signal; thousands at once is expected, not a leak.
  setMaxListeners(0, stopController.signal);
  const checkLog = log.child({ module: 'check' });
  const artifactsDir = join(config.storage.dataDir, 'artifacts');

  const scheduler = new Scheduler<CheckTarget>({
    jobs: targets,
    concurrency: config.scheduler.concurrency,
    now,
    lastStartedAt: lastRuns,
    startupSpreadMs: options.startupSpreadMs,
    execute: async (target, plannedAt) => {
      const result = await executeCheck({ check: target.check, deployment: target.deployment, location: config.location, plannedAt, stopSignal: stopController.signal, artifactsDir, now });
      // A run cut short because we are stopping says nothing about the store; keep it out of the record.
      if (stopController.signal.aborted) return;
      metrics.recordResult(result);
      const { writes, recheckAt } = pipeline.evaluate(result, target, now());
      writer.add(result, writes);
      if (recheckAt !== undefined) scheduler.runSoon(target.key, recheckAt);
      disparities.observe(result, target, now());
      options.onResult?.(result, target);
    },
    onError: (target, error) => checkLog.error({ check: target.check.id, deployment: target.deployment.name, err: error }, 'check run failed unexpectedly'),
  });

  // Re-checks that were pending when the monitor last stopped.
  for (const recheck of pipeline.pendingRechecks()) scheduler.runSoon(recheck.key, Math.max(recheck.at, now()));

  const heartbeats = new HeartbeatWatch(config, monitorStore, pipeline);
  const watchdog = new SchedulerWatchdog({ targets, lastStartOf: (key) => scheduler.lastStartOf(key), since: now(), pipeline, store: monitorStore, location: config.location });
  const selfHeartbeat = config.selfHeartbeat ? new SelfHeartbeat(config.selfHeartbeat, log.child({ module: 'self-heartbeat' })) : undefined;
  const watchLog = log.child({ module: 'heartbeat' });
  const remediation = new RemediationLoop({ config, store: monitorStore, pipeline, targets, log: log.child({ module: 'remediation' }), now });
  // Before the first tick: an attempt a previous run left `running` would otherwise block its incident's policy.
  await remediation.recoverInterrupted(now());
  let lastRefresh = 0;
  const dispatcherDone = dispatcher.run(async (tickAt) => {
    if (tickAt - lastRefresh < 1_000) return;
    lastRefresh = tickAt;
    await pipeline.refreshIncidents(tickAt);
    const reminders = pipeline.reminders(tickAt);
    // Through the writer, like check results: a pending batch with an older copy of the incident must not land after it.
    if (reminders.incidents.length > 0) writer.addWrites(reminders);
    selfHeartbeat?.tick(tickAt);
    // Caught here: a failure must not stop the outbox deliveries that follow on this loop.
    await heartbeats.tick(tickAt).catch((error: unknown) => watchLog.error({ err: error }, 'heartbeat evaluation failed'));
    await watchdog.tick(tickAt).catch((error: unknown) => watchLog.error({ err: error }, 'scheduler watchdog failed'));
    remediation.tick(tickAt);
  });

  const refreshGauges = setInterval(() => {
    metrics.queueDepth.set(scheduler.queueDepth(now()));
    metrics.running.set(scheduler.running);
    metrics.overlapsSkipped.set(scheduler.overlapsSkipped);
    metrics.pendingWrites.set(writer.pendingCount);
    metrics.droppedResults.set(writer.dropped);
    metrics.openIncidents.set(pipeline.openIncidents().length);
    metrics.targetDown.set(targets.filter((t) => pipeline.healthOf(t.check.id, t.deployment.name)?.state === 'down').length);
    for (const [channel, status] of dispatcher.status) metrics.channelFailures.set({ channel }, status.consecutiveFailures);
  }, 1_000);
  refreshGauges.unref();

  const retentionLog = log.child({ module: 'retention' });
  const applyRetention = () =>
    store
      .applyRetention(config.storage.retention, now())
      .then((deleted) => {
        if (deleted.results + deleted.minuteRollups + deleted.hourRollups > 0) retentionLog.info(deleted, 'old data removed');
      })
      // Evidence of failed browser runs lives as long as the raw results that link to it.
      .then(() => pruneEvidence(artifactsDir, config.storage.retention.rawDays * 86_400_000, now()))
      // Pings are raw data too: kept as long as raw results.
      .then(() => store.prunePings(now() - config.storage.retention.rawDays * 86_400_000))
      .catch((error: unknown) => retentionLog.error({ err: error }, 'retention failed'));
  const retentionTimer = setInterval(() => void applyRetention(), 3_600_000);
  retentionTimer.unref();
  void applyRetention();

  log.child({ module: 'monitor' }).info(
    { checks: config.checks.length, targets: targets.length, deployments: config.deployments.map((d) => d.name).join(','), location: config.location },
    'monitor started',
  );
  // Chromium takes seconds to start; start it with the monitor so the first browser runs are not charged for it.
  if (targets.some((target) => target.check.kind === 'browser')) warmBrowserWorker(config.browser);
  const done = scheduler.run();
  let stopping: Promise<void> | undefined;
  return {
    scheduler,
    pipeline,
    dispatcher,
    writer,
    metrics,
    targets,
    heartbeats,
    watchdog,
    done,
    stop: () =>
      (stopping ??= (async () => {
        clearInterval(refreshGauges);
        clearInterval(retentionTimer);
        await scheduler.stop(3_000);
        stopController.abort();
        await done;
        await writer.close();
        dispatcher.stop();
        await dispatcherDone;
        await remediation.stop();
        await selfHeartbeat?.stop();
      })()),
  };
}
