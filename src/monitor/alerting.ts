import type { Check, Deployment, VigilConfig } from '../config/model';
import type { CheckResult } from '../domain/check-result';
import { initialHealth, nextHealth, type TargetHealth } from '../evaluate/confirmation';
import { onTransition, type IncidentChange } from '../incidents/lifecycle';
import type { Incident } from '../incidents/model';
import { dueReminders } from '../incidents/reminders';
import { activeWindowFor } from '../notify/maintenance';
import { incidentNotifications } from '../notify/fan-out';
import { emptyWrites, mergeWrites, type AlertStore, type AlertWrites, type NewOutboxItem } from '../notify/outbox';
import type { AlertEvent } from '../notify/types';

/** Updates of one incident are sent at most this often; joins in between only go on the timeline. */
const UPDATE_NOTIFY_GAP_MS = 5 * 60_000;

/** What evaluation needs of a target: a configured check, or a synthetic one (a heartbeat, the scheduler watchdog). */
export type AlertTarget = {
  check: Pick<Check, 'id' | 'name' | 'tags' | 'intervalMs' | 'pageType' | 'runbook'>;
  deployment: Pick<Deployment, 'name' | 'role'>;
};
type Target = AlertTarget;

/**
 * From results to alert writes: confirmed health per check × deployment
 * (kept in memory, the monitor being its only writer, and stored with every
 * batch), incidents opened, joined and resolved, and the outbox rows their
 * events cause. Nothing here does I/O except loading and refreshing state.
 */
export class AlertPipeline {
  private readonly health = new Map<string, TargetHealth>();
  private incidents: Incident[] = [];
  private lastUpdateNotified = new Map<number, number>();
  /** Incidents this pipeline changed, and when: their writes may still sit in the batch writer. */
  private readonly changedAt = new Map<number, number>();

  private constructor(
    private readonly config: VigilConfig,
    private readonly store: AlertStore,
    private nextIncidentId: number,
  ) {}

  static async create(config: VigilConfig, store: AlertStore, now: number): Promise<AlertPipeline> {
    const pipeline = new AlertPipeline(config, store, await store.maxIncidentId());
    for (const stored of await store.loadHealth()) pipeline.health.set(`${stored.checkId}|${stored.deployment}`, stored.health);
    await pipeline.refreshIncidents(now);
    return pipeline;
  }

  healthOf(checkId: string, deployment: string): TargetHealth | undefined {
    return this.health.get(`${checkId}|${deployment}`);
  }

  /** Targets with a fast re-check pending (after a restart the scheduler asks for these). */
  pendingRechecks(): { key: string; at: number }[] {
    return [...this.health.entries()].filter(([, h]) => h.recheckAt !== undefined).map(([key, h]) => ({ key, at: h.recheckAt! }));
  }

  /**
   * Picks up acknowledgements and resolutions made from the CLI or API. An
   * incident this pipeline changed in the last few seconds keeps its in-memory
   * version: its write may not have reached the store yet (the writer flushes
   * every 200 ms), and the stale stored copy must not undo it.
   */
  async refreshIncidents(now: number): Promise<void> {
    const stored = await this.store.listIncidents({ since: now - this.config.alerting.incidents.groupingWindowMs, limit: 1000 });
    const fresh = (id: number) => now - (this.changedAt.get(id) ?? -Infinity) < 5_000;
    const kept = this.incidents.filter((incident) => fresh(incident.id));
    this.incidents = [...kept, ...stored.filter((incident) => !fresh(incident.id))];
    for (const [id, at] of this.changedAt) if (now - at >= 5_000) this.changedAt.delete(id);
  }

  /** The pipeline's copy of a recent incident (open, or resolved within the grouping window). */
  incident(id: number): Incident | undefined {
    return this.incidents.find((incident) => incident.id === id);
  }

  openIncidents(): readonly Incident[] {
    return this.incidents.filter((incident) => incident.status !== 'resolved');
  }

