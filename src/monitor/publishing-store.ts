import type { CheckResult } from '../domain/check-result';
import type { Incident, TimelineEntry } from '../incidents/model';
import type { Logger } from '../log/logger';
import { emptyWrites, type AlertWrites } from '../notify/outbox';
import type { Store } from '../store/ports';

/** Told after a write commits: the results (if any) and the alert writes stored with them. */
export type OnStored = (results: CheckResult[], alerts: AlertWrites) => void;

/**
 * The store as the monitor's parts see it: every write that changes an
 * incident (result batches, heartbeat evaluations, the scheduler watchdog,
 * disparities, remediation attempts) tells `onStored` once it has committed,
 * so live views (SSE) hear of every change, whichever part made it, and never
 * of one that was rolled back. A listener's failure is logged, never thrown:
 * what is stored is stored, and a writer must not retry it.
 */
export function publishingStore(store: Store, onStored: OnStored, options: { log?: Logger; incidentOf?(id: number): Incident | undefined } = {}): Store {
  const tell = (results: CheckResult[], alerts: AlertWrites | undefined): void => {
    if (!alerts) return;
    try {
      onStored(results, alerts);
    } catch (error) {
      options.log?.error({ err: error }, 'live update failed');
    }
  };
  /** Remediation writes only timeline entries; their incidents are told as changed (the timeline is part of an incident's view). */
  const tellTimeline = async (timeline: TimelineEntry[]): Promise<void> => {
    const ids = [...new Set(timeline.map((entry) => entry.incidentId))];
    if (ids.length === 0) return;
    const writes = emptyWrites();
    writes.timeline = timeline;
    for (const id of ids) {
      const incident = options.incidentOf?.(id) ?? (await store.getIncident(id).catch(() => undefined));
      if (incident) writes.incidents.push({ incident, statusChanged: false });
    }
    tell([], writes);
  };
  return {
    ...store,
    insertResults: async (results, alerts, disparities) => {
      await store.insertResults(results, alerts, disparities);
      tell(results, alerts ?? emptyWrites());
    },
    writeAlerts: async (writes) => {
      await store.writeAlerts(writes);
      tell([], writes);
    },
    markEvaluated: async (marks, alerts) => {
      await store.markEvaluated(marks, alerts);
      tell([], alerts);
    },
    saveDisparities: async (checkIds, current, alerts) => {
      await store.saveDisparities(checkIds, current, alerts);
      tell([], alerts);
    },
    recordAttempt: async (attempt, timeline) => {
      const recorded = await store.recordAttempt(attempt, timeline);
      if (recorded) await tellTimeline(timeline);
      return recorded;
    },
    markInterrupted: async (id, reason, finishedAt, timeline) => {
      const changed = await store.markInterrupted(id, reason, finishedAt, timeline);
      if (changed) await tellTimeline(timeline);
      return changed;
    },
    updateAttempt: async (id, patch, timeline) => {
      await store.updateAttempt(id, patch, timeline);
      await tellTimeline(timeline);
    },
  };
}
