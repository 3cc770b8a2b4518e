import type { VigilConfig } from '../config/model';
import type { CheckResult } from '../domain/check-result';
import type { AlertPipeline, AlertTarget } from '../monitor/alerting';
import { emptyWrites, mergeWrites } from '../notify/outbox';
import { expectation, type HeartbeatEvent } from './expectation';
import type { Heartbeat } from './model';
import type { HeartbeatStore } from './store-port';

export const heartbeatCheckId = (heartbeat: Pick<Heartbeat, 'name'>): string => `heartbeat:${heartbeat.name}`;

/** A heartbeat as the alert pipeline sees it: a check that runs once per expected job run. */
export function heartbeatTarget(heartbeat: Heartbeat, config: Pick<VigilConfig, 'deployments'>): AlertTarget {
  const deployment = config.deployments.find((d) => d.name === heartbeat.deployment);
  const periodMs = heartbeat.schedule.kind === 'period' ? heartbeat.schedule.periodMs : 86_400_000;
  return {
    check: { id: heartbeatCheckId(heartbeat), name: heartbeat.name, tags: heartbeat.tags, intervalMs: periodMs + heartbeat.graceMs, runbook: heartbeat.runbook },
    deployment: { name: heartbeat.deployment, role: deployment?.role ?? 'primary' },
  };
}

/**
 * The evaluation loop of heartbeats (its `tick` runs every second on the
 * monitor's dispatcher loop). Each heartbeat event (a finished run, a missed
 * run, an overrun) becomes one run outcome through the same AlertPipeline as
 * checks, so confirmation ("alert after 2 missed runs"), maintenance,
 * incidents and channels apply unchanged. The event's key is stored with the
 * alerts it caused, so a restart feeds no event twice.
 */
export class HeartbeatWatch {
  constructor(
    private readonly config: Pick<VigilConfig, 'heartbeats' | 'deployments' | 'location'>,
    private readonly store: HeartbeatStore,
    private readonly pipeline: AlertPipeline,
  ) {}

  private previous: Promise<unknown> = Promise.resolve();

  /** Returns how many events it fed. Ticks never overlap: two reading the same states would feed one event twice. */
  tick(now: number): Promise<number> {
    const run = this.previous.then(() => this.evaluate(now));
    this.previous = run.catch(() => undefined);
    return run;
  }

  private async evaluate(now: number): Promise<number> {
    if (this.config.heartbeats.length === 0) return 0;
    const states = new Map((await this.store.heartbeatStates()).map((state) => [state.heartbeatId, state]));
    let writes = emptyWrites();
    const marks: { heartbeatId: string; watchedSince: number; key: string }[] = [];
    for (const heartbeat of this.config.heartbeats) {
      const state = states.get(heartbeat.id);
      // A heartbeat that never pinged is watched from now on; its row keeps that moment across restarts.
      if (!state) {
        marks.push({ heartbeatId: heartbeat.id, watchedSince: now, key: '' });
        continue;
      }
      const event = expectation(heartbeat, state, now).event;
      if (!event || event.key === state.evaluatedKey) continue;
      const { writes: caused } = this.pipeline.evaluate(this.resultOf(heartbeat, event, now), heartbeatTarget(heartbeat, this.config), now);
      writes = mergeWrites(writes, caused);
      marks.push({ heartbeatId: heartbeat.id, watchedSince: state.watchedSince, key: event.key });
    }
    if (marks.length > 0) await this.store.markEvaluated(marks, writes);
    return marks.filter((mark) => mark.key !== '').length;
  }

  private resultOf(heartbeat: Heartbeat, event: HeartbeatEvent, now: number): CheckResult {
    // Stamped now, not at the event: a location's vote counts only while fresh, and an event fed after a restart must still count.
    return {
      checkId: heartbeatCheckId(heartbeat),
      deployment: heartbeat.deployment,
      location: this.config.location,
      startedAt: now,
      ok: event.ok,
      durationMs: 0,
      error: event.error,
      assertions: [],
      details: { heartbeat: heartbeat.name, eventAt: event.at },
    };
  }
}
