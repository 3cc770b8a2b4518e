import type { Incident, TimelineEntry } from '../incidents/model';
import type { HealthState, TargetHealth } from '../evaluate/confirmation';
import type { AlertEvent, AlertMessage } from './types';

/** Rows of the alerting side of the store, as plain data. */

export type StoredHealth = { checkId: string; deployment: string; health: TargetHealth };

export type NewOutboxItem = {
  /** Unique per (incident, event occurrence, channel): inserting it twice is a no-op. */
  dedupKey: string;
  channel: string;
  incidentId?: number;
  event: AlertEvent;
  message: AlertMessage;
  createdAt: number;
};

export type OutboxStatus = 'pending' | 'delivered' | 'dead';

export type OutboxItem = NewOutboxItem & {
  id: number;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: number;
  deliveredAt?: number;
  lastError?: string;
};

/**
 * An incident write. The monitor never overwrites a human's acknowledgement:
 * unless `statusChanged`, only members, title and reminder fields are written.
 */
export type IncidentWrite = { incident: Incident; statusChanged: boolean };

export type AlertWrites = {
  health: StoredHealth[];
  incidents: IncidentWrite[];
  timeline: TimelineEntry[];
  outbox: NewOutboxItem[];
};

export const emptyWrites = (): AlertWrites => ({ health: [], incidents: [], timeline: [], outbox: [] });

/** Merges the writes of several results into one batch: later health and incident states win, lists append. */
export function mergeWrites(into: AlertWrites, more: AlertWrites): AlertWrites {
  const health = new Map(into.health.map((h) => [`${h.checkId}|${h.deployment}`, h]));
  for (const h of more.health) health.set(`${h.checkId}|${h.deployment}`, h);
  const incidents = new Map(into.incidents.map((w) => [w.incident.id, w]));
  for (const w of more.incidents) {
    const earlier = incidents.get(w.incident.id);
    incidents.set(w.incident.id, { incident: w.incident, statusChanged: w.statusChanged || (earlier?.statusChanged ?? false) });
  }
  return {
    health: [...health.values()],
    incidents: [...incidents.values()],
    timeline: [...into.timeline, ...more.timeline],
    outbox: [...into.outbox, ...more.outbox],
  };
}

export type IncidentQuery = { status?: 'unresolved' | 'resolved' | 'all'; since?: number; deployment?: string; limit?: number };

export type AlertStore = {
  loadHealth(): Promise<StoredHealth[]>;
  listIncidents(query?: IncidentQuery): Promise<Incident[]>;
  getIncident(id: number): Promise<Incident | undefined>;
  timeline(incidentId: number): Promise<TimelineEntry[]>;
  maxIncidentId(): Promise<number>;
  /** Writes everything in one transaction. */
  writeAlerts(writes: AlertWrites): Promise<void>;
  /** Takes up to `limit` due pending items for `leaseMs` (a conditional update, so two dispatchers never take the same one). */
  claimOutbox(now: number, leaseMs: number, limit: number): Promise<OutboxItem[]>;
  markDelivered(id: number, now: number): Promise<void>;
  /** `nextAttemptAt` undefined moves the item to the dead letters. */
  markFailed(id: number, error: string, nextAttemptAt: number | undefined): Promise<void>;
  listOutbox(query: { status?: OutboxStatus; limit?: number }): Promise<OutboxItem[]>;
  /** After a delivery: the incident's first-notified mark (for MTTA) and a timeline entry. */
  recordNotified(incidentId: number, channel: string, event: AlertEvent, at: number): Promise<void>;
  /** Puts a dead letter back in the queue. */
  retryDead(id: number, now: number): Promise<boolean>;
};

export type { HealthState };