  evaluate(result: CheckResult, target: Target, now: number): { writes: AlertWrites; recheckAt?: number } {
    const { check, deployment } = target;
    const key = `${check.id}|${deployment.name}`;
    const writes = emptyWrites();
    const previous = this.health.get(key);
    const window = activeWindowFor(this.config.maintenance, { checkId: check.id, checkName: check.name, deployment: deployment.name, tags: check.tags }, now);
    if (window) {
      // Shown as maintenance, never as downtime, and nothing pages.
      const base = previous ?? initialHealth(now);
      const health: TargetHealth = { ...base, state: 'maintenance', since: base.state === 'maintenance' ? base.since : now, lastResultAt: result.startedAt, recheckAt: undefined };
      this.health.set(key, health);
      writes.health.push({ checkId: check.id, deployment: deployment.name, health });
      return { writes };
    }
    const start = previous?.state === 'maintenance' ? { ...previous, state: 'unknown' as const, consecutiveFailures: 0, consecutivePasses: 0 } : previous;
    const { health, transition } = nextHealth(start, result, this.config.alerting.confirmation, { now, intervalMs: check.intervalMs });
    this.health.set(key, health);
    writes.health.push({ checkId: check.id, deployment: deployment.name, health });
    if (!transition) return { writes, recheckAt: health.recheckAt };

    const change = onTransition(
      this.incidents,
      transition,
      { checkId: check.id, deployment: deployment.name, pageType: check.pageType, role: deployment.role, lastError: health.lastError ?? result.error, runbookUrl: check.runbook },
      this.config.alerting.incidents,
      () => ++this.nextIncidentId,
    );
    if (change) this.apply(change, writes, now);
    return { writes, recheckAt: health.recheckAt };
  }

  /** Records an incident change (from evaluation, reminders, or a person) and the notifications it causes. */
  apply(change: IncidentChange, writes: AlertWrites, now: number, extraChannels: string[] = []): void {
    const { incident, event } = change;
    this.incidents = [...this.incidents.filter((i) => i.id !== incident.id), incident];
    this.changedAt.set(incident.id, now);
    const statusChanged = event === 'incident.opened' || event === 'incident.resolved' || event === 'incident.acknowledged';
    writes.incidents.push({ incident, statusChanged });
    writes.timeline.push(...change.timeline);
    if (!event) return;
    // The opening message already lists what is down; the next few joins follow within seconds.
    if (event === 'incident.opened') this.lastUpdateNotified.set(incident.id, now);
    if (event === 'incident.updated') {
      if (now - (this.lastUpdateNotified.get(incident.id) ?? 0) < UPDATE_NOTIFY_GAP_MS) return;
      this.lastUpdateNotified.set(incident.id, now);
    }
    writes.outbox.push(...this.notifications(event, incident, now, extraChannels));
  }

  notifications(event: AlertEvent, incident: Incident, now: number, extraChannels: string[] = []): NewOutboxItem[] {
    return incidentNotifications(this.config, event, incident, now, extraChannels);
  }

  /** Reminders and escalations that have come due. */
  reminders(now: number): AlertWrites {
    let writes = emptyWrites();
    for (const incident of this.openIncidents()) {
      const decision = dueReminders(incident, this.config.alerting.reminders, now);
      if (!decision) continue;
      const step = emptyWrites();
      this.incidents = [...this.incidents.filter((i) => i.id !== incident.id), decision.incident];
      this.changedAt.set(incident.id, now);
      step.incidents.push({ incident: decision.incident, statusChanged: false });
      step.timeline.push(...decision.timeline);
      if (decision.escalateTo.length > 0) step.outbox.push(...this.notifications('incident.escalated', decision.incident, now, decision.escalateTo));
      else if (decision.remind) step.outbox.push(...this.notifications('incident.reminder', decision.incident, now));
      writes = mergeWrites(writes, step);
    }
    return writes;
  }
}
