import type { AlertPipeline, AlertTarget } from '../monitor/alerting';
import type { AlertStore } from '../notify/outbox';

/** A target that has not started for this many of its intervals means monitoring has stalled. */
export const STALLED_AFTER_INTERVALS = 3;
export const WATCHDOG_EVERY_MS = 10_000;

export type StalledTarget = { key: string; silentMs: number; intervalMs: number };

/** Pure: which targets have not started for 3 of their intervals (counting from `since` for those that never started). */
export function stalledTargets(
  targets: readonly { key: string; intervalMs: number }[],
  lastStartOf: (key: string) => number | undefined,
  since: number,
  now: number,
): StalledTarget[] {
  return targets
    .map((target) => ({ key: target.key, intervalMs: target.intervalMs, silentMs: now - (lastStartOf(target.key) ?? since) }))
    .filter((target) => target.silentMs > STALLED_AFTER_INTERVALS * target.intervalMs);
}

export const SCHEDULER_TARGET: AlertTarget = {
  check: { id: 'vigil:scheduler', name: 'vigil:scheduler', tags: ['vigil'], intervalMs: WATCHDOG_EVERY_MS },
  deployment: { name: 'vigil', role: 'primary' },
};

/**
 * Vigil watching its own scheduler: every 10 s, one synthetic run of the
 * check `vigil:scheduler` that fails while any target is stalled, through
 * the same pipeline as every check ("monitoring is stalled" is an incident
 * like any other). It cannot see Vigil itself hang; the outbound
 * self-heartbeat is for that.
 */
export class SchedulerWatchdog {
  private nextAt = 0;
  lastStalled: StalledTarget[] = [];

  constructor(
    private readonly options: {
      targets: readonly { key: string; intervalMs: number }[];
      lastStartOf(key: string): number | undefined;
      since: number;
      pipeline: AlertPipeline;
      store: Pick<AlertStore, 'writeAlerts'>;
      location: string;
    },
  ) {}

  async tick(now: number): Promise<boolean> {
    if (now < this.nextAt || this.options.targets.length === 0) return false;
    this.nextAt = now + WATCHDOG_EVERY_MS;
    const stalled = stalledTargets(this.options.targets, (key) => this.options.lastStartOf(key), this.options.since, now);
    this.lastStalled = stalled;
    // A passing run while already up changes nothing worth a write; skipping it keeps a healthy Vigil from writing every 10 s.
    if (stalled.length === 0 && this.options.pipeline.healthOf(SCHEDULER_TARGET.check.id, SCHEDULER_TARGET.deployment.name)?.state === 'up') return true;
    const named = stalled.slice(0, 3).map((t) => `${t.key} (silent ${Math.round(t.silentMs / 1000)}s, every ${Math.round(t.intervalMs / 1000)}s)`);
    const error = stalled.length === 0 ? undefined : `monitoring is stalled: ${stalled.length} target${stalled.length === 1 ? '' : 's'} not run for ${STALLED_AFTER_INTERVALS} intervals: ${named.join(', ')}${stalled.length > 3 ? ', …' : ''}`;
    const { writes } = this.options.pipeline.evaluate(
      { checkId: SCHEDULER_TARGET.check.id, deployment: SCHEDULER_TARGET.deployment.name, location: this.options.location, startedAt: now, ok: stalled.length === 0, durationMs: 0, error, assertions: [] },
      SCHEDULER_TARGET,
      now,
    );
    await this.options.store.writeAlerts(writes);
    return true;
  }
}
