import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { CheckResult } from '../domain/check-result';

/**
 * Prometheus metrics of one monitor. A registry of its own (not prom-client's
 * global one) so tests and several monitors in one process do not collide.
 * Per-check series are gauges only: a histogram per check × deployment would
 * multiply series by the bucket count for thousands of checks.
 */
export function createMonitorMetrics() {
  const registry = new Registry();
  const labelNames = ['check', 'deployment', 'location'] as const;
  const metrics = {
    registry,
    checkUp: new Gauge({ name: 'vigil_check_up', help: '1 if the last run of the check passed, 0 if it failed', labelNames, registers: [registry] }),
    checkDuration: new Gauge({ name: 'vigil_check_duration_seconds', help: 'Duration of the last run of the check', labelNames, registers: [registry] }),
    checkLastRun: new Gauge({ name: 'vigil_check_last_run_timestamp_seconds', help: 'When the check last ran', labelNames, registers: [registry] }),
    runs: new Counter({ name: 'vigil_check_runs_total', help: 'Check runs by outcome', labelNames: ['outcome'], registers: [registry] }),
    drift: new Histogram({
      name: 'vigil_scheduler_drift_seconds',
      help: 'How late checks started compared with their planned slot',
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10],
      registers: [registry],
    }),
    queueDepth: new Gauge({ name: 'vigil_scheduler_queue_depth', help: 'Checks due but waiting for a free slot', registers: [registry] }),
    running: new Gauge({ name: 'vigil_scheduler_running', help: 'Checks running now', registers: [registry] }),
    overlapsSkipped: new Gauge({ name: 'vigil_scheduler_overlaps_skipped', help: 'Slots skipped because the previous run of the same check was still going', registers: [registry] }),
    pendingWrites: new Gauge({ name: 'vigil_results_pending_write', help: 'Results waiting to be written to the store', registers: [registry] }),
    openIncidents: new Gauge({ name: 'vigil_incidents_open', help: 'Incidents open or acknowledged', registers: [registry] }),
    channelFailures: new Gauge({ name: 'vigil_channel_consecutive_failures', help: 'Deliveries in a row that failed, per channel', labelNames: ['channel'], registers: [registry] }),
    targetDown: new Gauge({ name: 'vigil_targets_down', help: 'Check × deployment pairs confirmed down', registers: [registry] }),
    droppedResults: new Gauge({ name: 'vigil_results_dropped', help: 'Results dropped because the store could not keep up for too long', registers: [registry] }),
  };
  return {
    ...metrics,
    recordResult(result: CheckResult) {
      const labels = { check: result.checkId, deployment: result.deployment, location: result.location };
      metrics.checkUp.set(labels, result.ok ? 1 : 0);
      metrics.checkDuration.set(labels, result.durationMs / 1000);
      metrics.checkLastRun.set(labels, result.startedAt / 1000);
      metrics.runs.inc({ outcome: result.ok ? 'pass' : 'fail' });
      if (result.plannedAt !== undefined) metrics.drift.observe(Math.max(0, result.startedAt - result.plannedAt) / 1000);
    },
  };
}

export type MonitorMetrics = ReturnType<typeof createMonitorMetrics>;
