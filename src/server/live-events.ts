import type { VigilConfig } from '../config/model';
import type { CheckResult } from '../domain/check-result';
import type { HeartbeatState } from '../heartbeats/model';
import type { AlertWrites } from '../notify/outbox';
import type { HeartbeatStore } from '../heartbeats/store-port';
import type { LiveEvent } from './api/contract';
import { activeMaintenance, cellKey, cellOf } from './api/grid-model';
import { heartbeatInfo } from './api/heartbeats';

/**
 * The live-update hub: the monitor publishes what it stored, each SSE client
 * subscribes. A subscriber keeps at most one pending event per subject (a
 * cell, an incident, a heartbeat): a newer one replaces the older, so a slow
 * client gets the latest state of everything, late, and its memory is
 * bounded by the number of subjects, never by how fast results arrive.
 */

export type Subscription = {
  /** Resolves when something is pending (at once if already). */
  wait(signal?: AbortSignal): Promise<void>;
  /** Takes everything pending, oldest subject first. */
  drain(): LiveEvent[];
  readonly pendingCount: number;
  close(): void;
};

const subjectOf = (event: LiveEvent): string =>
  event.type === 'cell' ? `c:${cellKey(event.data.checkId, event.data.deployment)}` : event.type === 'incident' ? `i:${event.data.id}` : `h:${event.data.name}`;

export class LiveEventHub {
  private readonly subscribers = new Set<{ pending: Map<string, LiveEvent>; wake?: () => void }>();
  published = 0;
  private closed = false;

  /** Once closed, streams end (so a server stopping is not held open by its SSE clients). */
  get isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    this.closed = true;
    for (const subscriber of this.subscribers) subscriber.wake?.();
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  publish(event: LiveEvent): void {
    this.published++;
    const subject = subjectOf(event);
    for (const subscriber of this.subscribers) {
      // Delete first so the replaced subject moves to the end: drain order follows the newest change.
      subscriber.pending.delete(subject);
      subscriber.pending.set(subject, event);
      subscriber.wake?.();
    }
  }

  subscribe(): Subscription {
    const subscriber: { pending: Map<string, LiveEvent>; wake?: () => void } = { pending: new Map() };
    this.subscribers.add(subscriber);
    return {
      wait: (signal) =>
        subscriber.pending.size > 0 || signal?.aborted || this.closed
          ? Promise.resolve()
          : new Promise<void>((resolve) => {
              const done = () => {
                subscriber.wake = undefined;
                signal?.removeEventListener('abort', done);
                resolve();
              };
              subscriber.wake = done;
              signal?.addEventListener('abort', done, { once: true });
            }),
      drain: () => {
        const events = [...subscriber.pending.values()];
        subscriber.pending.clear();
        return events;
      },
      get pendingCount() {
        return subscriber.pending.size;
      },
      close: () => {
        this.subscribers.delete(subscriber);
        subscriber.pending.clear();
        subscriber.wake?.();
      },
    };
  }

  /** After a batch of results (and the alert writes they caused) is stored: a `cell` per result, an `incident` per incident written. */
  publishStored(config: VigilConfig, results: readonly CheckResult[], alerts: AlertWrites, now = Date.now()): void {
    if (this.subscribers.size === 0) return;
    const health = new Map(alerts.health.map((h) => [cellKey(h.checkId, h.deployment), h.health]));
    const checks = new Map(config.checks.map((check) => [check.id, check]));
    const windows = activeMaintenance(config.maintenance, now);
    const newest = new Map<string, CheckResult>();
    for (const result of results) {
      const key = cellKey(result.checkId, result.deployment);
      if ((newest.get(key)?.startedAt ?? -Infinity) <= result.startedAt) newest.set(key, result);
    }
    for (const [key, result] of newest) {
      const check = checks.get(result.checkId);
      // Heartbeats and the scheduler watchdog also go through the writer; they are no grid cells.
      if (!check) continue;
      this.publish({ type: 'cell', data: cellOf(check, result.deployment, health.get(key), result, windows) });
    }
    // Every change, not only status changes: a reminder, an escalation, a new member or an action on the timeline is news to an open incident page.
    for (const { incident } of alerts.incidents) this.publish({ type: 'incident', data: { id: incident.id, status: incident.status, title: incident.title } });
  }

  /** After pings are stored: a `heartbeat` per heartbeat that pinged, with its state now. */
  publishPings(config: Pick<VigilConfig, 'heartbeats'>, states: readonly HeartbeatState[], lastKinds: ReadonlyMap<string, string>, now = Date.now()): void {
    if (this.subscribers.size === 0) return;
    for (const state of states) {
      const heartbeat = config.heartbeats.find((candidate) => candidate.id === state.heartbeatId);
      if (heartbeat) this.publish({ type: 'heartbeat', data: heartbeatInfo(heartbeat, state, lastKinds.get(state.heartbeatId) ?? null, now) });
    }
  }
}

/**
 * A heartbeat store that tells the hub about every stored ping batch: what
 * the ping ingester writes through (so no change to the ingester).
 */
export function publishingPingStore(store: HeartbeatStore, hub: LiveEventHub, config: Pick<VigilConfig, 'heartbeats'>): HeartbeatStore {
  return {
    writePings: async (pings, states) => {
      await store.writePings(pings, states);
      const lastKinds = new Map(pings.map((ping) => [ping.heartbeatId, ping.kind]));
      hub.publishPings(config, states, lastKinds);
    },
    heartbeatStates: () => store.heartbeatStates(),
    listPings: (query) => store.listPings(query),
    countPings: () => store.countPings(),
    prunePings: (before) => store.prunePings(before),
    markEvaluated: (marks, alerts) => store.markEvaluated(marks, alerts),
  };
}

/**
 * Heartbeats turn `late` without any ping; this looks every few seconds and
 * publishes the ones whose state changed. Returns a stop function.
 */
export function watchHeartbeatStates(hub: LiveEventHub, config: Pick<VigilConfig, 'heartbeats'>, store: HeartbeatStore, everyMs = 5_000, onError?: (error: unknown) => void): () => void {
  if (config.heartbeats.length === 0) return () => undefined;
  const last = new Map<string, string>();
  let running = false;
  const timer = setInterval(() => {
    if (running || hub.subscriberCount === 0) return;
    running = true;
    store
      .heartbeatStates()
      .then((states) => {
        const byId = new Map(states.map((state) => [state.heartbeatId, state]));
        const now = Date.now();
        for (const heartbeat of config.heartbeats) {
          const info = heartbeatInfo(heartbeat, byId.get(heartbeat.id), null, now);
          if (last.get(heartbeat.name) === info.state) continue;
          const first = !last.has(heartbeat.name);
          last.set(heartbeat.name, info.state);
          // The first look only learns the states; clients read them from GET /heartbeats.
          if (!first) hub.publish({ type: 'heartbeat', data: info });
        }
      })
      .catch((error: unknown) => onError?.(error))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
